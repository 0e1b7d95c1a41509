import * as OpenCC from 'opencc-js/t2cn';
import { convertCollectionData } from '../../src/pipeline/collection.ts';

/**
 * The reference answer to a search, computed straight from the source text: a speech matches
 * when every term of the query occurs, as written, in one of its blocks (title, heading or
 * paragraph); its matching sections are the blocks that contain a term. Deliberately independent
 * of the site's own search code: NFKC for full-width forms, OpenCC for traditional characters.
 */
const t2cn = (OpenCC as unknown as { Converter(o: { from: string; to: string }): (s: string) => string }).Converter({
  from: 'tw',
  to: 'cn',
});
const norm = (s: string) => t2cn(s.normalize('NFKC')).toLowerCase();

export function oracleTerms(query: string): string[] {
  return norm(query).replace(/["“”]/gu, ' ').split(/\s+/u).filter(Boolean);
}

export interface Expected {
  slug: string;
  sections: string[];
}

const speeches = convertCollectionData('.').map(({ data, blocks }) => ({
  slug: data.slug,
  blocks: [...(data.titleDerived ? [] : [{ id: 'title', text: data.title }]), ...blocks].map((b) => ({
    id: b.id,
    text: norm(b.text),
  })),
}));

export function expected(query: string): Expected[] {
  const terms = oracleTerms(query);
  return speeches
    .filter((s) => terms.every((t) => s.blocks.some((b) => b.text.includes(t))))
    .map((s) => ({
      slug: s.slug,
      sections: s.blocks.filter((b) => terms.some((t) => b.text.includes(t))).map((b) => b.id),
    }));
}
