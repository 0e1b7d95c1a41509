/**
 * Numbers that changed between two aligned speeches (issue 14): targets (`5%左右` → `4.5%至5%`),
 * amounts, counts, years. A number is digits (half- or full-width, with a decimal point) or Chinese
 * numerals followed by a unit, with its unit, a range (`6%－6.5%`, `4.5%至5%`) and a qualifier
 * (左右, 以上, 以内 …). They are compared
 *   - inside a sentence that changed (or moved and changed): a number of A is paired with the
 *     number of B at the same place, as the character diff aligns the two sentences;
 *   - between sentences only in A and only in B in the same region: a number is paired with one
 *     introduced by the same words (`今年赤字率拟按2.8%安排` and `今年赤字率拟按3.6%以上安排`).
 * Equal numbers are not listed; a number without a counterpart in a changed sentence is listed
 * as dropped or new.
 */
import type { Change } from 'diff';
import type { Alignment, Row, Unit } from './align.ts';

const D = '[0-9０-９]';
const NUM = `${D}+(?:,${D}{3})*(?:[.．]${D}+)?`;
const CN = '[零〇一二三四五六七八九十百千万亿两]+';
/** Units, longest first (so 万人 is read whole, not 万 then 人). */
const UNIT = `(?:${'个百分点 百分点 % ％ ‰ 倍 万亿元 亿元 万元 千元 元 万亿 亿 万 千 万人次 人次 万人 亿人 人 万户 户 万个 个 项 家 所 座 条 件 次 平方公里 平方米 公里 千米 米 万亩 亩 万吨 吨 万千瓦 千瓦 辆 套 名 岁 周年 年 个月 月 日 天 小时'
  .split(' ')
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const QUAL = '(?:左右|以上|以下|以内|之内|多|余)?';
const RANGE = '(?:-|－|—|–|～|~|至|到)';
/** A number with its unit, range and qualifier; Chinese numerals only with a unit (not 十四五, 一是). */
const NUMBER = new RegExp(
  `(?:${NUM}${UNIT}?(?:${RANGE}${NUM}${UNIT}?)?|${CN}(?:个百分点|百分点|倍|成|万亿元|亿元|万元|万人|亿人|周年))${QUAL}`,
  'gu',
);
const DIGITS = /[0-9０-９]/u;
/** What may stand between a number and the words that introduce it. */
const BOUNDARY = new Set('，。；！？：、,;:（(“” \u3000');

/** Characters of the words before a number kept as its label. */
const LABEL = 16;

/** A number in a unit's text: its offsets, text, and the words before it (its label). */
export interface NumberToken {
  start: number;
  end: number;
  text: string;
  label: string;
}

/** The numbers in a text, each with the words since the last punctuation or number before it. */
export function numbersIn(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    let from = start;
    while (from > last && !BOUNDARY.has(text[from - 1]!)) from--;
    let label = text.slice(from, start).slice(-LABEL);
    // A list of numbers (压缩至90、50、15个工作日) shares the words before its first.
    const prev = out.at(-1);
    if (!label && prev && /^[、和及与]$/u.test(text.slice(prev.end, start))) label = prev.label;
    out.push({ start, end: start + m[0].length, text: m[0], label });
    last = start + m[0].length;
  }
  return out;
}

/** A changed number: the words before it, A's value and B's ('' where there is none), and the row. */
export interface NumberChange {
  label: string;
  a: string;
  b: string;
  row: number;
}

/**
 * The B range [from, to) that A's [start, end) corresponds to, by the character diff: an equal run
 * maps character for character, a stretch of removals and additions maps to the additions.
 */
function mapRange(parts: readonly Change[], start: number, end: number): [number, number] {
  let pa = 0;
  let pb = 0;
  let from = Infinity;
  let to = -Infinity;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!p.added && !p.removed) {
      const s = Math.max(start, pa);
      const e = Math.min(end, pa + p.value.length);
      if (s < e) [from, to] = [Math.min(from, pb + s - pa), Math.max(to, pb + e - pa)];
      pa += p.value.length;
      pb += p.value.length;
      continue;
    }
    // A stretch of changes: removals (A) and additions (B), in any order, until the next equal run.
    let ra = pa;
    let rb = pb;
    while (k < parts.length && (parts[k]!.added || parts[k]!.removed)) {
      if (parts[k]!.removed) ra += parts[k]!.value.length;
      else rb += parts[k]!.value.length;
      k++;
    }
    k--;
    // Touching counts: a number edited at its end (6% → 6.5%) borders its addition.
    if (Math.max(start, pa) < Math.min(end, ra) || (ra === pa && start <= pa && pa <= end)) {
      [from, to] = [Math.min(from, pb), Math.max(to, rb)];
    }
    pa = ra;
    pb = rb;
  }
  return [from, to];
}

const overlap = (a: [number, number], s: number, e: number) => Math.max(0, Math.min(a[1], e) - Math.max(a[0], s));
const isYear = (t: string) => /^(?:1[89]|20)\d\d年?$/u.test(t);

/** What a number counts: a share (%, 百分点), else its unit's last character (元, 人, 年 …), '' when bare. */
function kindOf(t: string): string {
  if (/[%％‰]|百分点/u.test(t)) return '%';
  const unit = t.replace(/(?:左右|以上|以下|以内|之内|多|余)$/u, '').match(/[^\d０-９.．,]+$/u)?.[0] ?? '';
  return unit.slice(-1);
}

/**
 * Two numbers at the same place are one number changed when they count the same kind of thing
 * (6.5% and 3万元 are not) and the words before them agree: the same, or ending alike, or one
 * the start of the other (城镇调查失业率 / 城镇调查失业率全年控制在).
 */
function sameQuantity(x: NumberToken, y: NumberToken): boolean {
  const kx = kindOf(x.text);
  const ky = kindOf(y.text);
  if (kx && ky && kx !== ky) return false;
  const [a, b] = [x.label, y.label];
  return !a || !b || a === b || a.slice(-2) === b.slice(-2) || a.startsWith(b) || b.startsWith(a);
}

/** Numbers paired inside one sentence pair (its character diff `parts`). */
function inPair(a: Unit, b: Unit, parts: readonly Change[], row: number, out: NumberChange[]) {
  const na = numbersIn(a.text);
  const nb = numbersIn(b.text);
  const used = new Set<number>();
  for (const t of na) {
    const range = mapRange(parts, t.start, t.end);
    let best = -1;
    let most = 0;
    nb.forEach((u, j) => {
      const o = overlap(range, u.start, u.end);
      if (!used.has(j) && o > most && sameQuantity(t, u)) [best, most] = [j, o];
    });
    if (best >= 0) {
      used.add(best);
      const u = nb[best]!;
      if (u.text !== t.text) out.push({ label: u.label || t.label, a: t.text, b: u.text, row });
    } else if (range[0] < range[1] || !b.text.includes(t.text)) out.push({ label: t.label, a: t.text, b: '', row });
  }
  nb.forEach((u, j) => {
    if (!used.has(j) && !a.text.includes(u.text)) out.push({ label: u.label, a: '', b: u.text, row });
  });
}

/** Every changed number of an alignment, in the order of the rows. */
export function numberChanges(al: Alignment): NumberChange[] {
  const out: NumberChange[] = [];
  al.rows.forEach((r: Row, row) => {
    if (r.kind === 'changed') inPair(r.a, r.b, r.parts, row, out);
    else if (r.kind === 'in' && r.parts) inPair((al.rows[r.peer] as { a: Unit }).a, r.b, r.parts, row, out);
  });
  // Sentences only in A or only in B, in the same region: numbers introduced by the same words.
  for (const region of al.regions) {
    const dropped = new Map<string, Array<{ t: NumberToken; row: number }>>();
    for (let row = region.from; row < region.to; row++) {
      const r = al.rows[row]!;
      // Only digits are looked for here (a label needs words before a written number).
      if (r.kind !== 'del' || !DIGITS.test(r.a.text)) continue;
      for (const t of numbersIn(r.a.text)) {
        if (t.label.length < 3) continue;
        const list = dropped.get(t.label);
        if (list) list.push({ t, row });
        else dropped.set(t.label, [{ t, row }]);
      }
    }
    for (let row = region.from; row < region.to; row++) {
      const r = al.rows[row]!;
      if (r.kind !== 'ins' || !DIGITS.test(r.b.text)) continue;
      for (const u of numbersIn(r.b.text)) {
        const list = dropped.get(u.label);
        const at = list?.findIndex((d) => kindOf(d.t.text) === kindOf(u.text)) ?? -1;
        const match = at >= 0 ? list!.splice(at, 1)[0] : undefined;
        if (match && match.t.text !== u.text) out.push({ label: u.label, a: match.t.text, b: u.text, row });
      }
    }
  }
  return out.sort((x, y) => x.row - y.row);
}

/** One line of the summary table: the same change (label, A, B) at every row where it is made. */
export interface NumberLine {
  label: string;
  a: string;
  b: string;
  rows: number[];
}

/** Changes grouped: the same label and values once, with every place (a year changed everywhere is one line). */
export function numberLines(changes: readonly NumberChange[]): NumberLine[] {
  const lines = new Map<string, NumberLine>();
  for (const c of changes) {
    const years = (isYear(c.a) || !c.a) && (isYear(c.b) || !c.b);
    const key = `${years ? '' : c.label}\u0000${c.a}\u0000${c.b}`;
    const line = lines.get(key);
    if (line) {
      if (line.rows.at(-1) !== c.row) line.rows.push(c.row);
    } else lines.set(key, { label: years ? '年份' : c.label, a: c.a, b: c.b, rows: [c.row] });
  }
  return [...lines.values()];
}
