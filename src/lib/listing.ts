import { slugify } from '../pipeline/slug.ts';
import type { Speech } from '../schemas/speech.ts';

/** Speeches per page of a list (home, browse): a page's weight does not grow with the collection. */
export const PER_PAGE = 100;

/** The facets readers browse by, in order, with their labels. */
export const FACETS = [
  { name: 'year', label: '年份' },
  { name: 'level', label: '层级' },
  { name: 'occasion', label: '场合' },
  { name: 'theme', label: '主题' },
] as const;
export type FacetName = (typeof FACETS)[number]['name'];

/** The values of one facet a speech has. */
export function facetValues(s: Pick<Speech, 'date' | 'level' | 'occasions' | 'themes'>, facet: FacetName): string[] {
  if (facet === 'year') return s.date.year ? [String(s.date.year)] : [];
  if (facet === 'level') return s.level ? [s.level] : [];
  return facet === 'occasion' ? s.occasions : s.themes;
}

/** ASCII URL segment for a facet value (years as they are, words in pinyin). */
export const valueSlug = (value: string) => (/^\d+$/u.test(value) ? value : slugify(value) || 'x');

/**
 * URL segments for all the values of one facet: homophones (公示, 公式) spell alike in pinyin,
 * so a clash gets a number (gong-shi, gong-shi-2), in a fixed order, the same wherever asked.
 */
export function facetSlugs(values: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const v of [...new Set(values)].sort()) {
    const base = valueSlug(v);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    out.set(v, slug);
  }
  return out;
}

/** Split a list into pages of PER_PAGE (or of `size`: skeleton pages hold fewer, longer entries). */
export function pages<T>(items: readonly T[], size = PER_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** The path of page `n` (1-based) of a list whose first page is `base`. */
export const pagePath = (base: string, n: number) => (n === 1 ? base : `${base}${n}/`);
