import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSpeech } from '../../src/pipeline/convert.ts';
import { rules, taxonomy } from '../helpers/rules.ts';

/**
 * Fixture pairs: `test/fixtures/convert/<behaviour>/input.txt` (raw bytes, any encoding) and
 * `expected.json` (encoding, line ends, title, and every block in order).
 */
const root = 'test/fixtures/convert';
type ExpectedBlock = ['p', string] | ['h', number, string, string, string];
interface Expected {
  encoding: string;
  lineEnding: string;
  title: string;
  titleDerived: boolean;
  blocks: ExpectedBlock[];
  removed?: Array<{ rule: string; line: number; text: string }>;
}

describe('converter fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const bytes = readFileSync(join(root, name, 'input.txt'));
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
      const { data, blocks } = convertSpeech({ file: `x/${name}.txt`, name: `${name}.txt`, bytes, rules, taxonomy });
      expect(data.source.encoding).toBe(expected.encoding);
      expect(data.source.lineEnding).toBe(expected.lineEnding);
      expect(data.title).toBe(expected.title);
      expect(data.titleDerived).toBe(expected.titleDerived);
      const actual = blocks.map((b): ExpectedBlock =>
        b.type === 'paragraph' ? ['p', b.text] : ['h', b.depth, b.marker, b.title, b.text],
      );
      expect(actual).toEqual(expected.blocks);
      if (expected.removed) expect(data.removed).toEqual(expected.removed);
    });
  }
});
