import { parseQuery, type T2S } from './normalize.ts';
import { verifyFragment, type Fragment, type PageHit } from './verify.ts';

/** The part of Pagefind's browser API we use. */
interface Pagefind {
  init(): Promise<void>;
  search(
    q: string,
    o?: { filters?: Record<string, string | string[]>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<{ results: Array<{ data(): Promise<Fragment> }> }>;
}

export interface SearchOptions {
  /** Pagefind filters: year, level, occasion, theme. */
  filters?: Record<string, string>;
  /** `relevance` (Pagefind's ranking) or `date` (newest first). */
  sort?: 'relevance' | 'date';
  /**
   * Stop once this many speeches are verified (default 5, as many as Pagefind shows at first). Each candidate costs its fragment, so
   * a common word does not fetch the whole collection; `Infinity` verifies every candidate.
   */
  limit?: number;
}

export interface SearchResult {
  terms: string[];
  pages: PageHit[];
  /** Candidates not yet verified (0: `pages` is every speech that contains the query). */
  unverified: number;
}

let pagefind: Promise<Pagefind> | undefined;
let t2s: Promise<T2S> | undefined;
/** Pagefind's own script, left for the browser to resolve (a variable, so no bundler follows it). */
const PAGEFIND: string = '/pagefind/pagefind.js';

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
 * Search the collection for exactly what was typed. Pagefind supplies candidates in its order
 * (its unquoted search is the widest; sorted by date when asked); each candidate's fragment, which
 * Pagefind fetches and caches anyway to show a result, is then checked for every term as written,
 * and the passages where they occur are listed. Verification stops at `limit` speeches.
 */
export async function search(raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const [pf, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0) return { terms, pages: [], unverified: 0 };
  const found = await pf.search(terms.join(' '), {
    ...(options.filters ? { filters: options.filters } : {}),
    ...(options.sort === 'date' ? { sort: { date: 'desc' } } : {}),
  });
  const limit = options.limit ?? 5;
  const pages: PageHit[] = [];
  let checked = 0;
  // Fetch fragments a few at a time, in order, until enough speeches are verified.
  while (checked < found.results.length && pages.length < limit) {
    const batch = found.results.slice(checked, checked + Math.max(1, Math.min(5, limit - pages.length)));
    checked += batch.length;
    for (const f of await Promise.all(batch.map((r) => r.data()))) {
      const hit = verifyFragment(f, terms, table);
      if (hit) pages.push(hit);
    }
  }
  return { terms, pages, unverified: found.results.length - checked };
}
