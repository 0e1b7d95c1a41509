import * as OpenCC from 'opencc-js/t2cn';
import type { T2S } from './normalize.ts';

/**
 * Traditional → simplified, one character to one, from OpenCC's tables (BMP CJK only). The same
 * table normalises the text when the index is built and the query when it is searched, so a
 * speech written in traditional characters is found by a simplified query and the reverse, and
 * no speech in the collection can switch the mapping off for others.
 */
export function buildT2S(): Record<string, string> {
  const convert = (
    OpenCC as unknown as { Converter(o: { from: string; to: string }): (s: string) => string }
  ).Converter({ from: 'tw', to: 'cn' });
  const table: Record<string, string> = {};
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const t = String.fromCharCode(code);
    const s = convert(t);
    if (s !== t && s.length === 1) table[t] = s;
  }
  return table satisfies T2S;
}
