import { findRanges, normalize, type T2S } from './normalize.ts';

/** An element with an id, as Pagefind records it in a page fragment. */
export interface Anchor {
  element: string;
  id: string;
  text: string;
  location: number;
}

/** The part of a Pagefind fragment (`result.data()`) that verification reads. */
export interface Fragment {
  url: string;
  meta: Record<string, string | undefined>;
  anchors: Anchor[];
}

/** A heading or paragraph that contains what was searched for. */
export interface SectionHit {
  id: string;
  /** Headings above it, outermost first, e.g. ['二、坚守…', '（三）守住…']. */
  path: string[];
  text: string;
  /** Where the terms occur in `text`, merged. */
  ranges: Array<[number, number]>;
}

/** A speech whose text contains every term, with the sections where they occur. */
export interface PageHit {
  url: string;
  title: string;
  date: string;
  dateKey: number;
  level: string;
  sections: SectionHit[];
}

// Only the speech's own blocks: the title, sections and paragraphs (not ids nested inside them).
const BLOCK_ID = /^(?:title|s\d+(?:-\d+)*|p\d+)$/u;

/**
 * Check a candidate page against the query's exact terms. Pagefind finds candidates by its own
 * word segmentation, which can match the pieces of a phrase apart (两个维护 on a page with 两个…维护);
 * here each term must occur as written (after normalisation) inside one block, and every term
 * somewhere in the page. Returns null when the page does not contain them all.
 */
export function verifyFragment(f: Fragment, terms: readonly string[], t2s: T2S): PageHit | null {
  const stack: string[] = [];
  const sections: SectionHit[] = [];
  const found = new Set<string>();
  for (const a of f.anchors) {
    if (!BLOCK_ID.test(a.id)) continue;
    const level = /^h([2-6])$/u.exec(a.element)?.[1];
    if (level) {
      stack.length = Number(level) - 2;
      stack.push(a.text);
    }
    const norm = normalize(a.text, t2s);
    const here = terms.filter((t) => norm.includes(t));
    if (here.length === 0) continue;
    for (const t of here) found.add(t);
    sections.push({
      id: a.id,
      path: level ? stack.slice(0, -1) : [...stack],
      text: a.text,
      ranges: findRanges(norm, terms),
    });
  }
  if (found.size < terms.length) return null;
  return {
    url: f.url,
    title: f.meta['title'] ?? f.url,
    date: f.meta['date'] ?? '',
    dateKey: Number(f.meta['datekey'] ?? 0),
    level: f.meta['level'] ?? '',
    sections,
  };
}

/** A window of the text around its first match, with ranges shifted into the window. */
export function excerpt(
  hit: SectionHit,
  radius = 40,
): { text: string; ranges: Array<[number, number]>; cut: [boolean, boolean] } {
  const first = hit.ranges[0] ?? [0, 0];
  const start = Math.max(0, first[0] - radius);
  const end = Math.min(hit.text.length, Math.max(first[1] + radius, start + 2 * radius));
  return {
    text: hit.text.slice(start, end),
    ranges: hit.ranges
      .filter(([a, b]) => a < end && b > start)
      .map(([a, b]) => [Math.max(a, start) - start, Math.min(b, end) - start] as [number, number]),
    cut: [start > 0, end < hit.text.length],
  };
}
