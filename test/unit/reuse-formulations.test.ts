import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clauses, FORMULATION_SPEECHES } from '../../src/collection/passages.ts';
import { writeReuse, type ReuseSpeech } from '../../src/collection/reuse.ts';
import type { SpeechMeta, SpeechShared } from '../../src/schemas/generated.ts';
import { buildT2S } from '../../src/search/t2s-table.ts';

const t2s = buildT2S();

/** Clauses of at least 8 characters, some in traditional or with quotes, so keys and texts differ. */
const pool = [
  '坚持以人民为中心的发展思想',
  '坚持以人民为中心的發展思想',
  '“全面从严治党永远在路上”',
  '持续深化放管服改革优化营商环境',
  '把党风廉政建设和反腐败工作引向深入',
  '今年以来全县经济运行总体平稳',
  '要紧盯重点领域和关键环节',
  'X县要确保各项任务落地见效',
  '好的',
];
const paragraph = fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom('，', '。', '；')), {
  minLength: 1,
  maxLength: 4,
});
const collection = fc.array(
  fc.record({
    paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
    year: fc.integer({ min: 2018, max: 2021 }),
  }),
  { minLength: 1, maxLength: 9 },
);

/** Speeches newest first, as the collection stage passes them. */
function speechesOf(c: Array<{ paragraphs: Array<Array<[string, string]>>; year: number }>): ReuseSpeech[] {
  return c.map((s, i) => ({
    meta: { slug: `s${i}`, order: i, date: { year: s.year } } as unknown as SpeechMeta,
    blocks: s.paragraphs.map((p, k) => ({ id: `p${k + 1}`, text: p.map(([a, b]) => a + b).join('') })),
    facets: { year: [String(s.year)] },
  }));
}

describe('formulations (writeReuse)', () => {
  it('lists exactly the clauses used in at least three speeches, with counts, years and first use, and marks every use (brute force)', () => {
    fc.assert(
      fc.property(collection, (c) => {
        const speeches = speechesOf(c);
        const dir = mkdtempSync(join(tmpdir(), 'yanlu-reuse-'));
        try {
          const got = writeReuse(dir, speeches, t2s);
          // Brute force: every clause of every block, by key.
          const byKey = new Map<
            string,
            Array<{ speech: number; block: string; start: number; end: number; text: string }>
          >();
          speeches.forEach((s, speech) => {
            for (const b of s.blocks)
              for (const cl of clauses(b.text, t2s))
                byKey.set(cl.key, [...(byKey.get(cl.key) ?? []), { speech, block: b.id, ...cl }]);
          });
          const want = [...byKey.values()]
            .map((uses) => {
              const users = [...new Set(uses.map((u) => u.speech))];
              const oldest = Math.max(...users);
              const first = uses.find((u) => u.speech === oldest)!;
              const byYear: Record<string, number> = {};
              for (const s of users) byYear[String(c[s]!.year)] = (byYear[String(c[s]!.year)] ?? 0) + 1;
              return { uses, users: users.length, first, byYear };
            })
            .filter((f) => f.users >= FORMULATION_SPEECHES);
          const summary = (f: [number, Record<string, number>, number]) =>
            JSON.stringify([f[0], Object.entries(f[1]).sort(), f[2]]);
          expect(got.map((f) => summary([f.speeches, f.byYear, f.first[0]])).sort()).toEqual(
            want.map((f) => summary([f.users, f.byYear, f.first.speech])).sort(),
          );
          for (const f of got) {
            const w = want.find((x) => x.uses.some((u) => u.text === f.text))!;
            expect(w, f.text).toBeDefined();
            // The first use is the oldest speech's, and the text is as written there.
            expect(w.uses.some((u) => u.speech === f.first[0] && u.block === f.first[1] && u.text === f.text)).toBe(
              true,
            );
          }
          // Most used first.
          expect(got.map((f) => f.speeches)).toEqual([...got.map((f) => f.speeches)].sort((a, b) => b - a));
          // Every use of a formulation is marked in its speech, in order, and nothing else.
          speeches.forEach((s, speech) => {
            const doc = JSON.parse(readFileSync(join(dir, 'shared', `${s.meta.slug}.json`), 'utf8')) as SpeechShared;
            const expected = want
              .flatMap((f) => f.uses.filter((u) => u.speech === speech))
              .map((u) => [u.block, u.start, u.end] as [string, number, number])
              .sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)) || a[1] - b[1]);
            expect(doc.formulations).toEqual(expected);
          });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});
