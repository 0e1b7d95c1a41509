import { InputError } from './errors.ts';

/** A rule that removes a run of lines, from a `start` line to an `end` line. */
export interface BlockRule {
  /** Shown in front matter as the reason a line was removed. */
  name: string;
  /** Regular expression for the first line of the block. */
  start: string;
  /** Regular expression for the last line of the block. */
  end: string;
  /** How many lines the block may span at most, `start` and `end` included. */
  maxLines: number;
}

/** A rule that removes single lines wherever they occur. */
export interface LineRule {
  name: string;
  pattern: string;
}

/** The cleaning rules, as read from `content/cleaning.yaml`. */
export interface CleaningRules {
  blocks: BlockRule[];
  lines: LineRule[];
}

/** A line of the speech: its 1-based line number in the source and its normalised text. */
export interface Line {
  n: number;
  text: string;
}

/** A line the cleaner removed, and why. */
export interface Removed {
  rule: string;
  line: number;
  text: string;
}

export interface Cleaned {
  lines: Line[];
  removed: Removed[];
}

// Han characters, and the punctuation of Chinese text (CJK symbols, full-width forms, dashes, quotes).
const PUNCT = String.raw`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019`;
const HAN = String.raw`\p{Script=Han}`;
const AROUND_CJK = new RegExp(
  `(?<=[${HAN}${PUNCT}])\\s+(?=[${HAN}${PUNCT}])|(?<=[${PUNCT}])\\s+|\\s+(?=[${PUNCT}])`,
  'gu',
);

/**
 * Whitespace is layout, not text: trim the line (U+3000 indents, NBSP, U+2003 …), drop spaces
 * between Chinese characters (spaced-out titles such as `政 府 工 作 报 告`) and next to Chinese
 * punctuation, and turn any other run (between Latin letters or digits) into one ASCII space.
 */
export function normaliseWhitespace(line: string): string {
  return line.trim().replace(AROUND_CJK, '').replace(/\s+/gu, ' ');
}

/** Remove advertising and page chrome; normalise whitespace; drop empty lines. */
export function clean(text: string, rules: CleaningRules): Cleaned {
  const raw = text.split('\n').map((t, i) => ({ n: i + 1, text: normaliseWhitespace(t) }));
  const nonEmpty = raw.filter((l) => l.text !== '');
  if (nonEmpty.length === 0) throw new InputError('empty file (only whitespace)');

  const drop = new Map<number, string>();
  const blocks = rules.blocks.map((b) => ({ ...b, s: new RegExp(b.start, 'u'), e: new RegExp(b.end, 'u') }));
  for (let i = 0; i < nonEmpty.length; i++) {
    for (const b of blocks) {
      if (!b.s.test(nonEmpty[i]!.text)) continue;
      const last = nonEmpty.slice(i + 1, i + b.maxLines).findIndex((l) => b.e.test(l.text));
      if (last < 0) continue;
      for (const l of nonEmpty.slice(i, i + last + 2)) drop.set(l.n, b.name);
      i += last + 1;
      break;
    }
  }
  const lineRules = rules.lines.map((r) => ({ name: r.name, re: new RegExp(r.pattern, 'u') }));
  for (const l of nonEmpty) {
    if (drop.has(l.n)) continue;
    const hit = lineRules.find((r) => r.re.test(l.text));
    if (hit) drop.set(l.n, hit.name);
  }

  const lines = nonEmpty.filter((l) => !drop.has(l.n));
  const removed = nonEmpty.filter((l) => drop.has(l.n)).map((l) => ({ rule: drop.get(l.n)!, line: l.n, text: l.text }));
  if (lines.length === 0) throw new InputError('only advertising, no speech text');
  return { lines, removed };
}
