import { describe, expect, it } from 'vitest';
import { chineseNumber, detectMarker } from '../../src/pipeline/markers.ts';

describe('detectMarker', () => {
  it.each([
    ['一、总体要求', 'cn-dun', 1, '一、'],
    ['十二、其他', 'cn-dun', 12, '十二、'],
    ['一.总体要求', 'cn-dun', 1, '一.'],
    ['（三）强化监督', 'cn-paren', 3, '（三）'],
    ['(三)强化监督', 'cn-paren', 3, '(三)'],
    ['1.明确责任', 'arabic', 1, '1.'],
    ['1、明确责任', 'arabic', 1, '1、'],
    ['１．明确责任', 'arabic', 1, '１．'],
    ['12.明确责任', 'arabic', 12, '12.'],
    ['（2）年终考核', 'arabic-paren', 2, '（2）'],
    ['(2)年终考核', 'arabic-paren', 2, '(2)'],
    ['第一，作风整顿', 'di', 1, '第一，'],
    ['第十，作风整顿', 'di', 10, '第十，'],
    ['一是源头治理', 'shi', 1, '一是'],
    ['三要转变作风', 'yao', 3, '三要'],
    ['首先，要提高认识', 'shouxian', 1, '首先，'],
    ['最后，要抓落实', 'shouxian', Infinity, '最后，'],
  ])('%s → %s %d', (line, kind, ordinal, text) => {
    expect(detectMarker(line)).toEqual({ kind, ordinal, text });
  });

  it.each([
    '3.5万元资金到位',
    '第一次是在2019年',
    '第一责任人要履职',
    '2020年是关键之年',
    '一、二、三产业融合',
    '今年一是一，二是二',
    '同志们：',
    '100.5亿元',
  ])('%s is not a marker', (line) => {
    expect(detectMarker(line)).toBeNull();
  });
});

describe('chineseNumber', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
  ])('%s = %d', (s, n) => expect(chineseNumber(s)).toBe(n));

  it.each(['三四', '十十', '一二', '零', '百'])('%s is not a numeral', (s) => expect(chineseNumber(s)).toBeNaN());
});
