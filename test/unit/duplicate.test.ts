import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertSpeech } from '../../src/pipeline/convert.ts';
import { DUPLICATE_RULE, secondCopy } from '../../src/pipeline/duplicate.ts';
import { rules, taxonomy } from '../helpers/rules.ts';

const convert = (bytes: Uint8Array) => convertSpeech({ file: 'x.txt', name: 'x.txt', bytes, rules, taxonomy });
const lines = (...texts: string[]) => texts.map((text, i) => ({ n: i + 1, text }));
const para = (n: number) => `第${n}段。${'这是讲话正文的一句话，内容不同于其他段落。'.repeat(3)}${n}`;

describe('a body printed twice', () => {
  it('is shown once, the copy recorded line by line, whether or not it was re-wrapped', () => {
    const single = convert(readFileSync('test/sites/basic/content/speeches/004_fd46211088a2c3db.txt'));
    const doubled = convert(readFileSync('test/fixtures/convert/body-printed-twice/input.txt'));
    expect(doubled.blocks.map((b) => b.text)).toEqual(single.blocks.map((b) => b.text));
    expect(doubled.data.title).toBe(single.data.title);
    const copy = doubled.data.removed.filter((r) => r.rule === DUPLICATE_RULE);
    expect(copy.length).toBeGreaterThan(5);
    const source = readFileSync('test/fixtures/convert/body-printed-twice/input.txt', 'utf8').split('\n');
    for (const r of copy) expect(source[r.line - 1]!.trim()).toBe(r.text);
  });

  it('finds the copy from the first lines on, and nothing in a text that only repeats itself in part', () => {
    const body = [para(1), para(2), para(3), para(4)];
    expect(secondCopy(lines('标题', ...body, ...body))).toBe(5);
    expect(secondCopy(lines('标题', ...body, '标题', ...body))).toBe(5);
    // Re-wrapped: the same characters under other line breaks.
    expect(secondCopy(lines(...body, body[0]! + body[1]!, body[2]! + body[3]!))).toBe(4);
    // A repeated closing or a slogan said twice is not a copy of the body.
    expect(secondCopy(lines(...body, para(5), para(1)))).toBe(-1);
    expect(secondCopy(lines(...body))).toBe(-1);
  });
});
