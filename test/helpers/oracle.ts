import * as OpenCC from 'opencc-js/t2cn';
import { convertCollectionData } from '../../src/pipeline/collection.ts';

/**
 * The reference answer to a search, computed straight from the source text: a speech matches
 * when every term of the query occurs, as written, in one of its blocks (title, heading or
 * paragraph); its matching sections are the blocks that contain a term. Deliberately independent
 * of the site's own search code: NFKC for full-width forms, OpenCC (directly, not the site's table)
 * for traditional characters the collection does not itself use.
 */
const t2cn = (OpenCC as unknown as { Converter(o: { from: string; to: string }): (s: string) => string }).Converter({
  from: 'tw',
  to: 'cn',
});

const speeches = convertCollectionData('.').map(({ data, blocks }) => ({
  slug: data.slug,
  blocks: [...(data.titleDerived ? [] : [{ id: 'title', text: data.title }]), ...blocks],
}));
/** Characters the collection uses are text as written (著 in 原著), never traditional variants. */
const used = new Set(speeches.flatMap((s) => s.blocks.flatMap((b) => [...b.text])));
const normQuery = (q: string) =>
  [...q.normalize('NFKC')]
    .map((c) => (used.has(c) ? c : t2cn(c)))
    .join('')
    .toLowerCase();

export function oracleTerms(query: string): string[] {
  return normQuery(query).replace(/["“”]/gu, ' ').split(/\s+/u).filter(Boolean);
}

export interface Expected {
  slug: string;
  sections: string[];
}

const normalised = speeches.map((s) => ({
  slug: s.slug,
  blocks: s.blocks.map((b) => ({ id: b.id, text: b.text.normalize('NFKC').toLowerCase() })),
}));

export function expected(query: string): Expected[] {
  const terms = oracleTerms(query);
  return normalised
    .filter((s) => terms.every((t) => s.blocks.some((b) => b.text.includes(t))))
    .map((s) => ({
      slug: s.slug,
      sections: s.blocks.filter((b) => terms.some((t) => b.text.includes(t))).map((b) => b.id),
    }));
}
