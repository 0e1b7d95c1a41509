import type { SpeechMeta } from '../schemas/generated.ts';

/** A speech as another page links to it. */
export interface SpeechRef {
  slug: string;
  title: string;
  year: number | null;
}

/** What a speech page shows around the speech: the speeches before and after it, and related ones. */
export interface Around {
  older: SpeechRef | null;
  newer: SpeechRef | null;
  /** Up to three speeches given at the same kind of meeting, nearest in date. */
  related: SpeechRef[];
}

const ref = (s: SpeechMeta): SpeechRef => ({ slug: s.slug, title: s.title, year: s.date.year });

/**
 * Neighbours and related speeches for every speech, in one pass over the collection: related
 * speeches are the nearest in date at the same kind of meeting (its first occasion, else its
 * first theme), excluding its neighbours in the whole collection. Linear in the collection.
 */
export function around(speeches: readonly SpeechMeta[]): Map<string, Around> {
  const bySlug = new Map(speeches.map((s) => [s.slug, s]));
  const groups = new Map<string, SpeechMeta[]>();
  for (const s of [...speeches].sort((a, b) => a.order - b.order)) {
    const key = s.occasions[0] ? `o:${s.occasions[0]}` : s.themes[0] ? `t:${s.themes[0]}` : '';
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const out = new Map<string, Around>();
  for (const s of speeches) {
    const older = s.older ? (bySlug.get(s.older) ?? null) : null;
    const newer = s.newer ? (bySlug.get(s.newer) ?? null) : null;
    out.set(s.slug, { older: older && ref(older), newer: newer && ref(newer), related: [] });
  }
  for (const list of groups.values()) {
    list.forEach((s, i) => {
      const skip = new Set([s.slug, s.older, s.newer]);
      const related: SpeechRef[] = [];
      // Walk outwards from the speech, alternating newer and older.
      for (let d = 1; related.length < 3 && (i - d >= 0 || i + d < list.length); d++) {
        for (const j of [i - d, i + d]) {
          const r = list[j];
          if (r && !skip.has(r.slug) && related.length < 3) related.push(ref(r));
        }
      }
      out.get(s.slug)!.related = related;
    });
  }
  return out;
}
