import type { TermHit, TermMatcher } from './glossary.ts';

/** A note's place in a block, as the renderer needs it. */
export interface NoteRange {
  n: number;
  kind: string;
  start: number;
  end: number;
}

/**
 * Term occurrences that can be linked: those outside noted quotes. A noted quote is itself a link
 * (to its note), and links cannot nest.
 */
export function linkableTerms(text: string, notes: readonly NoteRange[], matcher: TermMatcher): TermHit[] {
  return matcher.find(text).filter((h) => notes.every((n) => h.end <= n.start || h.start >= n.end));
}

/** A run of a block's text: plain, a term link, or a noted quote. */
export type Segment =
  | { type: 'text'; text: string }
  | { type: 'term'; text: string; slug: string }
  | { type: 'note'; note: NoteRange; children: Segment[] };

/** Where a term is linked: a hit of the matcher, or one read back from the collection's data. */
export type TermSpan = Pick<TermHit, 'start' | 'end'> & { term: { slug: string } };

function plain(text: string, from: number, to: number, terms: readonly TermSpan[]): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const t of terms) {
    if (t.start < from || t.end > to) continue;
    if (t.start > at) out.push({ type: 'text', text: text.slice(at, t.start) });
    out.push({ type: 'term', text: text.slice(t.start, t.end), slug: t.term.slug });
    at = t.end;
  }
  if (at < to) out.push({ type: 'text', text: text.slice(at, to) });
  return out;
}

/**
 * Split a block's text into segments for rendering. The segments' texts, concatenated, are the
 * block text exactly: annotation adds markup around the words, never words.
 */
export function segments(text: string, notes: readonly NoteRange[], terms: readonly TermSpan[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const n of [...notes].sort((a, b) => a.start - b.start)) {
    out.push(...plain(text, at, n.start, terms));
    out.push({ type: 'note', note: n, children: plain(text, n.start, n.end, terms) });
    at = n.end;
  }
  out.push(...plain(text, at, text.length, terms));
  return out;
}
