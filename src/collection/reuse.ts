import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { T2S } from '../search/normalize.ts';
import type { Formulation, SpeechMeta, SpeechShared } from '../schemas/generated.ts';
import { clauses, FORMULATION_SPEECHES, formulationId, sharedPassages, type ReuseBlock } from './passages.ts';

/** A speech as the reuse pass needs it: its metadata (newest first), blocks and facet values. */
export interface ReuseSpeech {
  meta: SpeechMeta;
  blocks: ReadonlyArray<{ id: string; text: string }>;
  facets: Record<string, string[]>;
}

/** Formulations per page of /formulations/ (and per filtered page). */
export const FORMULATIONS_PER_PAGE = 50;

/**
 * Text reuse over the whole collection, once: `shared/<slug>.json` for every speech (its blocks'
 * shared passages and formulation clauses) and `formulations.json` (every formulation, most used
 * first). Returns the number of formulations.
 */
export function writeReuse(dataDir: string, speeches: readonly ReuseSpeech[], t2s: T2S): number {
  const blocks: ReuseBlock[] = [];
  speeches.forEach((s, speech) => {
    for (const b of s.blocks) blocks.push({ speech, id: b.id, text: b.text });
  });
  const shared = sharedPassages(blocks, t2s);
  const ref = (speech: number, block: string): [string, string, number | null, string] => {
    const m = speeches[speech]!.meta;
    return [m.slug, block, m.date.year, m.title];
  };
  // Oldest first: speeches are newest first, so a higher index is older.
  const byAge = (a: number, b: number) => b - a;

  // Formulations: clauses (canonical form) used in at least FORMULATION_SPEECHES speeches.
  const uses = new Map<string, Array<[speech: number, block: string, start: number, end: number, text: string]>>();
  for (const b of blocks) {
    for (const c of clauses(b.text, t2s)) {
      const list = uses.get(c.key) ?? [];
      if (list.at(-1)?.[0] !== b.speech) list.push([b.speech, b.id, c.start, c.end, c.text]);
      uses.set(c.key, list);
    }
  }
  const formulations: Formulation[] = [];
  const inSpeech = speeches.map(() => [] as SpeechShared['formulations']);
  for (const [key, list] of uses) {
    const distinct = new Set(list.map((u) => u[0]));
    if (distinct.size < FORMULATION_SPEECHES) continue;
    const id = formulationId(key);
    const ordered = [...list].sort((a, b) => byAge(a[0], b[0]));
    const byYear: Record<string, number> = {};
    const facets: Record<string, Set<string>> = {};
    for (const s of distinct) {
      const y = String(speeches[s]!.meta.date.year ?? '');
      byYear[y] = (byYear[y] ?? 0) + 1;
      for (const [f, vs] of Object.entries(speeches[s]!.facets)) for (const v of vs) (facets[f] ??= new Set()).add(v);
    }
    for (const [s, block, start, end] of list) inSpeech[s]!.push([block, start, end, id]);
    formulations.push({
      id,
      text: ordered[0]![4],
      speeches: distinct.size,
      first: ref(ordered[0]![0], ordered[0]![1]),
      byYear,
      uses: ordered.map(([s, block]) => ref(s, block)),
      facets: Object.fromEntries(Object.entries(facets).map(([f, vs]) => [f, [...vs].sort()])),
    });
  }
  formulations.sort((a, b) => b.speeches - a.speeches || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));

  rmSync(join(dataDir, 'shared'), { recursive: true, force: true });
  mkdirSync(join(dataDir, 'shared'), { recursive: true });
  let at = 0;
  speeches.forEach((s, speech) => {
    const passages: SpeechShared['passages'] = [];
    for (const b of s.blocks) {
      const found = shared[at++]!;
      if (!found.length) continue;
      // One entry per other speech (its block with the longest shared passage), oldest first.
      const best = new Map<number, (typeof found)[number]>();
      for (const f of found) {
        const o = blocks[f.other]!.speech;
        const old = best.get(o);
        if (!old || f.end - f.start > old.end - old.start) best.set(o, f);
      }
      const longest = found.reduce((m, f) => (f.end - f.start > m.end - m.start ? f : m));
      const others = [...best].sort((x, y) => byAge(x[0], y[0])).map(([o, f]) => ref(o, blocks[f.other]!.id));
      passages.push([b.id, longest.start, longest.end, others]);
    }
    const order = new Map(s.blocks.map((b, i) => [b.id, i]));
    const doc: SpeechShared = {
      passages,
      formulations: inSpeech[speech]!.sort((a, b) => order.get(a[0])! - order.get(b[0])! || a[1] - b[1]),
    };
    writeFileSync(join(dataDir, 'shared', `${s.meta.slug}.json`), JSON.stringify(doc));
  });
  writeFileSync(join(dataDir, 'formulations.json'), JSON.stringify(formulations));
  return formulations.length;
}
