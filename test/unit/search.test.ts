import { describe, expect, it } from 'vitest';
import { findRanges, normalize, parseQuery } from '../../src/search/normalize.ts';
import type { SearchDoc } from '../../src/schemas/generated.ts';
import { excerpt, verifyDoc } from '../../src/search/verify.ts';

const T2S = { 營: '营', 環: '环', 境: '境', 兩: '两', 個: '个', 維: '维', 護: '护' };

describe('normalize', () => {
  it('turns full-width ASCII into half-width and lowercases Latin', () => {
    expect(normalize('１２３４５热线、ＸＸ市（Ａ）', T2S)).toBe('12345热线、xx市(a)');
  });
  it('maps traditional characters to simplified, one for one', () => {
    expect(normalize('營商環境', T2S)).toBe('营商环境');
  });
  it('keeps the length, so offsets in normalised text are offsets in the original', () => {
    const s = '兩個維護　ＡＢ𠀀字';
    expect(normalize(s, T2S)).toHaveLength(s.length);
  });
});

describe('parseQuery', () => {
  it.each([
    ['营商环境', ['营商环境']],
    ['  营商环境   放管服 ', ['营商环境', '放管服']],
    ['营商环境　放管服', ['营商环境', '放管服']],
    ['“六稳”', ['“六稳”']],
    ['全面落实“六保”任务', ['全面落实“六保”任务']],
    ['“放管服”改革', ['“放管服”改革']],
    ['"四个 意识"', ['四个意识']],
    ['「老虎苍蝇」一起打', ['「老虎苍蝇」一起打']],
    ['"老虎 苍蝇"一起打', ['老虎苍蝇', '一起打']],
    ['"open data" 开放', ['open data', '开放']],
    ['營商環境', ['营商环境']],
    ['兩個維護', ['两个维护']],
    ['ＸＸ经济', ['xx经济']],
    ['六稳 六稳', ['六稳']],
    ['六稳 稳', ['六稳']],
    ['', []],
    ['   ', []],
  ])('%j → %j', (q, terms) => {
    expect(parseQuery(q, T2S)).toEqual(terms);
  });
});

describe('findRanges', () => {
  it('finds every occurrence of every term, merging overlaps', () => {
    expect(findRanges('六稳六保，六稳', ['六稳', '稳六'])).toEqual([
      [0, 3],
      [5, 7],
    ]);
  });
});

const doc: SearchDoc = {
  u: '/speeches/x/',
  t: '在会议上的讲话',
  d: '2020年',
  k: 20200000,
  l: '县',
  b: [
    ['title', '在会议上的讲话'],
    ['p1', '这两个问题要抓好，维护社会稳定。'],
    ['s1', '一、做到两个维护'],
    ['s1-1', '（一）加强学习。'],
    ['p2', '坚决做到“两个维护”，营商环境持续改善。'],
    ['s2', '二、狠抓落实'],
    ['p3', '抓好“放管服”改革。'],
  ],
};

describe('verifyDoc', () => {
  it('keeps only blocks that contain the phrase as written, with their outline path', () => {
    const hit = verifyDoc(doc, ['两个维护'], T2S)!;
    expect(hit.sections.map((s) => [s.id, s.path])).toEqual([
      ['s1', []],
      ['p2', ['一、做到两个维护', '（一）加强学习。']],
    ]);
    expect(hit.sections[1]!.ranges).toEqual([[5, 9]]);
    expect(hit).toMatchObject({ title: '在会议上的讲话', date: '2020年', dateKey: 20200000, level: '县' });
  });

  it('rejects a speech where the pieces occur only apart (两个…维护)', () => {
    expect(verifyDoc({ ...doc, b: doc.b.slice(0, 2) }, ['两个维护'], T2S)).toBeNull();
  });

  it('requires every term somewhere in the speech (AND), listing the blocks of each', () => {
    expect(verifyDoc(doc, ['营商环境', '放管服'], T2S)!.sections.map((s) => s.id)).toEqual(['p2', 'p3']);
    expect(verifyDoc(doc, ['营商环境', '六稳'], T2S)).toBeNull();
  });

  it('matches the title', () => {
    expect(verifyDoc(doc, ['会议'], T2S)!.sections.map((s) => s.id)).toEqual(['title']);
  });
});

describe('excerpt', () => {
  it('cuts a window around the first match and shifts the ranges into it', () => {
    const text = `${'甲'.repeat(100)}营商环境${'乙'.repeat(100)}`;
    const ex = excerpt({ id: 'p1', path: [], text, ranges: [[100, 104]] }, 10);
    expect(ex).toEqual({ text: `${'甲'.repeat(10)}营商环境${'乙'.repeat(10)}`, ranges: [[10, 14]], cut: [true, true] });
  });
});
