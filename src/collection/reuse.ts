import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { T2S } from '../search/normalize.ts';
import type { Formulation, SpeechMeta, SpeechShared } from '../schemas/generated.ts';
import { clauses, FORMULATION_SPEECHES, sharedPassagesBy, type ReuseBlock } from './passages.ts';

/** A speech as the reuse pass needs it: its metadata (newest first), blocks and facet values. */
export interface ReuseSpeech {
  meta: SpeechMeta;
  blocks: ReadonlyArray<{ id: string; text: string }>;
  facets: Record<string, string[]>;
}

/** Formulations per page of /formulations/ (and per filtered page). */
export const FORMULATIONS_PER_PAGE = 50;
/** Other speeches kept per block (the earliest): what the reuse page lists. */
export const SHARED_LISTED = 50;

/**
 * Text reuse over the whole collection, once: `shared/<slug>.json` for every speech (its blocks'
 * shared passages and formulation clauses) and `formulations.json` (every formulation, most used
 * first). Other speeches are referred to by their position in the collection (`order`), so the
 * files stay small however often a passage recurs. Returns the number of formulations.
 */
export function writeReuse(dataDir: string, speeches: readonly ReuseSpeech[], t2s: T2S): number {
  const blocks: ReuseBlock[] = [];
  speeches.forEach((s, speech) => {
    for (const b of s.blocks) blocks.push({ speech, id: b.id, text: b.text });
  });
  const take = sharedPassagesBy(blocks, t2s);
  // Speeches are newest first, so a higher index is older: oldest first is descending index.
  const order = (speech: number) => speeches[speech]!.meta.order;

  // Formulations: clauses (canonical form) used in at least FORMULATION_SPEECHES speeches. First
  // count the speeches of every clause (one number per clause: count × 2^20 + last speech), then
  // keep the uses of only those used often enough: most clauses are used once.
  const SPEECH = 2 ** 20;
  const counts = new Map<string, number>();
  for (const b of blocks)
    for (const c of clauses(b.text, t2s)) {
      const v = counts.get(c.key) ?? 0;
      const seen = counts.has(c.key);
      const last = v % SPEECH;
      const n = Math.floor(v / SPEECH);
      if (!seen) counts.set(c.key, SPEECH + b.speech);
      else if (last !== b.speech) counts.set(c.key, (n + 1) * SPEECH + b.speech);
    }
  const uses = new Map<string, Array<[speech: number, block: string, start: number, end: number, text: string]>>();
  for (const b of blocks)
    for (const c of clauses(b.text, t2s)) {
      if (Math.floor(counts.get(c.key)! / SPEECH) < FORMULATION_SPEECHES) continue;
      let list = uses.get(c.key);
      if (!list) uses.set(c.key, (list = []));
      list.push([b.speech, b.id, c.start, c.end, c.text]);
    }
  counts.clear();
  const formulations: Formulation[] = [];
  const inSpeech = speeches.map(() => [] as SpeechShared['formulations']);
  for (const list of uses.values()) {
    // Every use is marked in its speech; speeches are counted once each.
    const users = new Set(list.map((u) => u[0]));
    if (users.size < FORMULATION_SPEECHES) continue;
    const oldest = list.reduce((m, u) => (u[0] > m[0] ? u : m));
    const byYear: Record<string, number> = {};
    const facets: Record<string, Set<string>> = {};
    for (const s of users) {
      const y = String(speeches[s]!.meta.date.year ?? '');
      byYear[y] = (byYear[y] ?? 0) + 1;
      for (const [f, vs] of Object.entries(speeches[s]!.facets)) for (const v of vs) (facets[f] ??= new Set()).add(v);
    }
    for (const [s, block, start, end] of list) inSpeech[s]!.push([block, start, end]);
    formulations.push({
      text: oldest[4],
      speeches: users.size,
      first: [order(oldest[0]), oldest[1]],
      byYear,
      facets: Object.fromEntries(Object.entries(facets).map(([f, vs]) => [f, [...vs].sort()])),
    });
  }
  formulations.sort((a, b) => b.speeches - a.speeches || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));

  // Written over the last run's files, then the files of speeches no longer there are removed
  // (the dev server may read one meanwhile).
  mkdirSync(join(dataDir, 'shared'), { recursive: true });
  const written = new Set<string>();
  let at = 0;
  speeches.forEach((s, speech) => {
    const passages: SpeechShared['passages'] = [];
    for (const b of s.blocks) {
      const { spans, bySpeech } = take(at++);
      if (!bySpeech.size) continue;
      // Per other speech its block with the longest shared run, oldest first (higher index).
      const others = [...bySpeech]
        .sort((x, y) => y[0] - x[0])
        .slice(0, SHARED_LISTED)
        .map(([o, [y]]): [number, string] => [order(o), blocks[y]!.id]);
      passages.push([b.id, spans, bySpeech.size, others]);
    }
    const index = new Map(s.blocks.map((b, i) => [b.id, i]));
    const doc: SpeechShared = {
      passages,
      formulations: inSpeech[speech]!.sort((a, b) => index.get(a[0])! - index.get(b[0])! || a[1] - b[1]),
    };
    writeFileSync(join(dataDir, 'shared', `${s.meta.slug}.json`), JSON.stringify(doc));
    written.add(`${s.meta.slug}.json`);
  });
  for (const f of readdirSync(join(dataDir, 'shared'))) if (!written.has(f)) rmSync(join(dataDir, 'shared', f));
  writeFileSync(join(dataDir, 'formulations.json'), JSON.stringify(formulations));
  return formulations.length;
}
