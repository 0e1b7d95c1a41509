import { InputError } from './errors.ts';
import { DUPLICATE_RULE, secondCopy } from './duplicate.ts';
import { ADDRESSEES, chineseNumber } from './markers.ts';
import { MARKUP_RULE, stripMarkup } from './markup.ts';

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

/** A line (or, for markup, the pieces of a line) the cleaner removed, and why. */
export interface Removed {
  rule: string;
  line: number;
  text: string;
  /** True when only `text` was taken out of the line (markup), not the whole line. */
  part?: boolean | undefined;
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

/** A line at least this long that holds runs of ideographic spaces is several paragraphs. */
const RUN_ON = 80;

/**
 * A scrape that lost its line breaks keeps each paragraph's indent: two ideographic spaces
 * (U+3000 U+3000) inside a long line start a new paragraph. (Whitespace is layout, so this adds
 * and removes no character of the speech.)
 */
function splitRunOn(line: string): string[] {
  if (line.length < RUN_ON || !/\S\u3000{2,}\S/u.test(line)) return [line];
  return line.split(/(?<=\S)\u3000{2,}(?=\S)/u);
}

/**
 * A document of at most this many lines, one of them at least FLAT_CHARS long and none a salutation
 * on its own, lost its line breaks in the scrape.
 */
const FLAT_LINES = 3;
const FLAT_CHARS = 120;
const CN_ORDINAL = '一二三四五六七八九十';
/** A break before a number only where what follows reads as a heading: its first sentence at most this long. */
const FLAT_HEADING = 100;
/**
 * Where a flat scrape's paragraphs may begin: the salutation after a title's last word
 * (…讲话稿同志们：) or a space; 一、 or （一） after the end of a sentence or clause, a colon or a
 * space, but not one of a run of numbers (一、二等奖, 二、三季度, （二）、（三）两项, （二）（三）).
 */
const FLAT_BREAK = new RegExp(
  String.raw`(?<=讲话|发言|致辞|讲话稿|主持词|报告|[）)]|\s)(?=${ADDRESSEES}[：:])` +
    String.raw`|(?<=[。！？：；!?:;]|\s)\s*(?=([${CN_ORDINAL}]{1,3})、(?![${CN_ORDINAL}])|[（(]([${CN_ORDINAL}]{1,3})[）)](?![（(、，,]))`,
  'gu',
);
/** A salutation, or any short line ending in a colon, alone on its line: the document kept its line breaks. */
const OWN_LINE = /^.{1,30}[：:！!]$/u;

/**
 * A scrape that lost every line break (the whole speech on a line or two, its paragraphs run
 * together or joined by single spaces): a new paragraph before the salutation and before each
 * 一、 and （一） that continues its numbering (一、 then 二、; （一） then （二）, again from （一）
 * under each 一、), so the title, salutation and outline are found. Only whitespace may be
 * dropped at a break: no character of the speech is added or lost.
 */
function splitFlat(line: string): string[] {
  const at: number[] = [];
  let salutation = false;
  let dun = 0;
  let paren = 0;
  for (const m of line.matchAll(FLAT_BREAK)) {
    const i = m.index + m[0].length;
    // A heading reads as one: its first sentence short, not a list of clauses (一、抓产业；二、…).
    const head = m[1] === undefined && m[2] === undefined ? '' : /^[^。！？!?]*/u.exec(line.slice(i, i + 120))![0];
    if (head.length > FLAT_HEADING || /[；;]/u.test(head)) continue;
    if (m[1] === undefined && m[2] === undefined) {
      if (salutation || i === 0) continue;
      salutation = true;
    } else if (m[1] !== undefined) {
      const n = chineseNumber(m[1]);
      if (n !== dun + 1) continue;
      dun = n;
      paren = 0;
    } else {
      const n = chineseNumber(m[2]!);
      if (n !== paren + 1) continue;
      paren = n;
    }
    if (i > 0) at.push(i);
  }
  if (!at.length) return [line];
  return [0, ...at].map((start, k) => line.slice(start, at[k] ?? line.length));
}

/** Remove advertising and page chrome; normalise whitespace; drop empty lines. */
export function clean(text: string, rules: CleaningRules): Cleaned {
  const markup: Removed[] = [];
  const raw = text.split('\n').flatMap((t, i) => {
    const { lines, removed } = stripMarkup(t);
    if (removed.length) markup.push({ rule: MARKUP_RULE, line: i + 1, text: removed.join(''), part: true });
    return lines.flatMap(splitRunOn).map((piece) => ({ n: i + 1, piece, text: normaliseWhitespace(piece) }));
  });
  const nonEmpty = raw.filter((l) => l.text !== '');
  if (nonEmpty.length === 0)
    throw new InputError(markup.length ? 'only web-page markup, no speech text' : 'empty file (only whitespace)');

  const drop = new Map<number, string>();
  const blocks = rules.blocks.map((b) => ({ ...b, s: new RegExp(b.start, 'u'), e: new RegExp(b.end, 'u') }));
  for (let i = 0; i < nonEmpty.length; i++) {
    for (const b of blocks) {
      if (!b.s.test(nonEmpty[i]!.text)) continue;
      // The end within maxLines source lines of the start, blank ones counted: a 关键词： whose
      // keywords are missing does not take the title a blank line below it.
      const limit = nonEmpty[i]!.n + b.maxLines;
      let last = -1;
      for (let j = i + 1; j < nonEmpty.length && nonEmpty[j]!.n < limit; j++)
        if (b.e.test(nonEmpty[j]!.text)) {
          last = j;
          break;
        }
      if (last < 0) continue;
      for (let k = i; k <= last; k++) drop.set(k, b.name);
      i = last;
      break;
    }
  }
  const lineRules = rules.lines.map((r) => ({ name: r.name, re: new RegExp(r.pattern, 'u') }));
  nonEmpty.forEach((l, k) => {
    if (drop.has(k)) return;
    const hit = lineRules.find((r) => r.re.test(l.text));
    if (hit) drop.set(k, hit.name);
  });
  const dropped = nonEmpty.flatMap((l, k): Removed[] =>
    drop.has(k) ? [{ rule: drop.get(k)!, line: l.n, text: l.text }] : [],
  );

  // What is left after the rules, as lines of the speech. A flat scrape is split only now (so no
  // rule ever sees a piece of a line, which could also hold the speech's words), and before its
  // whitespace is normalised: a space can be where a paragraph ended.
  const left = nonEmpty.filter((_, k) => !drop.has(k));
  const flat =
    left.length <= FLAT_LINES &&
    left.some((l) => l.text.length >= FLAT_CHARS) &&
    !left.some((l) => OWN_LINE.test(l.text));
  const speech: Line[] = flat
    ? left.flatMap((l) =>
        (l.text.length < FLAT_CHARS ? [l.piece] : splitFlat(l.piece))
          .map((piece) => ({ n: l.n, text: normaliseWhitespace(piece) }))
          .filter((piece) => piece.text !== ''),
      )
    : left.map((l) => ({ n: l.n, text: l.text }));
  // A body printed twice is shown once; the copy is recorded like the other removals.
  const copy = secondCopy(speech);
  const lines = copy >= 0 ? speech.slice(0, copy) : speech;
  if (copy >= 0) for (const l of speech.slice(copy)) dropped.push({ rule: DUPLICATE_RULE, line: l.n, text: l.text });
  const removed = [...markup, ...dropped].sort((a, b) => a.line - b.line || (a.part ? -1 : 0) - (b.part ? -1 : 0));
  if (lines.length === 0) throw new InputError('only advertising, no speech text');
  return { lines, removed };
}
