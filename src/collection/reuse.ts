import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { T2S } from '../search/normalize.ts';
import type { Formulation, SpeechMeta, SpeechShared } from '../schemas/generated.ts';
import { trace } from '../lib/trace.ts';
import { ThreadPool, ThreadStopped } from '../lib/threads.ts';
import { clauses, FORMULATION_SPEECHES, sharedPassagesBy, type ReuseBlock } from './passages.ts';

/** A speech as the reuse pass needs it: its metadata (newest first), blocks and facet values. */
export interface ReuseSpeech {
  meta: Pick<SpeechMeta, 'slug' | 'order' | 'date'>;
  blocks: ReadonlyArray<{ id: string; text: string }>;
  facets: Record<string, string[]>;
}

/** What the reuse thread is given (src/collection/reuse-worker.ts): the speeches without their blocks, read there from `textDir`. */
export interface ReuseJob {
  dataDir: string;
  textDir: string;
  speeches: Array<Omit<ReuseSpeech, 'blocks'>>;
}

/**
 * writeReuse on a thread of its own: resolves with the formulations once every file is written,
 * rejects with the error's first line, or with the signal's reason as soon as it is aborted (the
 * thread is ended then, its files left half written for the next pass to write again).
 */
export function writeReuseAside(job: ReuseJob, signal?: AbortSignal): Promise<Formulation[]> {
  const pool = new ThreadPool<ReuseJob, ReuseAnswer>(new URL('./reuse-worker.ts', import.meta.url), {
    size: 1,
    ...(signal ? { signal } : {}),
  });
  return pool
    .run(job)
    .then(
      (m) => {
        if (!m.ok)
          throw m.io
            ? new ReuseError(`the reuse pass could not read or write its files (${m.error})`)
            : new Error(`the reuse pass failed (${m.error})`);
        return m.formulations;
      },
      (e: Error) => {
        throw e instanceof ThreadStopped ? new Error(`the reuse pass failed (${e.message})`) : e;
      },
    )
    .finally(() => pool.close());
}

/** The reuse thread's answer: the formulations, or the error's first line (`io`: a file it could not read or write). */
export type ReuseAnswer = { ok: true; formulations: Formulation[] } | { ok: false; error: string; io: boolean };

/** The reuse pass could not read or write its files (the disk, not the code): one line. */
export class ReuseError extends Error {}

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
  const { uses, n, keys, textOf, texts } = clauseUses(blocks, t2s);
  trace('clause uses counted');
  const take = sharedPassagesBy(blocks, t2s);
  trace('passages matched');
  // Uses grouped by key (a counting sort), then each key's speeches counted exactly: a use is a
  // clause of a distinct text, used by every block of that text.
  const byText = groupBy(textOf, blocks.length, 0, texts, 1);
  const byKey = groupBy(uses, n, 0, keys);
  const isFormulation = new Uint8Array(keys);
  const seen = new Int32Array(speeches.length).fill(-1);
  // Facet values as numbers, each speech's as a list: a formulation's values are gathered with a
  // stamp per value, not a set of strings per formulation.
  const values: Array<[facet: string, value: string]> = [];
  const valueId = new Map<string, number>();
  const speechValues = speeches.map((s) =>
    Int32Array.from(
      Object.entries(s.facets).flatMap(([f, vs]) =>
        vs.map((v) => {
          const name = `${f}\0${v}`;
          let id = valueId.get(name);
          if (id === undefined) {
            valueId.set(name, (id = values.length));
            values.push([f, v]);
          }
          return id;
        }),
      ),
    ),
  );
  const valueSeen = new Int32Array(values.length).fill(-1);
  const formulations: Formulation[] = [];
  for (let k = 0; k < keys; k++) {
    const users: number[] = [];
    // The oldest use: the highest speech index, its first block.
    let oldest = -1;
    let oldestBlock = -1;
    for (let j = byKey.start[k]!; j < byKey.start[k + 1]!; j++) {
      const u = byKey.order[j]!;
      const t = uses[u + 1]!;
      for (let m = byText.start[t]!; m < byText.start[t + 1]!; m++) {
        const x = byText.order[m]!;
        const speech = blocks[x]!.speech;
        if (seen[speech] !== k) {
          seen[speech] = k;
          users.push(speech);
        }
        if (oldest < 0 || speech > blocks[oldestBlock]!.speech) {
          oldest = u;
          oldestBlock = x;
        }
      }
    }
    if (users.length < FORMULATION_SPEECHES) continue;
    isFormulation[k] = 1;
    const byYear: Record<string, number> = {};
    const facets: Record<string, string[]> = {};
    for (const s of users) {
      const y = String(speeches[s]!.meta.date.year ?? '');
      byYear[y] = (byYear[y] ?? 0) + 1;
      for (const v of speechValues[s]!)
        if (valueSeen[v] !== k) {
          valueSeen[v] = k;
          (facets[values[v]![0]] ??= []).push(values[v]![1]);
        }
    }
    const first = blocks[oldestBlock]!;
    formulations.push({
      text: first.text.slice(uses[oldest + 2], uses[oldest + 3]),
      speeches: users.length,
      first: [order(first.speech), first.id],
      byYear,
      facets: Object.fromEntries(Object.entries(facets).map(([f, vs]) => [f, vs.sort()])),
    });
  }
  formulations.sort((a, b) => b.speeches - a.speeches || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  trace('formulations listed');
  // Every use of a formulation is marked in its speech: uses grouped by text, in clause order.
  const usesOfText = groupBy(uses, n, 1, texts);

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
      const t = textOf[at]!;
      for (let j = usesOfText.start[t]!; j < usesOfText.start[t + 1]!; j++) {
        const u = usesOfText.order[j]!;
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
 * Records of `width` numbers (`records[0 … n)`) grouped by the field at `field` (0 … groups − 1),
 * by a counting sort: `order` holds the records' offsets, group g's from `start[g]` to
 * `start[g + 1]`, each group in record order.
 */
function groupBy(records: Int32Array, n: number, field: number, groups: number, width = 4) {
  const start = new Uint32Array(groups + 1);
  for (let r = 0; r < n; r += width) start[records[r + field]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const order = new Uint32Array(n / width);
  for (let r = 0; r < n; r += width) order[next[records[r + field]!]!++] = r;
  return { start, order };
}

/**
 * Every use of the clauses that may be formulations (used in at least FORMULATION_SPEECHES
 * speeches by an upper bound), as flat records of 4 numbers: key id, text, start, end. A text is a
 * distinct block text (`textOf[block]`, `texts` of them): a paragraph repeated verbatim across
 * speeches (an opening, a pasted policy passage) is split into clauses, and its uses recorded, once.
 */
function clauseUses(
  blocks: readonly ReuseBlock[],
  t2s: T2S,
): { uses: Int32Array; n: number; keys: number; textOf: Int32Array; texts: number } {
  const byText = new Map<string, number[]>();
  const textOf = new Int32Array(blocks.length);
  blocks.forEach((b, i) => {
    const same = byText.get(b.text);
    textOf[i] = same ? textOf[same[0]!]! : byText.size;
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
  // Then every use of the clauses that may be formulations, as flat records (key, text, start,
  // end): at 10,000 speeches a formulation is used thousands of times.
  const keyOf = new Map<string, number>();
  let uses = new Int32Array(1 << 16);
  let n = 0;
  let t = 0;
  for (const text of byText.keys()) {
    for (const c of clauses(text, t2s)) {
      if (bucketCount[bucketOf(c.key)]! < FORMULATION_SPEECHES) continue;
      let k = keyOf.get(c.key);
      if (k === undefined) keyOf.set(c.key, (k = keyOf.size));
      if (n + 4 > uses.length) {
        const more = new Int32Array(Math.ceil((uses.length * 1.5) / 4) * 4);
        more.set(uses);
        uses = more;
      }
      uses.set([k, t, c.start, c.end], n);
      n += 4;
    }
    t++;
  }
  return { uses: uses.subarray(0, n), n, keys: keyOf.size, textOf, texts: byText.size };
}
