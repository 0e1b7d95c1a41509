/**
 * New and dropped formulations between two speeches (issue 14): the collection's formulations
 * (提法, from each speech's shared.json: [block, start, end] clause spans) and the glossary terms
 * linked in each text, that one speech uses and the other nowhere does. "Nowhere" is checked
 * against the other speech's whole text, not only its own formulation list, so a formulation the
 * other speech has inside a longer clause is not new.
 */
import type { Block } from './align.ts';

/** A place in a speech: a block and offsets in its text. */
export interface Place {
  block: string;
  start: number;
  end: number;
}

/** A formulation or term one speech has and the other lacks, at its first place. */
export interface Found {
  text: string;
  place: Place;
  /** The glossary term's slug, for terms. */
  slug?: string;
}

/** Text compared for presence: letters and digits only, full-width as half-width, lower case. */
export const bare = (text: string) =>
  text
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** The whole text of a speech as compared for presence, blocks apart (no match across two blocks). */
export const bareText = (blocks: readonly Block[]) => blocks.map((b) => bare(b.text)).join('\n');

/**
 * Formulations of one speech (`spans` into its `blocks`) absent from the other (`otherText`,
 * from bareText), each once, at its first place, in reading order.
 */
export function absentFormulations(
  spans: ReadonlyArray<readonly [string, number, number]>,
  blocks: readonly Block[],
  otherText: string,
): Found[] {
  const text = new Map(blocks.map((b) => [b.id, b.text]));
  const seen = new Set<string>();
  const out: Found[] = [];
  for (const [block, start, end] of spans) {
    const t = text.get(block)?.slice(start, end);
    if (!t) continue;
    const key = bare(t);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    if (!otherText.includes(key)) out.push({ text: t, place: { block, start, end } });
  }
  return out;
}

/** A glossary link in a speech: the term's slug, the words linked and where. */
export interface TermUse {
  slug: string;
  text: string;
  place: Place;
}

/**
 * Glossary terms linked in one speech (`uses`, in reading order) and not in the other
 * (`otherSlugs`), whose name (`names`: slug → term) and linked words the other text does not
 * contain either (a term inside a noted quote is not linked, but is there).
 */
export function absentTerms(
  uses: readonly TermUse[],
  otherSlugs: ReadonlySet<string>,
  otherText: string,
  names: ReadonlyMap<string, string>,
): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  for (const u of uses) {
    if (seen.has(u.slug) || otherSlugs.has(u.slug)) continue;
    seen.add(u.slug);
    const name = names.get(u.slug) ?? u.text;
    if (otherText.includes(bare(name)) || otherText.includes(bare(u.text))) continue;
    out.push({ text: name, place: u.place, slug: u.slug });
  }
  return out;
}
