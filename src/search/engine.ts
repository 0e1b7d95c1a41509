import type {
  FacetPostings,
  FormulationDoc,
  GlossarySearch,
  ListChunk,
  NoteDoc,
  SearchDoc,
  SearchMeta,
} from '../schemas/generated.ts';
import { queryKeys, shardOf } from './keys.ts';
import { findRanges, normalize, parseQuery, type T2S } from './normalize.ts';
import { decodePostings, intersect, lookup } from './postings.ts';
import { verifyDoc, type PageHit } from './verify.ts';
import { href } from '../client/base.ts';

export interface SearchOptions {
  /** Facet filters: year, level, occasion, theme → value. */
  filters?: Record<string, string> | undefined;
  /** `newest` first (the default) or `oldest` first. */
  sort?: 'newest' | 'oldest' | undefined;
  /**
   * Stop once this many speeches are verified (default 5). Each candidate costs its text, so a
   * common word does not fetch the whole collection; `Infinity` verifies every candidate.
   */
  limit?: number | undefined;
  /**
   * Verify at least this many candidates, in order, even past `limit` (default 0): what the
   * reader asks for with 再核对 (the candidates checked so far and ten more).
   */
  check?: number | undefined;
}

export interface SearchResult {
  terms: string[];
  pages: PageHit[];
  /** Candidates verified, in order (the first `checked` of them). */
  checked: number;
  /** Candidates not yet verified (0: `pages` is every speech that contains the query). */
  unverified: number;
}

/** Where the index lives, under the base path (a variable, so no bundler follows it). */
const ROOT: string = href('/search/');

const json = <T>(url: string) =>
  fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json() as Promise<T>;
  });

let ready: Promise<[SearchMeta, T2S]> | undefined;
const shards = new Map<number, Promise<Uint8Array>>();
const docs = new Map<number, Promise<SearchDoc>>();
const chunks = new Map<number, Promise<ListChunk>>();
let facets: Promise<FacetPostings> | undefined;
let glossary: Promise<GlossarySearch> | undefined;

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
    // The index names pages by their site path; links go under the base path.
    p = json<SearchDoc>(`${ROOT}idx/d/${id}.json?v=${meta.v}`).then((d) => ({ ...d, u: href(d.u) }));
    docs.set(id, p);
  }
  return p;
}

function chunk(meta: SearchMeta, n: number): Promise<ListChunk> {
  let p = chunks.get(n);
  if (!p) {
    p = json<ListChunk>(`${ROOT}idx/m/${n}.json?v=${meta.v}`);
    chunks.set(n, p);
  }
  return p;
}

function base64Ids(s: string): number[] {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return decodePostings(0, bytes);
}

const wantedFilters = (filters: Record<string, string> = {}) => Object.entries(filters).filter(([, v]) => v);

/** The ids (speeches and notes documents) that have every filter's value; null without filters. */
async function filtered(meta: SearchMeta, filters: Record<string, string> = {}): Promise<number[][] | null> {
  const wanted = wantedFilters(filters);
  if (!wanted.length) return null;
  facets ??= json<FacetPostings>(`${ROOT}idx/facets.json?v=${meta.v}`);
  const f = await facets;
  // A value is looked up exactly as written (a key of facets.json, never split or trimmed).
  return wanted.map(([name, value]) => {
    const encoded = Object.hasOwn(f, name) && Object.hasOwn(f[name]!, value) ? f[name]![value] : undefined;
    return encoded ? base64Ids(encoded) : [];
  });
}

const found = new Map<string, Promise<number[]>>();

/**
 * The documents (speeches, then notes documents) that can contain every term: the intersection
 * of their keys' postings, and of the filters' postings. The speeches and the notes of one query
 * share it (and its shards).
 */
function candidates(meta: SearchMeta, terms: readonly string[], filters: Record<string, string> = {}) {
  const key = JSON.stringify([terms, wantedFilters(filters)]);
  let p = found.get(key);
  if (!p) {
    p = (async () => {
      const keys = [...new Set(terms.flatMap((t) => queryKeys(t)))];
      const lists = await Promise.all(keys.map(async (k) => lookup(await shard(meta, shardOf(k, meta.shards)), k)));
      lists.push(...((await filtered(meta, filters)) ?? []));
      return intersect(lists);
    })();
    if (found.size > 50) found.clear();
    found.set(key, p);
  }
  return p;
}

/**
 * Verify candidates in order, a few texts at a time, until `limit` documents match and at least
 * `check` candidates are verified (or none is left).
 */
async function verifyInOrder<T>(
  meta: SearchMeta,
  ids: readonly number[],
  options: SearchOptions,
  verify: (d: SearchDoc) => T | null,
): Promise<{ hits: T[]; checked: number }> {
  const limit = options.limit ?? 5;
  const check = Math.min(options.check ?? 0, ids.length);
  const hits: T[] = [];
  let checked = 0;
  while (checked < ids.length && (hits.length < limit || checked < check)) {
    const size = Math.max(1, Math.min(5, hits.length < limit ? limit - hits.length : check - checked));
    const batch = ids.slice(checked, checked + size);
    checked += batch.length;
    for (const d of await Promise.all(batch.map((id) => doc(meta, id)))) {
      const hit = verify(d);
      if (hit) hits.push(hit);
    }
  }
  return { hits, checked };
}

/**
 * Search the collection for exactly what was typed. The candidate index (every character and
 * character pair of the text) gives the speeches that may contain each term; each candidate's
 * text is then checked for every term as written, newest first (or oldest), and the passages
 * where they occur are listed. Verification stops at `limit` speeches (or `check` candidates).
 */
export async function search(raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const [meta, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0) return { terms, pages: [], checked: 0, unverified: 0 };
  const ids = (await candidates(meta, terms, options.filters)).filter((id) => id < meta.speeches);
  if (options.sort === 'oldest') ids.reverse();
  const { hits, checked } = await verifyInOrder(meta, ids, options, (d) => verifyDoc(d, terms, table));
  return { terms, pages: hits, checked, unverified: ids.length - checked };
}

/**
 * Search the editorial notes alike: the notes documents (one per speech with notes) among the
 * same candidates. A note matches when it holds every term itself; a hit is a speech with the
 * notes that match (`sections`: id `note-N`, with the note's kind and quote). Filters apply to
 * the notes of the speeches that have the filters' values.
 */
export async function searchNotes(raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const [meta, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0 || !meta.notes) return { terms, pages: [], checked: 0, unverified: 0 };
  const ids = (await candidates(meta, terms, options.filters)).filter(
    (id) => id >= meta.speeches && id < meta.speeches + meta.notes,
  );
  if (options.sort === 'oldest') ids.reverse();
  const { hits, checked } = await verifyInOrder(meta, ids, options, (d) => {
    const hit = verifyDoc(d, terms, table);
    if (!hit) return null;
    const { b, q } = d as NoteDoc;
    const sections = hit.sections.flatMap((s) => {
      const norm = normalize(s.text, table);
      if (!terms.every((t) => norm.includes(t))) return [];
      const [kind, quote] = q[b.findIndex(([id]) => id === s.id)] ?? ['', ''];
      return [{ ...s, note: { kind, quote } }];
    });
    return sections.length ? { ...hit, sections } : null;
  });
  return { terms, pages: hits, checked, unverified: ids.length - checked };
}

/** A formulation (提法) that holds every term: its text, where they are, the speeches using it. */
export interface FormulationHit {
  text: string;
  ranges: Array<[number, number]>;
  speeches: number;
}

/**
 * Search the formulations alike: their documents (FORMULATION_DOC each, most used first) among
 * the same candidates, verified in order until `limit` formulations match. No filters: a
 * formulation is counted over the whole collection.
 */
export async function searchFormulations(raw: string, limit = 10): Promise<{ hits: FormulationHit[]; more: boolean }> {
  const [meta, table] = await load();
  const terms = parseQuery(raw, table);
  const first = meta.speeches + meta.notes;
  if (terms.length === 0 || !meta.formulations) return { hits: [], more: false };
  const ids = (await candidates(meta, terms)).filter((id) => id >= first);
  const hits: FormulationHit[] = [];
  let checked = 0;
  while (checked < ids.length && hits.length <= limit) {
    const batch = ids.slice(checked, checked + 3);
    checked += batch.length;
    for (const d of (await Promise.all(batch.map((id) => doc(meta, id)))) as FormulationDoc[])
      d.b.forEach(([, text], i) => {
        const norm = normalize(text, table);
        if (terms.every((t) => norm.includes(t)))
          hits.push({ text, ranges: findRanges(norm, terms), speeches: d.n[i]! });
      });
  }
  return { hits: hits.slice(0, limit), more: hits.length > limit || checked < ids.length };
}

/**
 * Search the glossary (term, aliases, definition) for every term exactly, with the same
 * normalisation: hits link to the term's page, those whose term or alias holds the query first.
 * The glossary is hand-written and small, so it is fetched whole, once.
 */
export async function searchGlossary(raw: string): Promise<PageHit[]> {
  const [meta, table] = await load();
  const terms = parseQuery(raw, table);
  if (terms.length === 0) return [];
  glossary ??= json<GlossarySearch>(`${ROOT}idx/glossary.json?v=${meta.v}`);
  const hits: PageHit[] = [];
  for (const [slug, term, aliases, definition] of await glossary) {
    const hit = verifyDoc(
      {
        u: href(`/glossary/${slug}/`),
        t: term,
        d: '',
        k: 0,
        l: '',
        b: [['term', term], ...aliases.map((a) => ['alias', a] as [string, string]), ['definition', definition]],
      },
      terms,
      table,
    );
    if (hit) hits.push(hit);
  }
  const named = (h: PageHit) => (h.sections.some((s) => s.id !== 'definition') ? 0 : 1);
  return hits.sort((a, b) => named(a) - named(b));
}

/**
 * The speeches that have every filter's value (no query), newest first or oldest first, from
 * the facet postings; `count` of them listed (default 20) from the short list of every speech.
 */
export async function browse(
  filters: Record<string, string>,
  options: { sort?: 'newest' | 'oldest' | undefined; count?: number | undefined } = {},
): Promise<{ pages: PageHit[]; total: number }> {
  const [meta] = await load();
  const lists = await filtered(meta, filters);
  if (!lists) return { pages: [], total: 0 };
  const ids = intersect(lists).filter((id) => id < meta.speeches);
  if (options.sort === 'oldest') ids.reverse();
  const shown = ids.slice(0, options.count ?? 20);
  const parts = new Map(
    await Promise.all(
      [...new Set(shown.map((id) => Math.floor(id / meta.chunk)))].map(async (c) => [c, await chunk(meta, c)] as const),
    ),
  );
  const pages = shown.map((id): PageHit => {
    const [url, title, date, dateKey, level] = parts.get(Math.floor(id / meta.chunk))![id % meta.chunk]!;
    return { url: href(url), title, date, dateKey, level, sections: [] };
  });
  return { pages, total: ids.length };
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

/**
 * Pagefind's own script, left for the browser to resolve (a variable, so no bundler follows it).
 * Loaded from under the base path, it prefixes its results' URLs with that path itself.
 */
const PAGEFIND: string = href('/pagefind/pagefind.js');
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
      kind: d.url.startsWith(href('/glossary/')) ? '术语' : '讲话',
      sections: d.sub_results
        .filter((s) => s.url.includes('#') && s.title !== d.meta['title'] && near(s.title))
        .slice(0, 3),
    }))
    .filter((w) => w.sections.length > 0 || near(w.title))
    .slice(0, limit);
}
