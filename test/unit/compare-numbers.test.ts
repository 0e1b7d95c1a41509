import { describe, expect, it } from 'vitest';
import { align, type Block } from '../../src/compare/align.ts';
import { numberChanges, numberLines, numbersIn } from '../../src/compare/numbers.ts';

const doc = (...paragraphs: string[]): Block[] => paragraphs.map((text, i) => ({ id: `p${i + 1}`, depth: 0, text }));
const changes = (a: string[], b: string[]) =>
  numberChanges(align(doc(...a), doc(...b))).map((c) => [c.label, c.a, c.b]);

describe('numbers', () => {
  it('reads a number whole: unit, range and qualifier, with the words before it', () => {
    expect(
      numbersIn('国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，城镇调查失业率5.5%左右').map((t) => [
        t.label,
        t.text,
      ]),
    ).toEqual([
      ['国内生产总值增长', '6%－6.5%'],
      ['城镇新增就业', '1100万人以上'],
      ['城镇调查失业率', '5.5%左右'],
    ]);
    expect(numbersIn('增长4.5%至5%，财政赤字2.76万亿元，提高两个百分点').map((t) => t.text)).toEqual([
      '4.5%至5%',
      '2.76万亿元',
      '两个百分点',
    ]);
    // A list of numbers shares its words; Chinese numerals without a unit are not numbers (十四五, 一是).
    expect(numbersIn('分别压缩至90、50、15个工作日').map((t) => [t.label, t.text])).toEqual([
      ['分别压缩至', '90'],
      ['分别压缩至', '50'],
      ['分别压缩至', '15个'],
    ]);
    expect(numbersIn('“十四五”开局，一是要抓好XX万元').map((t) => t.text)).toEqual([]);
  });

  it('pairs the numbers of a changed sentence by place, and lists only those that changed', () => {
    expect(
      changes(
        ['今年的预期目标是：国内生产总值增长5%左右，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内。'],
        ['今年的预期目标是：国内生产总值增长4.5%至5%，城镇调查失业率6%左右，城镇登记失业率5.5%左右。'],
      ),
    ).toEqual([
      ['国内生产总值增长', '5%左右', '4.5%至5%'],
      ['城镇调查失业率', '5.5%左右', '6%左右'],
      ['城镇登记失业率', '4.5%以内', '5.5%左右'],
    ]);
  });

  it('lists a number dropped or added in a changed sentence, and never pairs a share with an amount', () => {
    expect(
      changes(
        ['居民人均可支配收入实际增长6.5%，农村贫困人口减少1386万。'],
        ['居民人均可支配收入超过3万元，农村贫困人口减少1109万。'],
      ),
    ).toEqual([
      ['居民人均可支配收入实际增长', '6.5%', ''],
      ['农村贫困人口减少', '1386万', '1109万'],
      ['居民人均可支配收入超过', '', '3万元'],
    ]);
  });

  it('pairs numbers of unlike sentences of the same part by the words before them', () => {
    expect(
      changes(
        ['今年赤字率拟按2.8%安排，比去年预算高0.2个百分点；', '另一句完全不同的话。'],
        [
          '今年赤字率拟按3.6%以上安排，财政赤字规模比去年增加1万亿元，同时发行1万亿元抗疫特别国债。',
          '另一句完全不同的话。',
        ],
      ),
    ).toEqual([['今年赤字率拟按', '2.8%', '3.6%以上']]);
  });

  it('groups one change made in many places into one line, a year whatever the words before it', () => {
    const al = align(
      doc('2019年经济运行平稳。', '展望2019年形势严峻。'),
      doc('2020年经济运行平稳。', '展望2020年形势严峻。'),
    );
    expect(numberLines(numberChanges(al))).toEqual([{ label: '年份', a: '2019年', b: '2020年', rows: [0, 1] }]);
  });
});
