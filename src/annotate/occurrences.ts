import type { GlossaryTerm } from '../schemas/annotations.ts';
import type { Speech } from '../schemas/speech.ts';
import { convertCollectionData } from '../pipeline/collection.ts';
import { join } from 'node:path';
import { GLOSSARY_FILE, loadGlossary, TermMatcher } from './glossary.ts';
import { speechNotes } from './notes.ts';
import { linkableTerms } from './segments.ts';

/** One occurrence of a term, with a few characters of context either side (keyword in context). */
export interface Occurrence {
  speech: Pick<Speech, 'slug' | 'title' | 'date'>;
  /** The block (`s2-3`, `p17`) it occurs in. */
  block: string;
  before: string;
  match: string;
  after: string;
}

/**
 * Every linked occurrence of every glossary term in the collection, by term slug, found exactly
 * as speech pages link them (same matcher, same rule for terms that straddle a noted quote).
 */
export function collectOccurrences(
  root = '.',
  context = 12,
): { terms: GlossaryTerm[]; bySlug: Map<string, Occurrence[]> } {
  const terms = loadGlossary(join(root, GLOSSARY_FILE));
  const matcher = new TermMatcher(terms);
  const bySlug = new Map<string, Occurrence[]>(terms.map((t) => [t.slug, []]));
  for (const { data, blocks } of convertCollectionData(root)) {
    const anchored = speechNotes(data, blocks, root);
    for (const b of blocks) {
      const ranges = anchored.filter((a) => a.block === b.id);
      for (const hit of linkableTerms(b.text, ranges, matcher)) {
        bySlug.get(hit.term.slug)!.push({
          speech: { slug: data.slug, title: data.title, date: data.date },
          block: b.id,
          before: b.text.slice(Math.max(0, hit.start - context), hit.start),
          match: b.text.slice(hit.start, hit.end),
          after: b.text.slice(hit.end, hit.end + context),
        });
      }
    }
  }
  return { terms, bySlug };
}

/** Toneless pinyin, for sorting and grouping (lǜ → lv). */
export const plainPinyin = (p: string) =>
  p
    .normalize('NFD')
    .replace(/\u0308/gu, 'v')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
