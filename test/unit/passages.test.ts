import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonical,
  canonicalKey,
  clauses,
  MIN_SHARED,
  sharedPassages,
  sharedPassagesBy,
  type ReuseBlock,
} from '../../src/collection/passages.ts';
import { buildT2S } from '../../src/search/t2s-table.ts';
import { commonRuns } from '../helpers/common-runs.ts';

const t2s = buildT2S();

/** Speeches built from a small pool of sentences, so that passages are shared by construction. */
const pool = [
  '坚持以人民为中心的发展思想',
  '全面从严治党永远在路上',
  '持续深化放管服改革优化营商环境',
  '把党风廉政建设和反腐败工作引向深入',
  '今年以来全县经济运行总体平稳',
  '要紧盯重点领域和关键环节',
  '确保各项任务落地见效',
  'X县X镇要抓好落实',
  '同志们',
  '谢谢大家',
];
const speechArb = fc.array(
  fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom('，', '。', '；', '')), { minLength: 1, maxLength: 4 }),
  { minLength: 1, maxLength: 4 },
);

describe('shared passages', () => {
  it('finds exactly the block pairs of different speeches sharing ≥ 12 canonical characters (brute force)', () => {
    fc.assert(
      fc.property(fc.array(speechArb, { minLength: 2, maxLength: 6 }), (speeches) => {
        const blocks: ReuseBlock[] = speeches.flatMap((paras, speech) =>
          paras.map((parts, k) => ({ speech, id: `p${k + 1}`, text: parts.map(([a, b]) => a + b).join('') })),
        );
        const take = sharedPassagesBy(blocks, t2s);
        const sharing = blocks.map((_, x) => take(x, true));
        const found = sharing.map((s) => s.blocks);
        const canon = blocks.map((b) => canonical(b.text, t2s).text);
        blocks.forEach((b, x) => {
          const expected = blocks.flatMap((c, y) =>
            c.speech !== b.speech && commonRuns(canon[x]!, canon[y]!, MIN_SHARED).longest >= MIN_SHARED ? [y] : [],
          );
          expect(found[x]!.map((s) => s.other)).toEqual(expected);
          // Every character in a common run of ≥ 12 with any block of another speech is in a span.
          const want = new Set<number>();
          blocks.forEach((c, y) => {
            if (c.speech !== b.speech)
              for (const i of commonRuns(canon[x]!, canon[y]!, MIN_SHARED).covered) want.add(i);
          });
          const { pos } = canonical(b.text, t2s);
          const got = new Set<number>();
          for (const f of found[x]!)
            for (const [s0, e0] of f.spans) pos.forEach((p, i) => p >= s0 && p < e0 && got.add(i));
          expect([...got].sort((m, n) => m - n)).toEqual([...want].sort((m, n) => m - n));
          // The aggregate the pages use: merged spans covering the same characters; the other
          // speeches counted once each, oldest first, each with its block of the longest run.
          const merged = new Set<number>();
          for (const [s0, e0] of sharing[x]!.spans) pos.forEach((p, i) => p >= s0 && p < e0 && merged.add(i));
          expect([...merged].sort((m, n) => m - n)).toEqual([...want].sort((m, n) => m - n));
          const others = [...new Set(expected.map((y) => blocks[y]!.speech))].sort((m, n) => n - m);
          expect(sharing[x]!.speeches).toBe(others.length);
          const oldest = sharing[x]!.oldest(99);
          expect(oldest.map(([o]) => o)).toEqual(others);
          expect(sharing[x]!.oldest(2)).toEqual(oldest.slice(0, 2));
          const longest = (y: number) => commonRuns(canon[x]!, canon[y]!, MIN_SHARED).longest;
          for (const [o, y] of oldest) {
            expect(blocks[y]!.speech).toBe(o);
            expect(longest(y)).toBe(Math.max(...expected.filter((z) => blocks[z]!.speech === o).map(longest)));
          }
          for (const s of found[x]!) {
            // The offsets point at the shared passage in this block's own text.
            const shared = canonical(b.text.slice(s.start, s.end), t2s).text;
            expect(canon[s.other]!).toContain(shared.split('\0')[0]!);
            expect([...shared.replace(/\0/gu, '')].length).toBeGreaterThanOrEqual(MIN_SHARED);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('does not count placeholders or boilerplate as sharing', () => {
    const blocks: ReuseBlock[] = [
      { speech: 0, id: 'p1', text: 'XX县XX镇XX村XX组，同志们，谢谢大家！' },
      { speech: 1, id: 'p1', text: 'XX县XX镇XX村XX组，同志们，谢谢大家！' },
    ];
    expect(sharedPassages(blocks, t2s)).toEqual([[], []]);
  });

  it('normalises as search does: traditional and full-width text shares with simplified', () => {
    const blocks: ReuseBlock[] = [
      { speech: 0, id: 'p1', text: '持續深化「放管服」改革，優化營商環境。' },
      { speech: 1, id: 'p3', text: '要持续深化“放管服”改革、优化营商环境！' },
    ];
    const [a, b] = sharedPassages(blocks, t2s);
    expect(a!.map((s) => s.other)).toEqual([1]);
    expect(blocks[1]!.text.slice(b![0]!.start, b![0]!.end)).toBe('持续深化“放管服”改革、优化营商环境');
  });
});

describe('clauses', () => {
  it('splits at clause punctuation, trims quotes, and drops short or placeholder clauses', () => {
    const c = clauses('我们要坚持“以人民为中心的发展思想”，抓好X县工作，好的。', t2s);
    expect(c.map((x) => x.text)).toEqual(['我们要坚持“以人民为中心的发展思想']);
    expect(c[0]!.start).toBe(0);
  });
});

describe('canonical form', () => {
  it('breaks at placeholders (X, ××, ○○, □□) and at boilerplate, traditional or simplified', () => {
    expect(canonical('某县XX镇○○村□□组', t2s).text).toBe('某县\0镇\0村\0组');
    expect(canonical('同志們，謝謝大家！請坐', t2s).text).toBe('请坐');
    expect(canonical('一二三謝謝四五六', t2s).text).toBe('一二三\0四五六');
  });

  it('keys clauses exactly as the full routine does (canonicalKey = canonical().text)', () => {
    const piece = fc.constantFrom(
      '同志們',
      '谢',
      '謝',
      '大家',
      'X',
      '×',
      '○',
      '□□',
      '县',
      '甲乙',
      '，',
      ' ',
      'Ａ１',
      '𠀀',
      '們',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(canonicalKey(s, t2s)).toBe(canonical(s, t2s).text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps characters outside the BMP whole, and maps each back to its offset', () => {
    const c = canonical('𠀀甲，乙𠀁', t2s);
    expect(c.text).toBe('𠀀甲乙𠀁');
    expect([...c.pos]).toEqual([0, 1, 2, 4, 5, 6]);
  });
});
