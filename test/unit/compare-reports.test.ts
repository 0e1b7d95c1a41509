import { describe, expect, it } from 'vitest';
import { align, type Alignment } from '../../src/compare/align.ts';
import { numberChanges, numberLines } from '../../src/compare/numbers.ts';
import { lcsLength } from '../helpers/diff-oracle.ts';
import { blocksOfFile, CORPUS, REPORT_2019, REPORT_2020 } from '../helpers/reports.ts';

/**
 * The compare page's alignment on real consecutive national work reports: 2019 against 2020
 * from the sample corpus (../shared/corpus), and 2021 against 2022 from the outline fixtures.
 * The targets that changed are known from the reports themselves.
 */
const lines = (al: Alignment) => numberLines(numberChanges(al)).map((l) => [l.label, l.a, l.b]);

/** Every sentence once and in order on each side; unchanged sentences a longest common subsequence per region. */
function expectSound(al: Alignment) {
  for (const side of [0, 1] as const) {
    const seen = al.rows.flatMap((r) => {
      const u = side ? (r as { b?: { i: number } }).b : (r as { a?: { i: number } }).a;
      return u ? [u.i] : [];
    });
    expect(seen).toEqual(al.units[side].map((u) => u.i));
  }
  for (const g of al.regions) {
    const keys = (side: 0 | 1, list: number[]) =>
      al.units[side].filter((u) => list.includes(u.section)).map((u) => u.text);
    expect(al.rows.slice(g.from, g.to).filter((r) => r.kind === 'same').length).toBe(
      lcsLength(keys(0, g.a), keys(1, g.b)),
    );
  }
}

describe('the 2019 and 2020 national work reports (sample corpus)', () => {
  const al = align(blocksOfFile(`${CORPUS}/${REPORT_2019}`), blocksOfFile(`${CORPUS}/${REPORT_2020}`));

  it('lists the changed targets of the year, each once', () => {
    const got = lines(al);
    for (const target of [
      ['城镇新增就业', '1100万人以上', '900万人以上'],
      ['城镇调查失业率', '5.5%左右', '6%左右'],
      ['城镇登记失业率', '4.5%以内', '5.5%左右'],
      ['居民消费价格涨幅', '3%左右', '3.5%左右'],
      ['今年赤字率拟按', '2.8%', '3.6%以上'],
      ['今年拟安排地方政府专项债券', '2.15万亿元', '3.75万亿元'],
    ])
      expect(got.filter((l) => l[1] === target[1] && l[2] === target[2])).toEqual([target]);
  });

  it('matches the review with the review and the tasks with the six parts of tasks', () => {
    const names = al.regions.map((g) => [
      g.a.map((i) => al.sections[0][i]!.title),
      g.b.map((i) => al.sections[1][i]!.title),
    ]);
    expect(names[1]).toEqual([['一、2018年工作回顾'], ['一、2019年和今年以来工作回顾']]);
    expect(names.at(-1)![0]).toEqual(['三、2019年政府工作任务']);
    expect(names.at(-1)![1]).toHaveLength(6);
  });

  it('is sound: every sentence once, in order, and a longest common run of unchanged sentences', () => {
    expectSound(al);
  });
});

describe('the 2021 and 2022 national work reports (outline fixtures)', () => {
  const al = align(
    blocksOfFile('test/fixtures/outlines/05-national-2021/input.txt'),
    blocksOfFile('test/fixtures/outlines/06-national-2022/input.txt'),
  );

  it('lists the changed targets of the year', () => {
    const got = lines(al);
    for (const target of [
      ['国内生产总值增长', '6%以上', '5.5%左右'],
      ['今年赤字率拟按', '3.2%左右', '2.8%左右'],
      ['中央预算内投资安排', '6100亿元', '6400亿元'],
    ])
      expect(got).toContainEqual(target);
    // Unchanged targets are not listed.
    expect(got.some((l) => l[1] === '1100万人以上' || l[2] === '1100万人以上')).toBe(false);
  });

  it('is sound', () => {
    expectSound(al);
  });
});
