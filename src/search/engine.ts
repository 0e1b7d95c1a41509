import { parseQuery, type T2S } from './normalize.ts';
import { verifyFragment, type Fragment, type PageHit } from './verify.ts';

/** The part of Pagefind's browser API we use. */
interface Pagefind {
  init(): Promise<void>;
  search(
    q: string,
    o?: { filters?: Record<string, string | string[]> },
  ): Promise<{ results: Array<{ data(): Promise<Fragment> }> }>;
}

export interface SearchOptions {
  /** Pagefind filters: year, level, occasion, theme. */
  filters?: Record<string, string>;
  /** `relevance` (most matching passages first) or `date` (newest first). */
  sort?: 'relevance' | 'date';
}

export interface SearchResult {
  terms: string[];
  pages: PageHit[];
}

/** Pagefind's own script, left for the browser to resolve (a variable, so no bundler follows it). */
const PAGEFIND: string = '/pagefind/pagefind.js';
let pagefind: Promise<Pagefind> | undefined;
let t2s: Promise<T2S> | undefined;

/** Pagefind's script and our character table, each fetched once, on first use. */
export function load(): Promise<[Pagefind, T2S]> {
  pagefind ??= import(PAGEFIND).then(async (pf: Pagefind) => {
    await pf.init();
    return pf;
  });
  t2s ??= fetch('/search/t2s.json').then((r) => r.json() as Promise<T2S>);
  return Promise.all([pagefind, t2s]);
}

/**
 * Search the collection for exactly what was typed. Pagefind supplies candidates (its unquoted
 * search is the widest); each candidate's fragment, which Pagefind caches, is then checked for
 * every term as written, and the passages where they occur are listed.
 */
export async function search(raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const [pf, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0) return { terms, pages: [] };
  const found = await pf.search(terms.join(' '), options.filters ? { filters: options.filters } : {});
  const fragments = await Promise.all(found.results.map((r) => r.data()));
  const pages = fragments.flatMap((f) => verifyFragment(f, terms, table) ?? []);
  if (options.sort === 'date') pages.sort((a, b) => b.dateKey - a.dateKey);
  else pages.sort((a, b) => b.sections.length - a.sections.length);
  return { terms, pages };
}
