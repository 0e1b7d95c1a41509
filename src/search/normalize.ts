/**
 * Query and text normalisation for search. Every function maps one character to exactly one
 * character, so an index in the normalised text is an index in the original: matches found in
 * normalised text can be highlighted in the page as written.
 */

/** Traditional → simplified characters (one to one), as served at /search/t2s.json. */
export type T2S = Readonly<Record<string, string>>;

/** Full-width ASCII (Ａ１（) → half-width; ideographic space → space; traditional → simplified; A → a. */
export function normalizeChar(c: string, t2s: T2S): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) c = ' ';
  const mapped = t2s[c] ?? c;
  // Lower-casing must keep lengths (İ lower-cases to two characters): offsets into the
  // normalised text are offsets into the page.
  const lower = mapped.toLowerCase();
  return lower.length === mapped.length ? lower : mapped;
}

const tables = new WeakMap<T2S, Uint16Array>();

/**
 * `normalizeChar` for every UTF-16 code unit, as a lookup table (built once per character table):
 * normalising 10,000 speeches for the index is then one array read per character.
 */
export function normTable(t2s: T2S): Uint16Array {
  let table = tables.get(t2s);
  if (!table) {
    table = new Uint16Array(65536);
    for (let u = 0; u < 65536; u++) {
      // Surrogates stay as they are: an astral character is kept whole.
      if (u >= 0xd800 && u <= 0xdfff) table[u] = u;
      else table[u] = normalizeChar(String.fromCharCode(u), t2s).charCodeAt(0);
    }
    tables.set(t2s, table);
  }
  return table;
}

/** Normalise text code unit by code unit (length-preserving: offsets stay offsets). */
export function normalize(text: string, t2s: T2S): string {
  const table = normTable(t2s);
  let out = '';
  for (let i = 0; i < text.length; i += 1024) {
    const chunk = new Uint16Array(Math.min(1024, text.length - i));
    for (let j = 0; j < chunk.length; j++) chunk[j] = table[text.charCodeAt(i + j)]!;
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** Only ASCII double quotes group; Chinese quotes (“六保”, 「…」) are characters of a pasted phrase. */
const QUOTES = /"/u;
const HAN_GAP = /(?<=[\p{Script=Han}\p{P}])\s+|\s+(?=[\p{Script=Han}\p{P}])/gu;

/**
 * The exact strings a query asks for, all of which a result must contain (AND). Terms are
 * separated by spaces; ASCII double quotes ("…") group a phrase, and spaces inside a quoted
 * Chinese phrase are dropped (Chinese text has none). Chinese quotes and punctuation (“六保”, 《》,
 * 、，) are characters of a pasted phrase. An unbroken Chinese query is one exact string.
 * Duplicates and terms contained in another term are dropped: they add no condition.
 */
export function parseQuery(raw: string, t2s: T2S): string[] {
  const q = normalize(raw, t2s);
  const terms: string[] = [];
  const parts = q.split(QUOTES);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const phrase = part.replace(HAN_GAP, '').trim();
      if (phrase) terms.push(phrase);
    } else {
      for (const t of part.split(/\s+/u)) if (t) terms.push(t);
    }
  });
  const unique = [...new Set(terms)];
  return unique.filter((t) => !unique.some((u) => u !== t && u.includes(t)));
}

/** Every [start, end) range where one of the terms occurs in the (normalised) text, merged. */
export function findRanges(normText: string, terms: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    for (let i = normText.indexOf(t); i >= 0; i = normText.indexOf(t, i + 1)) ranges.push([i, i + t.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
