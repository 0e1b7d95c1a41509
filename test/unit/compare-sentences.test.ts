import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentences, sentenceSpans } from '../../src/compare/sentences.ts';

describe('sentences', () => {
  it('ends a sentence at 。！？； with the closing quotes and brackets after it', () => {
    expect(sentences('他说：“要这样。”然后走了！对吗？是的；好')).toEqual([
      '他说：“要这样。”',
      '然后走了！',
      '对吗？',
      '是的；',
      '好',
    ]);
    expect(sentences('（略。）下一句。')).toEqual(['（略。）', '下一句。']);
    expect(sentences('引《决定》：「改革。」『开放！』')).toEqual(['引《决定》：「改革。」', '『开放！』']);
    expect(sentences('真的吗？！当然。。')).toEqual(['真的吗？！', '当然。。']);
    expect(sentences('等等……然后')).toEqual(['等等……', '然后']);
  });

  it('does not end at a decimal point, a comma, a colon or an enumeration comma', () => {
    expect(sentences('增长6.5%，达到3.2万亿元：一是、二是。')).toEqual(['增长6.5%，达到3.2万亿元：一是、二是。']);
  });

  it('splits a work report target list at its semicolons', () => {
    expect(sentences('国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，城镇调查失业率5.5%左右；')).toEqual([
      '国内生产总值增长6%－6.5%；',
      '城镇新增就业1100万人以上，城镇调查失业率5.5%左右；',
    ]);
  });

  it('covers the text exactly: the sentences joined are the text, none empty', () => {
    const chars = fc.constantFrom(
      '甲',
      '乙',
      '。',
      '！',
      '？',
      '；',
      '”',
      '’',
      '」',
      '』',
      '）',
      '“',
      '，',
      ' ',
      '1',
      '.',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), (cs) => {
        const text = cs.join('');
        const spans = sentenceSpans(text);
        expect(spans.map(([s, e]) => text.slice(s, e)).join('')).toBe(text);
        for (const [s, e] of spans) expect(e).toBeGreaterThan(s);
        // Each sentence but the last ends with an ender, or closers after one.
        for (const [, e] of spans.slice(0, -1)) expect(text.slice(0, e)).toMatch(/[。！？；][”’」』）]*$/u);
      }),
    );
  });
});
