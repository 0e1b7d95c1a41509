import type { Speech } from '../schemas/speech.ts';

/** A facet of the collection that readers filter by, with the values that occur in it. */
export interface Facet {
  /** URL parameter and Pagefind filter name. */
  name: 'year' | 'level' | 'occasion' | 'theme';
  label: string;
  values: string[];
}

const unique = (xs: string[]) => [...new Set(xs)].sort((a, b) => b.localeCompare(a, 'zh-CN'));

/** Year (newest first), level (national down to county), occasion and theme, as they occur. */
export function facets(speeches: readonly Speech[]): Facet[] {
  return [
    {
      name: 'year',
      label: '年份',
      values: unique(speeches.flatMap((s) => (s.date.year ? [String(s.date.year)] : []))),
    },
    {
      name: 'level',
      label: '层级',
      values: ['国家', '省', '市', '县'].filter((l) => speeches.some((s) => s.level === l)),
    },
    { name: 'occasion', label: '场合', values: unique(speeches.flatMap((s) => s.occasions)) },
    { name: 'theme', label: '主题', values: unique(speeches.flatMap((s) => s.themes)) },
  ];
}
