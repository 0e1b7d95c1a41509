/**
 * Markup residue from scraped web pages: HTML tags and character entities are page chrome, not
 * speech. Tags are removed (a block tag such as `<P>` or `<br>` ends a line: one-line scrapes
 * keep their paragraphs), entities become the characters they stand for (`&amp;amp;nbsp;`, twice
 * escaped, is a space), and every removed piece is recorded. The words between tags stay.
 * Only tag names of HTML's text markup count, so speech text such as `<script>` or `<十四五>` is
 * text. HTML comments (`<!-- … -->`, or their ends on lines of their own) and code points a
 * scraper wrote out by name (`<U+00A0>`) are markup too.
 */

/** The cleaning rule name recorded for removed markup. */
export const MARKUP_RULE = '网页标记';

const TAG =
  /<!--[\s\S]*?-->|<!--|-->|<\/?(?:p|br|b|i|u|s|em|strong|span|div|font|center|a|img|table|thead|tbody|tr|td|th|h[1-6]|li|ul|ol|sup|sub|hr|small|big|blockquote|section|article|strike|nobr|o:p)(?:\s[^<>]*)?\/?>/giu;
/** Tags that end a line of text where they stand. */
const BREAK = /^<\/?(?:p|br|div|li|tr|h[1-6]|hr|blockquote|section|article|table|ul|ol)\b/iu;
const ENTITY = /&(?:amp;)*(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));|<U\+([0-9A-F]{4,6})>/giu;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  yen: '¥',
};

/** The character an entity stands for, or null when it is not one we know (then it is text). */
function entityChar(num?: string, hex?: string, name?: string): string | null {
  const code = num ? Number(num) : hex ? parseInt(hex, 16) : NaN;
  if (!Number.isNaN(code)) {
    // No NUL, surrogates or other controls from an entity: those are not text either.
    if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff || (code >= 0x7f && code < 0xa0))
      return null;
    return String.fromCodePoint(code);
  }
  return NAMED[(name ?? '').toLowerCase()] ?? null;
}

/** One source line without its markup: the lines of text it holds, and what was removed. */
export function stripMarkup(line: string): { lines: string[]; removed: string[] } {
  if (!line.includes('<') && !line.includes('&')) return { lines: [line], removed: [] };
  const removed: string[] = [];
  const pieces: string[] = [''];
  let at = 0;
  for (const m of line.matchAll(TAG)) {
    pieces[pieces.length - 1] += line.slice(at, m.index);
    removed.push(m[0]);
    if (BREAK.test(m[0])) pieces.push('');
    at = m.index + m[0].length;
  }
  pieces[pieces.length - 1] += line.slice(at);
  const lines = pieces.map((p) =>
    p.replace(ENTITY, (e: string, num?: string, hex?: string, name?: string, codepoint?: string) => {
      // `<U+00A0>`: a code point a scraper wrote out by name.
      const c = entityChar(num, hex ?? codepoint, name);
      if (c === null) return e;
      removed.push(e);
      return c;
    }),
  );
  return { lines, removed };
}
