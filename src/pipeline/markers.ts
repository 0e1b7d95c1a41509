/**
 * Numbering markers that open a heading line. GB/T 9704-2012 §7.3.3 fixes the levels of official
 * documents as 一、 → （一） → 1. → （1）; speeches add paragraph-leading enumerations (第一，/一是/
 * 一要/首先), which sit one level below the nearest numbered heading. Half-width and full-width
 * forms of the same marker are the same level.
 */
export type MarkerKind =
  | 'part' // an unmarked part title (segment.ts decides, not a marker)
  | 'lead' // a lead sentence standing alone as a sub-heading (segment.ts decides)
  | 'cn-dun' // 一、
  | 'cn-paren' // （一）
  | 'arabic' // 1.  1、 １．
  | 'arabic-paren' // （1）
  | 'di-ge' // 第一个问题，第一个方面 …
  | 'di' // 第一，
  | 'shi' // 一是
  | 'yao' // 一要
  | 'shouxian'; // 首先 … 其次 … 最后

/** Enumerations that belong to running speech rather than to document layout. */
export const IDIOM_KINDS: ReadonlySet<MarkerKind> = new Set(['di-ge', 'di', 'shi', 'yao', 'shouxian']);

export interface Marker {
  kind: MarkerKind;
  /** 1-based number of the item; `Infinity` for 最后 (it closes whatever list it is in). */
  ordinal: number;
  /** The marker exactly as written, e.g. `（一）`, `1．`, `第一，`. */
  text: string;
}

const CN = '[一二三四五六七八九十]{1,3}';
const DIGITS = '(?:[0-9]{1,2}|[０-９]{1,2})';
const PATTERNS: ReadonlyArray<[MarkerKind, RegExp]> = [
  ['cn-paren', new RegExp(`^[（(](${CN})[）)]`, 'u')],
  ['arabic-paren', new RegExp(`^[（(](${DIGITS})[）)]`, 'u')],
  // Not a run of numerals (一、二、三 is a list in a sentence); 一、一年来工作回顾 is a heading.
  ['cn-dun', new RegExp(`^(${CN})[、．.](?![一二三四五六七八九十]{1,3}[、．.])`, 'u')],
  // A digit after the dot means a decimal (3.5万元), not an item.
  ['arabic', new RegExp(`^(${DIGITS})[.．、](?![0-9０-９])`, 'u')],
  // 第一个问题：… / 第二个方面，… : how speeches announce their parts.
  [
    'di-ge',
    new RegExp(
      `^第(${CN})个(?:问题|方面|阶段|因素|层面|要求|重点|任务|目标|原则|关系|环节|方向|特点|着力点|突破口|转变|意见)[，,、：:]?`,
      'u',
    ),
  ],
  // 第一， but not 第一次 / 第一责任人: the numeral must be followed by punctuation.
  ['di', new RegExp(`^第(${CN})[，,、：:]`, 'u')],
  ['shi', new RegExp(`^(${CN})是`, 'u')],
  ['yao', new RegExp(`^(${CN})要`, 'u')],
  ['shouxian', /^(首先|其次|再次|最后)[，,：:]/u],
];

const SEQUENCE_WORDS: Readonly<Record<string, number>> = { 首先: 1, 其次: 2, 再次: 3, 最后: Infinity };

const CN_NUMERAL = /^(?:[一二三四五六七八九]|[二三四五六七八九]?十[一二三四五六七八九]?)$/u;

/** Parse a Chinese numeral from 一 to 九十九; anything else (三四, 十十) is NaN. */
export function chineseNumber(s: string): number {
  if (!CN_NUMERAL.test(s)) return NaN;
  const digit = (c: string | undefined) => '零一二三四五六七八九'.indexOf(c ?? '');
  if (s === '十') return 10;
  const ten = s.indexOf('十');
  if (ten < 0) return digit(s);
  const tens = ten === 0 ? 1 : digit(s[0]);
  const ones = ten === s.length - 1 ? 0 : digit(s[ten + 1]);
  return tens * 10 + ones;
}

/** A marker's number as written: 一 … 九十九, ASCII or full-width digits, 首先/其次/再次/最后. */
export function markerNumber(s: string): number {
  if (s in SEQUENCE_WORDS) return SEQUENCE_WORDS[s]!;
  if (/^[0-9０-９]+$/u.test(s)) return Number(s.replace(/[０-９]/gu, (c) => String(c.charCodeAt(0) - 0xff10)));
  return chineseNumber(s);
}

/** The numbering marker a line starts with, if any. */
export function detectMarker(line: string): Marker | null {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const ordinal = markerNumber(m[1]!);
    if (!(ordinal > 0)) continue;
    return { kind, ordinal, text: m[0] };
  }
  return null;
}

/** Who a speech addresses: 同志们, 各位代表, 尊敬的各位领导, 女士们 … */
const ADDRESSEE =
  '(?:尊敬的)?(?:各位(?:领导|代表|委员|同志|来宾|嘉宾|朋友|老师|同学|企业家)|同志们|朋友们|女士们|先生们|老师们|同学们|代表们|来宾们)';
/** Addressees joined by 、，和 (尊敬的各位领导、同志们; 女士们、先生们，朋友们): a salutation without its colon. */
export const ADDRESSEES = `${ADDRESSEE}(?:[、，,和及]${ADDRESSEE})*`;
