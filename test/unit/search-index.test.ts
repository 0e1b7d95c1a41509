import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndexWriter } from '../../src/collection/search-index.ts';
import type { SearchDoc } from '../../src/schemas/generated.ts';
import { bigram, queryKeys, shardOf, unigram } from '../../src/search/keys.ts';
import { normalize } from '../../src/search/normalize.ts';
import { decodePostings, intersect, lookup, pushVarint, readVarint } from '../../src/search/postings.ts';

const T2S = { 營: '营', 環: '环' };

describe('postings', () => {
  it('round-trips varints', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 31 })), (ns) => {
        const out: number[] = [];
        for (const n of ns) pushVarint(out, n);
        const bytes = Uint8Array.from(out);
        const back: number[] = [];
        for (let at = 0; at < bytes.length;) {
          const [n, next] = readVarint(bytes, at);
          back.push(n);
          at = next;
        }
        expect(back).toEqual(ns);
      }),
    );
  });

  it('decodes bitmaps and intersects sorted lists', () => {
    expect(decodePostings(1, Uint8Array.from([0b101, 0, 0b10000000]))).toEqual([0, 2, 23]);
    expect(
      intersect([
        [1, 3, 5, 9],
        [3, 4, 5],
        [0, 3, 5, 7],
      ]),
    ).toEqual([3, 5]);
    expect(intersect([])).toEqual([]);
  });

  it('spreads keys over shards and picks a few bigrams spread over a long term', () => {
    expect(queryKeys('营')).toEqual([unigram('营'.charCodeAt(0))]);
    expect(queryKeys('营商环境')).toHaveLength(3);
    const long = queryKeys('全面从严治党向纵深发展');
    expect(long).toHaveLength(4);
    expect(long[0]).toBe(bigram('全'.charCodeAt(0), '面'.charCodeAt(0)));
    expect(long.at(-1)).toBe(bigram('发'.charCodeAt(0), '展'.charCodeAt(0)));
    const counts = new Array<number>(16).fill(0);
    for (let c = 0x4e00; c < 0x4e00 + 1600; c++) counts[shardOf(bigram(c, c + 1), 16)]! += 1;
    for (const n of counts) expect(n).toBeGreaterThan(60);
  });
});

/** Speeches of random text over a small alphabet, so substrings recur across speeches. */
const ALPHABET = [...'营商环境六稳保放管服改革发展党建的了，。、“”（）1%A a營環'];
const docArb = fc.array(
  fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 40 }).map((cs) => cs.join('')),
  { minLength: 1, maxLength: 6 },
);

describe('the candidate index', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'yanlu-index-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never misses a speech that contains a substring (no false negatives)', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 30 }), fc.nat(), (speeches, pick) => {
        rmSync(dir, { recursive: true, force: true });
        const writer = new SearchIndexWriter(dir, T2S);
        const docs: SearchDoc[] = speeches.map((blocks, i) => ({
          u: `/speeches/s${i}/`,
          t: `s${i}`,
          d: '',
          k: 0,
          l: '',
          b: blocks.map((text, j) => [`p${j + 1}`, text]),
        }));
        for (const d of docs) writer.add(d, { level: [d.t === 's0' ? '县' : '市'] });
        const meta = writer.finish();
        expect(meta.speeches).toBe(docs.length);
        // A query: a substring of some block, normalised as the browser would.
        const texts = docs.flatMap((d) => d.b.map(([, t]) => normalize(t, T2S))).filter((t) => t.trim());
        if (texts.length === 0) return;
        const text = texts[pick % texts.length]!;
        const start = pick % text.length;
        const term = text.slice(start, start + 1 + (pick % 6)).trim();
        if (!term || term.includes(' ')) return;
        const shard = (n: number) => new Uint8Array(readFileSync(join(dir, 'idx', 'i', `${n}.bin`)));
        const lists = queryKeys(term).map((k) => lookup(shard(shardOf(k, meta.shards)), k));
        const candidates = intersect(lists);
        const truth = docs.flatMap((d, i) => (d.b.some(([, t]) => normalize(t, T2S).includes(term)) ? [i] : []));
        for (const id of truth) expect(candidates).toContain(id);
      }),
      { numRuns: 150 },
    );
  });
});
