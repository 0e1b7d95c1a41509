import type { SearchDoc } from '../schemas/generated.ts';
import { findRanges, normalize, type T2S } from './normalize.ts';

/** A heading or paragraph that contains what was searched for. */
export interface SectionHit {
  id: string;
  /** Headings above it, outermost first, e.g. ['二、坚守…', '（三）守住…']. */
  path: string[];
  text: string;
  /** Where the terms occur in `text`, merged. */
  ranges: Array<[number, number]>;
  /** For a note (`note-N`): its kind as shown and the quote it is anchored to. */
  note?: { kind: string; quote: string };
}

/** A speech whose text contains every term, with the sections where they occur. */
export interface PageHit {
  url: string;
  title: string;
  date: string;
  dateKey: number;
  level: string;
  sections: SectionHit[];
}

/** Outline depth of a heading id (`s2-3` → 2), 0 for anything else. */
const depthOf = (id: string) => (/^s\d/u.test(id) ? id.split('-').length : 0);

/**
 * Check a candidate speech against the query's exact terms: each term must occur as written
 * (after normalisation) inside one block, and every term somewhere in the speech. The candidate
 * index matches keys, not positions, so this is what makes a result exact. Returns null when the
 * speech does not contain them all.
 */
export function verifyDoc(doc: SearchDoc, terms: readonly string[], t2s: T2S): PageHit | null {
  const stack: string[] = [];
  const sections: SectionHit[] = [];
  const found = new Set<string>();
  for (const [id, text] of doc.b) {
    const depth = depthOf(id);
    if (depth) {
      stack.length = depth - 1;
      stack.push(text);
    }
    const norm = normalize(text, t2s);
    const here = terms.filter((t) => norm.includes(t));
    if (here.length === 0) continue;
    for (const t of here) found.add(t);
    sections.push({ id, path: depth ? stack.slice(0, -1) : [...stack], text, ranges: findRanges(norm, terms) });
  }
  if (found.size < terms.length) return null;
  return { url: doc.u, title: doc.t, date: doc.d, dateKey: doc.k, level: doc.l, sections };
}

/** A window of the text around its first match, with ranges shifted into the window. */
export function excerpt(
  hit: SectionHit,
  radius = 40,
): { text: string; ranges: Array<[number, number]>; cut: [boolean, boolean] } {
  const first = hit.ranges[0] ?? [0, 0];
  const start = Math.max(0, first[0] - radius);
  const end = Math.min(hit.text.length, Math.max(first[1] + radius, start + 2 * radius));
  return {
    text: hit.text.slice(start, end),
    ranges: hit.ranges
      .filter(([a, b]) => a < end && b > start)
      .map(([a, b]) => [Math.max(a, start) - start, Math.min(b, end) - start] as [number, number]),
    cut: [start > 0, end < hit.text.length],
  };
}
