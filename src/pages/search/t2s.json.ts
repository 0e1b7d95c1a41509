import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import * as OpenCC from 'opencc-js/t2cn';

/**
 * Traditional → simplified, one character to one, for the characters this collection uses: a
 * query typed in traditional characters (營商環境) finds the simplified text. Built from OpenCC's
 * tables at build time; only pairs whose simplified side occurs in the collection, and whose
 * traditional side does not, are kept.
 */
export const GET: APIRoute = async () => {
  const used = new Set<string>();
  for (const s of await getCollection('speeches')) for (const c of `${s.data.title}${s.body ?? ''}`) used.add(c);
  const convert = (
    OpenCC as unknown as { Converter(o: { from: string; to: string }): (s: string) => string }
  ).Converter({
    from: 'tw',
    to: 'cn',
  });
  const table: Record<string, string> = {};
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const t = String.fromCharCode(code);
    const s = convert(t);
    // A character the collection itself uses is text, not a traditional variant (著 in 原著,
    // 乾 in 乾坤): mapping it would make queries miss the very pages that contain it.
    if (s !== t && s.length === 1 && used.has(s) && !used.has(t)) table[t] = s;
  }
  return new Response(JSON.stringify(table), { headers: { 'content-type': 'application/json' } });
};
