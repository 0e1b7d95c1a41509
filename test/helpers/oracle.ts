import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js/t2cn';
import { parse } from 'yaml';
import type { SpeechMarks } from '../../src/schemas/generated.ts';
import { blocksOf, converted, site } from './site.ts';

/**
 * The reference answer to a search, computed straight from the converted text: a speech matches
 * when every term of the query occurs, as written, in one of its blocks (title, heading or
 * paragraph); its matching sections are the blocks that contain a term. Deliberately independent
 * of the site's own search code: NFKC for full-width forms, OpenCC directly (not the site's
 * table) for traditional characters, applied alike to the query and to the text.
 */
const t2cn = (OpenCC as unknown as { Converter(o: { from: string; to: string }): (s: string) => string }).Converter({
  from: 'tw',
  to: 'cn',
});
/** OpenCC character by character where it maps one to one (as a search that keeps positions must). */
const norm = (s: string) =>
  [...s.normalize('NFKC')]
    .map((c) => {
      const m = t2cn(c);
      return m.length === 1 ? m : c;
    })
    .join('')
    .toLowerCase();

const speeches = converted().map((s) => ({
  slug: s.slug,
  blocks: [...(s.titleDerived ? [] : [{ id: 'title', text: s.title }]), ...blocksOf(s.source.file)].map((b) => ({
    id: b.id,
    text: norm(b.text),
  })),
}));

export function oracleTerms(query: string): string[] {
  // Only spaces separate terms; ASCII quotes group; Chinese quotes are characters of the phrase.
  return norm(query).replace(/"/gu, ' ').split(/\s+/u).filter(Boolean);
}

export interface Expected {
  slug: string;
  sections: string[];
}

export function expected(query: string): Expected[] {
  const terms = oracleTerms(query);
  return speeches
    .filter((s) => terms.every((t) => s.blocks.some((b) => b.text.includes(t))))
    .map((s) => ({
      slug: s.slug,
      sections: s.blocks.filter((b) => terms.some((t) => b.text.includes(t))).map((b) => b.id),
    }));
}

/**
 * The notes a search should list: every note whose body holds every term of the query, as
 * `/speeches/<slug>/#note-N` (the numbers are the ones the collection stage placed on the page).
 */
export function expectedNotes(query: string): string[] {
  const terms = oracleTerms(query);
  return converted().flatMap((s) => {
    const marks = JSON.parse(readFileSync(site('.generated/data/marks', `${s.slug}.json`), 'utf8')) as SpeechMarks;
    return marks.notes
      .filter((n) => terms.every((t) => norm(n.body).includes(t)))
      .map((n) => `/speeches/${s.slug}/#note-${n.n}`);
  });
}

/** The glossary terms a search should list: term, an alias or the definition holds each term of the query. */
export function expectedTerms(query: string): string[] {
  const terms = oracleTerms(query);
  const glossary = parse(readFileSync(site('content/glossary.yaml'), 'utf8')) as Array<{
    slug: string;
    term: string;
    aliases?: string[];
    definition: string;
  }>;
  return glossary
    .filter((g) => {
      const fields = [g.term, ...(g.aliases ?? []), g.definition].map(norm);
      return terms.every((t) => fields.some((f) => f.includes(t)));
    })
    .map((g) => `/glossary/${g.slug}/`);
}

/**
 * The formulations (as the collection stage listed them, most used first) whose text holds every
 * term: what the search page's 常见提法 group lists. Which clauses are formulations is the reuse
 * tests' business (test/integration/reuse.test.ts checks the list against brute force).
 */
export function expectedFormulations(query: string): string[] {
  const terms = oracleTerms(query);
  const all = JSON.parse(readFileSync(site('.generated/data/formulations.json'), 'utf8')) as Array<{ text: string }>;
  return all.filter((f) => terms.every((t) => norm(f.text).includes(t))).map((f) => f.text);
}
