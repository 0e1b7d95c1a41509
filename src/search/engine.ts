import type { FacetPostings, SearchDoc, SearchMeta } from '../schemas/generated.ts';
import { queryKeys, shardOf } from './keys.ts';
import { normalize, parseQuery, type T2S } from './normalize.ts';
import { decodePostings, intersect, lookup } from './postings.ts';
import { verifyDoc, type PageHit } from './verify.ts';

export interface SearchOptions {
  /** Facet filters: year, level, occasion, theme → value. */
  filters?: Record<string, string>;
  /** `newest` first (the default) or `oldest` first. */
  sort?: 'newest' | 'oldest';
  /**
   * Stop once this many speeches are verified (default 5). Each candidate costs its text, so a
   * common word does not fetch the whole collection; `Infinity` verifies every candidate.
   */
  limit?: number;
}

export interface SearchResult {
  terms: string[];
  pages: PageHit[];
  /** Candidates not yet verified (0: `pages` is every speech that contains the query). */
  unverified: number;
}

/** Where the index lives (a variable, so no bundler follows it). */
const ROOT: string = '/search/';

const json = <T>(url: string) =>
  fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json() as Promise<T>;
  });

let ready: Promise<[SearchMeta, T2S]> | undefined;
const shards = new Map<number, Promise<Uint8Array>>();
const docs = new Map<number, Promise<SearchDoc>>();
let facets: Promise<FacetPostings> | undefined;

/** The index's description and the character table, each fetched once, on first use. */
export function load(): Promise<[SearchMeta, T2S]> {
  ready ??= Promise.all([json<SearchMeta>(`${ROOT}meta.json`), json<T2S>(`${ROOT}t2s.json`)]);
  return ready;
}

function shard(meta: SearchMeta, n: number): Promise<Uint8Array> {
  let p = shards.get(n);
  if (!p) {
    p = fetch(`${ROOT}idx/i/${n}.bin?v=${meta.v}`)
      .then((r) => r.arrayBuffer())
      .then((b) => new Uint8Array(b));
    shards.set(n, p);
  }
  return p;
}

function doc(meta: SearchMeta, id: number): Promise<SearchDoc> {
  let p = docs.get(id);
  if (!p) {
    p = json<SearchDoc>(`${ROOT}idx/d/${id}.json?v=${meta.v}`);
    docs.set(id, p);
  }
  return p;
}

function base64Ids(s: string): number[] {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return decodePostings(0, bytes);
}

/** The speeches that can contain every term: the intersection of their keys' postings. */
async function candidates(meta: SearchMeta, terms: readonly string[], filters: Record<string, string>) {
  const keys = [...new Set(terms.flatMap((t) => queryKeys(t)))];
  const lists = await Promise.all(keys.map(async (k) => lookup(await shard(meta, shardOf(k, meta.shards)), k)));
  const wanted = Object.entries(filters).filter(([, v]) => v);
  if (wanted.length) {
    facets ??= json<FacetPostings>(`${ROOT}idx/facets.json?v=${meta.v}`);
    const f = await facets;
    for (const [name, value] of wanted) {
      const encoded = f[name]?.[value];
      lists.push(encoded ? base64Ids(encoded) : []);
    }
  }
  return intersect(lists);
}

/**
 * Search the collection for exactly what was typed. The candidate index (every character and
 * character pair of the text) gives the speeches that may contain each term; each candidate's
 * text is then checked for every term as written, newest first (or oldest), and the passages
 * where they occur are listed. Verification stops at `limit` speeches.
 */
export async function search(raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const [meta, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0) return { terms, pages: [], unverified: 0 };
  const ids = await candidates(meta, terms, options.filters ?? {});
  if (options.sort === 'oldest') ids.reverse();
  const limit = options.limit ?? 5;
  const pages: PageHit[] = [];
  let checked = 0;
  // Fetch texts a few at a time, in order, until enough speeches are verified.
  while (checked < ids.length && pages.length < limit) {
    const batch = ids.slice(checked, checked + Math.max(1, Math.min(5, limit - pages.length)));
    checked += batch.length;
    for (const d of await Promise.all(batch.map((id) => doc(meta, id)))) {
      const hit = verifyDoc(d, terms, table);
      if (hit) pages.push(hit);
    }
  }
  return { terms, pages, unverified: ids.length - checked };
}

/** A page Pagefind ranks for the query's words: a speech (by its title and headings) or a term. */
export interface WordHit {
  url: string;
  title: string;
  /** `讲话` or `术语`. */
  kind: string;
  /** Headings of the speech that match, with their links. */
  sections: Array<{ url: string; title: string }>;
}

interface PagefindResult {
  data(): Promise<{
    url: string;
    meta: Record<string, string>;
    filters: Record<string, string[]>;
    sub_results: Array<{ url: string; title: string }>;
  }>;
}

/** Pagefind's own script, left for the browser to resolve (a variable, so no bundler follows it). */
const PAGEFIND: string = '/pagefind/pagefind.js';
let pagefind: Promise<{ search(q: string): Promise<{ results: PagefindResult[] }> }> | undefined;

/**
 * Word search over the finding aids (titles, headings, glossary terms), ranked by Pagefind: the
 * near matches when the exact phrase occurs nowhere (六稳六保 → headings with 六稳 and 六保).
 * Loaded only when asked for.
 */
export async function wordSearch(raw: string, limit = 8): Promise<WordHit[]> {
  pagefind ??= import(PAGEFIND) as Promise<{ search(q: string): Promise<{ results: PagefindResult[] }> }>;
  const [pf, [, table]] = await Promise.all([pagefind, load()]);
  const found = await pf.search(raw.replace(/["“”]/gu, ' '));
  const data = await Promise.all(found.results.slice(0, 3 * limit).map((r) => r.data()));
  // Near means sharing a pair of characters with the query (Pagefind also matches single
  // characters of a word it cannot segment: 保 of 六保 in 环保).
  const q = normalize(raw, table);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < q.length; i++) if (!/\s/u.test(q[i]! + q[i + 1]!)) pairs.add(q.slice(i, i + 2));
  const near = (text: string) => {
    const t = normalize(text, table);
    for (let i = 0; i + 1 < t.length; i++) if (pairs.has(t.slice(i, i + 2))) return true;
    return pairs.size === 0;
  };
  return data
    .map((d) => ({
      url: d.url,
      title: d.meta['title'] ?? d.url,
      kind: d.url.startsWith('/glossary/') ? '术语' : '讲话',
      sections: d.sub_results
        .filter((s) => s.url.includes('#') && s.title !== d.meta['title'] && near(s.title))
        .slice(0, 3),
    }))
    .filter((w) => w.sections.length > 0 || near(w.title))
    .slice(0, limit);
}
