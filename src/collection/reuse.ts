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
export const SHARED_LISTED = 12;

/**
 * Text reuse over the whole collection, once: `shared/<slug>.json` for every speech (its blocks'
 * shared passages and formulation clauses) and `formulations.json` (every formulation, most used
 * first). Other speeches are referred to by their position in the collection (`order`), so the
 * files stay small however often a passage recurs. Returns the formulations, most used first.
 */
export function writeReuse(dataDir: string, speeches: readonly ReuseSpeech[], t2s: T2S): Formulation[] {
  const blocks: ReuseBlock[] = [];
  speeches.forEach((s, speech) => {
    for (const b of s.blocks) blocks.push({ speech, id: b.id, text: b.text });
  });
  // Speeches are newest first, so a higher index is older: oldest first is descending index.
  const order = (speech: number) => speeches[speech]!.meta.order;

  // Formulations first: the scratch memory of counting clauses is returned before the
  // passages' is taken (at 10,000 speeches each is hundreds of MB).
  const { uses, n, keys } = clauseUses(blocks, t2s);
  const take = sharedPassagesBy(blocks, t2s);
  // Uses grouped by key (a counting sort), then each key's speeches counted exactly.
  const byKey = groupBy(uses, n, 0, keys);
  const isFormulation = new Uint8Array(keys);
  const seen = new Int32Array(speeches.length).fill(-1);
  const formulations: Formulation[] = [];
  for (let k = 0; k < keys; k++) {
    const users: number[] = [];
    let oldest = -1;
    for (let j = byKey.start[k]!; j < byKey.start[k + 1]!; j++) {
      const u = byKey.order[j]!;
      const speech = blocks[uses[u + 1]!]!.speech;
      if (seen[speech] !== k) {
        seen[speech] = k;
        users.push(speech);
      }
      // The oldest use: the highest speech index, its first block.
      if (oldest < 0 || speech > blocks[uses[oldest + 1]!]!.speech) oldest = u;
    }
    if (users.length < FORMULATION_SPEECHES) continue;
    isFormulation[k] = 1;
    const byYear: Record<string, number> = {};
    const facets: Record<string, Set<string>> = {};
    for (const s of users) {
      const y = String(speeches[s]!.meta.date.year ?? '');
      byYear[y] = (byYear[y] ?? 0) + 1;
      for (const [f, vs] of Object.entries(speeches[s]!.facets)) for (const v of vs) (facets[f] ??= new Set()).add(v);
    }
    const first = blocks[uses[oldest + 1]!]!;
    formulations.push({
      text: first.text.slice(uses[oldest + 2], uses[oldest + 3]),
      speeches: users.length,
      first: [order(first.speech), first.id],
      byYear,
      facets: Object.fromEntries(Object.entries(facets).map(([f, vs]) => [f, [...vs].sort()])),
    });
  }
  formulations.sort((a, b) => b.speeches - a.speeches || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  // Every use of a formulation is marked in its speech: uses grouped by block, in block order.
  const byBlock = groupBy(uses, n, 1, blocks.length);

  // Written over the last run's files, then the files of speeches no longer there are removed
  // (the dev server may read one meanwhile).
  mkdirSync(join(dataDir, 'shared'), { recursive: true });
  const written = new Set<string>();
  let at = 0;
  speeches.forEach((s) => {
    const passages: SpeechShared['passages'] = [];
    const marks: SpeechShared['formulations'] = [];
    for (const b of s.blocks) {
      const here: Array<[string, number, number]> = [];
      for (let j = byBlock.start[at]!; j < byBlock.start[at + 1]!; j++) {
        const u = byBlock.order[j]!;
        if (isFormulation[uses[u]!]) here.push([b.id, uses[u + 2]!, uses[u + 3]!]);
      }
      marks.push(...here.sort((x, y) => x[1] - y[1]));
      const { spans, speeches: count, oldest } = take(at++);
      if (!count) continue;
      const others = oldest(SHARED_LISTED).map(([o, y]): [number, string] => [order(o), blocks[y]!.id]);
      passages.push([b.id, spans, count, others]);
    }
    const doc: SpeechShared = { passages, formulations: marks };
    writeFileSync(join(dataDir, 'shared', `${s.meta.slug}.json`), JSON.stringify(doc));
    written.add(`${s.meta.slug}.json`);
  });
  for (const f of readdirSync(join(dataDir, 'shared'))) if (!written.has(f)) rmSync(join(dataDir, 'shared', f));
  writeFileSync(join(dataDir, 'formulations.json'), JSON.stringify(formulations));
  return formulations;
}

/**
 * Records of 4 numbers (`records[0 … n)`) grouped by the field at `field` (0 … groups − 1), by a
 * counting sort: `order` holds the records' offsets, group g's from `start[g]` to `start[g + 1]`,
 * each group in record order.
 */
function groupBy(records: Int32Array, n: number, field: number, groups: number) {
  const start = new Uint32Array(groups + 1);
  for (let r = 0; r < n; r += 4) start[records[r + field]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const order = new Uint32Array(n / 4);
  for (let r = 0; r < n; r += 4) order[next[records[r + field]!]!++] = r;
  return { start, order };
}

/**
 * Every use of the clauses that may be formulations (used in at least FORMULATION_SPEECHES
 * speeches by an upper bound), as flat records of 4 numbers: key id, block, start, end.
 */
function clauseUses(blocks: readonly ReuseBlock[], t2s: T2S): { uses: Int32Array; n: number; keys: number } {
  // Formulations: clauses (canonical form) used in at least FORMULATION_SPEECHES speeches. A
  // paragraph repeated verbatim across speeches (an opening, a pasted policy passage) is split into
  // clauses once: blocks are grouped by text.
  const byText = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    const same = byText.get(b.text);
    if (same) same.push(i);
    else byText.set(b.text, [i]);
  });
  // First an upper bound of each clause's speeches, by hash (most clauses are used once, and a
  // map of every clause would hold them all): per bucket a count and the last speech counted.
  // Collisions and a speech met again after another only overcount, and the count below is exact.
  let chars = 0;
  for (const b of blocks) chars += b.text.length;
  let buckets = 1 << 16;
  while (buckets < chars / 8 && buckets < 1 << 24) buckets *= 2;
  const bucketCount = new Uint32Array(buckets);
  const bucketLast = new Int32Array(buckets).fill(-1);
  const bucketOf = (key: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return (h >>> 0) & (buckets - 1);
  };
  for (const [text, same] of byText)
    for (const c of clauses(text, t2s)) {
      const k = bucketOf(c.key);
      for (const i of same) {
        const { speech } = blocks[i]!;
        if (bucketLast[k] !== speech) {
          bucketLast[k] = speech;
          bucketCount[k]!++;
        }
      }
    }
  // Then every use of the clauses that may be formulations, as flat records (key, block, start,
  // end): at 10,000 speeches a formulation is used thousands of times.
  const keyOf = new Map<string, number>();
  let uses = new Int32Array(1 << 16);
  let n = 0;
  for (const [text, same] of byText)
    for (const c of clauses(text, t2s)) {
      if (bucketCount[bucketOf(c.key)]! < FORMULATION_SPEECHES) continue;
      let k = keyOf.get(c.key);
      if (k === undefined) keyOf.set(c.key, (k = keyOf.size));
      for (const i of same) {
        if (n + 4 > uses.length) {
          const grown = new Int32Array(uses.length * 2);
          grown.set(uses);
          uses = grown;
        }
        uses.set([k, i, c.start, c.end], n);
        n += 4;
      }
    }
  return { uses: uses.slice(0, n), n, keys: keyOf.size };
}
