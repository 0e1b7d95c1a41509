/**
 * Two speeches aligned (issue 14): by section first (the top-level headings of their outlines),
 * then sentence by sentence inside the matched sections, with the `diff` package doing the
 * sequence work (diffArrays over sentence ids, a character diff inside a changed sentence). Pure: no
 * DOM, so the page, the unit tests and the benchmark run the same code.
 *
 *   1. Each block becomes units: a heading is one unit, a paragraph one unit per sentence
 *      (sentences.ts).
 *   2. Each speech is cut into sections at its top-level headings (what comes before the first
 *      is the opening). Sections are matched one to one and in order, by the character 3-grams
 *      they share and the likeness of their headings; a section left over is joined to the
 *      matched neighbour it resembles more (a part split in two, or two merged), so the parts of
 *      a reorganised report still meet their text.
 *   3. Inside each region (matched sections and what was joined to them) the units are diffed
 *      as a sequence (the longest common subsequence of identical sentences). In each stretch of
 *      removed and added units, similar ones are paired as "changed" (a monotone matching
 *      maximising character-bigram likeness).
 *   4. Units still unpaired anywhere are matched across the whole text: an identical or nearly
 *      identical sentence elsewhere is "moved" (and, if edited, shown with its differences).
 *
 * Every unit of A and of B is in exactly one row, and reading the rows in order reads each text
 * in order (test/unit/compare-align.test.ts checks this against a brute-force oracle).
 */
import { Diff, diffArrays, type Change } from 'diff';
import { sentenceSpans } from './sentences.ts';

/** A block of a speech as the page shows it: id (`p12`, `s2-3`), heading depth (0: paragraph) and text. */
export interface Block {
  id: string;
  depth: number;
  text: string;
}

/** One comparable piece of a speech: a heading, or a sentence of a paragraph. */
export interface Unit {
  /** Position among its speech's units. */
  i: number;
  /** The block it is in (its id and position). */
  block: string;
  blockIndex: number;
  /** Offsets in the block's text. */
  start: number;
  end: number;
  text: string;
  /** Heading depth, 0 for a sentence. */
  depth: number;
  /** The section it belongs to (0 is the opening when the speech has one). */
  section: number;
}

/** A section: a top-level heading and everything up to the next (or the opening before the first). */
export interface Section {
  index: number;
  /** The heading's text; '' for the opening. */
  title: string;
  /** The heading's block id, null for the opening. */
  id: string | null;
  /** Its units: [first, end). */
  from: number;
  to: number;
}

/**
 * One line of the comparison:
 * - same: the sentence is in both, unchanged;
 * - changed: a sentence of A and one of B at the same place, with their character differences;
 * - del / ins: only in A / only in B;
 * - out / in: a sentence of A moved to another place in B (out, at A's place) and the same
 *   sentence at its place in B (in, with its differences when it was also edited); `peer` is the
 *   other row's number.
 */
export type Row =
  | { kind: 'same'; a: Unit; b: Unit }
  | { kind: 'changed'; a: Unit; b: Unit; parts: Change[] }
  | { kind: 'del'; a: Unit }
  | { kind: 'ins'; b: Unit }
  | { kind: 'out'; a: Unit; peer: number }
  | { kind: 'in'; b: Unit; peer: number; parts: Change[] | null };

/** Sections of A and B shown together, and their rows (numbers into `Alignment.rows`). */
export interface Region {
  a: number[];
  b: number[];
  /** Rows [from, to). */
  from: number;
  to: number;
}

export interface Alignment {
  units: [Unit[], Unit[]];
  sections: [Section[], Section[]];
  regions: Region[];
  rows: Row[];
}

/** Likeness (character-bigram Dice) from which two sentences at the same place are one sentence changed. */
export const CHANGED = 0.5;
/** Likeness from which a sentence found elsewhere counts as moved (and edited). */
export const MOVED = 0.75;
/** A section pair counts as matched from this share of shared 3-grams (Dice), or from alike headings. */
const SECTION_MATCH = 0.08;
const HEADING_MATCH = 0.6;

/**
 * The character diff of two sentences: diffChars (the `diff` package's Myers diff over
 * characters), except that a number (a run of digits with its decimal point and %) is one token,
 * so 70.5 → 89.9 reads as one number replaced, not as digits interleaved (7̶0̶.5̶ 89.9).
 */
class TextDiff extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(/[0-9０-９.．%％]+|[\s\S]/gu) ?? [];
  }
}
const textDiff = new TextDiff();
/** The differences of two sentences: equal, removed (A) and added (B) runs, in order. */
export const diffText = (a: string, b: string): Change[] => textDiff.diff(a, b);

/** Blocks → units (a heading whole, a paragraph by sentence), and the sections they fall in. */
export function unitsOf(blocks: readonly Block[]): { units: Unit[]; sections: Section[] } {
  const top = Math.min(...blocks.filter((b) => b.depth > 0).map((b) => b.depth));
  const units: Unit[] = [];
  const sections: Section[] = [];
  blocks.forEach((b, blockIndex) => {
    if (b.depth === top) {
      if (sections.length) sections.at(-1)!.to = units.length;
      else if (units.length) sections.push({ index: 0, title: '', id: null, from: 0, to: units.length });
      sections.push({ index: sections.length, title: b.text, id: b.id, from: units.length, to: units.length });
    }
    const spans = b.depth ? [[0, b.text.length] as const] : sentenceSpans(b.text);
    for (const [start, end] of spans)
      units.push({
        i: units.length,
        block: b.id,
        blockIndex,
        start,
        end,
        text: b.text.slice(start, end),
        depth: b.depth,
        section: Math.max(sections.length - 1, 0),
      });
  });
  if (!sections.length) sections.push({ index: 0, title: '', id: null, from: 0, to: units.length });
  sections.at(-1)!.to = units.length;
  return { units, sections };
}

/** What two units are compared by: the text without spaces, full-width ASCII as half-width. */
const keyOf = (text: string) =>
  /[\s\uff01-\uff5e]/u.test(text)
    ? text.replace(/\s+/gu, '').replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    : text;

/**
 * Sentences as sets of character bigrams, for their likeness (Dice: 2·shared / (|a| + |b|)).
 * Each bigram is numbered by how rare it is in the two texts (rarest first), so a set sorted by
 * number begins with its rarest bigrams: two sets alike enough must share one of those (prefix
 * filtering), and only such pairs are compared.
 */
export class Likeness {
  readonly sets: [Int32Array[], Int32Array[]];
  constructor(texts: readonly [readonly string[], readonly string[]]) {
    // Bigram → id on first sight (an open-addressing table: no object per bigram); df counts the
    // sentences that have it, once per sentence.
    let total = 1;
    for (const side of texts) for (const t of side) total += t.length;
    const bits = Math.ceil(Math.log2(total * 2));
    const size = 1 << bits;
    const keys = new Uint32Array(size);
    const slots = new Int32Array(size).fill(-1);
    const df: number[] = [];
    const last: number[] = [];
    // Every sentence's distinct bigram ids, one after another in one buffer.
    const flat = new Int32Array(total);
    const bounds = texts.map((ts) => new Int32Array(ts.length + 1));
    let n = 0;
    let stamp = 0;
    texts.forEach((ts, side) =>
      ts.forEach((t, u) => {
        stamp++;
        bounds[side]![u] = n;
        for (let i = 0; i + 1 < t.length; i++) {
          const c = ((t.charCodeAt(i) << 16) | t.charCodeAt(i + 1)) >>> 0;
          // Fibonacci hashing: the product's high bits, which depend on both characters.
          let h = Math.imul(c, 0x9e3779b1) >>> (32 - bits);
          while (slots[h & (size - 1)]! >= 0 && keys[h & (size - 1)] !== c) h++;
          const at = h & (size - 1);
          let id = slots[at]!;
          if (id < 0) {
            keys[at] = c;
            slots[at] = id = df.length;
            df.push(0);
            last.push(0);
          }
          if (last[id] !== stamp) {
            last[id] = stamp;
            df[id]!++;
            flat[n++] = id;
          }
        }
        bounds[side]![u + 1] = n;
      }),
    );
    // Rank = position by df, rarest first (a counting sort; ties by first sight).
    const start = new Int32Array(stamp + 2);
    for (const d of df) start[d + 1]!++;
    for (let d = 1; d < start.length; d++) start[d]! += start[d - 1]!;
    const rank = new Int32Array(df.length);
    df.forEach((d, id) => (rank[id] = start[d]!++));
    for (let i = 0; i < n; i++) flat[i] = rank[flat[i]!]!;
    const sets = (side: 0 | 1) =>
      texts[side].map((_, u) => flat.subarray(bounds[side]![u], bounds[side]![u + 1]).sort());
    this.sets = [sets(0), sets(1)];
    this.size = df.length;
  }

  /** How many distinct bigrams the texts have (ids are 0 … size − 1). */
  readonly size: number;

  /** Dice likeness of two sets. */
  static dice(a: Int32Array, b: Int32Array): number {
    if (!a.length || !b.length) return 0;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i]! === b[j]!) {
        shared++;
        i++;
        j++;
      } else if (a[i]! < b[j]!) i++;
      else j++;
    }
    return (2 * shared) / (a.length + b.length);
  }

  /**
   * Every pair of `xs` (units of A) and `ys` (units of B) at least `t` alike, and allowed by
   * `may`: [position in xs, position in ys, likeness]. A pair that alike shares at least
   * t·|x|/(2 − t) bigrams, so one among the first |x| − that + 1 (the rarest) of each set.
   */
  above(xs: readonly number[], ys: readonly number[], t: number, may: (x: number, y: number) => boolean) {
    const prefix = (n: number) => Math.min(n, n - Math.ceil((t * n) / (2 - t) - 1e-9) + 1);
    // Postings of the ys' prefixes, bigram id → positions in ys, as one flat array (CSR).
    const count = new Int32Array(this.size + 1);
    for (const u of ys) {
      const set = this.sets[1][u]!;
      for (let i = 0, p = prefix(set.length); i < p; i++) count[set[i]! + 1]!++;
    }
    for (let i = 1; i < count.length; i++) count[i]! += count[i - 1]!;
    const fill = count.slice(0, this.size);
    const postings = new Int32Array(count[this.size]!);
    ys.forEach((u, k) => {
      const set = this.sets[1][u]!;
      for (let i = 0, p = prefix(set.length); i < p; i++) postings[fill[set[i]!]!++] = k;
    });
    const seen = new Int32Array(ys.length).fill(-1);
    const out: Array<[number, number, number]> = [];
    xs.forEach((u, k) => {
      const set = this.sets[0][u]!;
      for (let i = 0, p = prefix(set.length); i < p; i++)
        for (let q = count[set[i]!]!, end = count[set[i]! + 1]!; q < end; q++) {
          const m = postings[q]!;
          if (seen[m] === k) continue;
          seen[m] = k;
          if (!may(k, m)) continue;
          const s = Likeness.dice(set, this.sets[1][ys[m]!]!);
          if (s >= t) out.push([k, m, s]);
        }
    });
    return out;
  }
}

/**
 * The chain of pairs (x, y), both increasing, of greatest total likeness: the best way to pair
 * the removed and added units of a stretch in order. Sparse dynamic programming over the
 * candidate pairs, with a Fenwick tree of the best chain ending below each y.
 */
export function bestChain(
  pairs: ReadonlyArray<readonly [number, number, number]>,
  ny: number,
): Array<[number, number]> {
  const sorted = [...pairs].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const tree = new Float64Array(ny + 1);
  const at = new Int32Array(ny + 1).fill(-1);
  const value = new Float64Array(sorted.length);
  const parent = new Int32Array(sorted.length).fill(-1);
  const query = (y: number): [number, number] => {
    let best = 0;
    let who = -1;
    for (let i = y; i > 0; i -= i & -i) if (tree[i]! > best) [best, who] = [tree[i]!, at[i]!];
    return [best, who];
  };
  const update = (y: number, v: number, who: number) => {
    for (let i = y + 1; i <= ny; i += i & -i) if (v > tree[i]!) [tree[i], at[i]] = [v, who];
  };
  for (let k = 0; k < sorted.length;) {
    // Pairs with the same x may not chain to each other: score them all, then insert them.
    let e = k;
    while (e < sorted.length && sorted[e]![0] === sorted[k]![0]) e++;
    for (let m = k; m < e; m++) {
      const [best, who] = query(sorted[m]![1]);
      value[m] = best + sorted[m]![2];
      parent[m] = who;
    }
    for (let m = k; m < e; m++) update(sorted[m]![1], value[m]!, m);
    k = e;
  }
  let end = -1;
  value.forEach((v, m) => {
    if (end < 0 || v > value[end]!) end = m;
  });
  const chain: Array<[number, number]> = [];
  for (let m = end; m >= 0; m = parent[m]!) chain.push([sorted[m]![0], sorted[m]![1]]);
  return chain.reverse();
}

/**
 * A sample of the distinct 3-grams of a section's text (hashed), sorted: those whose hash is 0
 * modulo 4. The sample depends only on the 3-gram, so both texts keep the same ones and Dice of
 * the samples estimates Dice of the whole sets at a quarter of the cost.
 */
function trigrams(units: readonly Unit[], from: number, to: number): Int32Array {
  let n = 0;
  for (let u = from; u < to; u++) n += Math.max(units[u]!.text.length - 2, 0);
  const all = new Int32Array(n);
  let k = 0;
  for (let u = from; u < to; u++) {
    const t = units[u]!.text;
    for (let i = 0; i + 2 < t.length; i++) {
      const h = Math.imul(
        Math.imul(t.charCodeAt(i), 0x9e3779b1) ^ Math.imul(t.charCodeAt(i + 1), 0x85ebca77) ^ t.charCodeAt(i + 2),
        0xc2b2ae35,
      );
      if ((h & 0x300) === 0) all[k++] = h;
    }
  }
  const got = all.subarray(0, k).sort();
  let m = 0;
  for (let i = 0; i < got.length; i++) if (i === 0 || got[i] !== got[i - 1]) got[m++] = got[i]!;
  return got.subarray(0, m);
}

/** How alike every section of A is to every section of B: Dice of their 3-gram sets, and of their headings. */
function sectionLikeness(ua: Unit[], sa: Section[], ub: Unit[], sb: Section[]) {
  const ga = sa.map((s) => trigrams(ua, s.from, s.to));
  const gb = sb.map((s) => trigrams(ub, s.from, s.to));
  const body = ga.map((x) => Float64Array.from(gb, (y) => Likeness.dice(x, y)));
  // Headings compared without their numbering (一、 三、 differ when a part moves).
  const bare = (t: string) => keyOf(t).replace(/^[\d一二三四五六七八九十百（）()、.．第个是要部分]+/u, '');
  const like = new Likeness([sa.map((s) => bare(s.title)), sb.map((s) => bare(s.title))]);
  const head = sa.map((s, i) =>
    sb.map((h, j) => (s.id && h.id ? Likeness.dice(like.sets[0][i]!, like.sets[1][j]!) : s.id || h.id ? 0 : 1)),
  );
  return { body, head };
}

/** Sections matched one to one, in order, maximising likeness: pairs [i, j]. */
function matchSections(body: Float64Array[], head: number[][], na: number, nb: number): Array<[number, number]> {
  const score = (i: number, j: number) => {
    const b = body[i]![j]!;
    const h = head[i]![j]!;
    return b >= SECTION_MATCH || h >= HEADING_MATCH ? b + 0.25 * h : -1;
  };
  const best = Array.from({ length: na + 1 }, () => new Float64Array(nb + 1));
  for (let i = 1; i <= na; i++)
    for (let j = 1; j <= nb; j++) {
      const s = score(i - 1, j - 1);
      best[i]![j] = Math.max(best[i - 1]![j]!, best[i]![j - 1]!, s >= 0 ? best[i - 1]![j - 1]! + s : -Infinity);
    }
  const pairs: Array<[number, number]> = [];
  for (let i = na, j = nb; i > 0 && j > 0;) {
    if (best[i]![j] === best[i - 1]![j]) i--;
    else if (best[i]![j] === best[i]![j - 1]) j--;
    else {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}

/**
 * Regions: each matched pair, with the sections between two pairs joined to the one before or
 * after (where they fit better: the split point of the gap maximises likeness), or, when both
 * sides have sections between the same two pairs, those sections as a region of their own.
 */
function regionsOf(pairs: Array<[number, number]>, body: Float64Array[], na: number, nb: number): Region[] {
  const regions: Region[] = pairs.map(([i, j]) => ({ a: [i], b: [j], from: 0, to: 0 }));
  const out: Region[] = [];
  let pa = 0;
  let pb = 0;
  for (let k = 0; k <= pairs.length; k++) {
    const [ni, nj] = pairs[k] ?? [na, nb];
    const gapA = Array.from({ length: ni - pa }, (_, x) => pa + x);
    const gapB = Array.from({ length: nj - pb }, (_, x) => pb + x);
    const prev = out.at(-1);
    const next = regions[k];
    if (gapA.length && gapB.length) out.push({ a: gapA, b: gapB, from: 0, to: 0 });
    else if (gapA.length || gapB.length) {
      const side = gapA.length ? 'a' : 'b';
      const gap = gapA.length ? gapA : gapB;
      // Likeness of a left-over section to the other side's section of a neighbouring pair.
      const like = (s: number, r: Region | undefined) =>
        r ? (side === 'a' ? body[s]![r.b[0]!]! : body[r.a[0]!]![s]!) : -1;
      const usable = (r: Region | undefined) => r !== undefined && r.a.length > 0 && r.b.length > 0;
      let split = usable(prev) ? gap.length : 0;
      if (usable(prev) && usable(next)) {
        let bestScore = -Infinity;
        for (let c = 0; c <= gap.length; c++) {
          let s = 0;
          gap.forEach((g, x) => (s += x < c ? like(g, prev) : like(g, next)));
          if (s > bestScore) [bestScore, split] = [s, c];
        }
      } else if (!usable(prev) && !usable(next)) {
        out.push(side === 'a' ? { a: gap, b: [], from: 0, to: 0 } : { a: [], b: gap, from: 0, to: 0 });
        split = -1;
      }
      if (split >= 0) {
        if (split > 0) prev![side].push(...gap.slice(0, split));
        if (split < gap.length) next![side].unshift(...gap.slice(split));
      }
    }
    if (next) out.push(next);
    if (pairs[k]) [pa, pb] = [ni + 1, nj + 1];
  }
  return out;
}

/**
 * Removed units `r` and added units `d` of one stretch paired where alike (≥ CHANGED), in order,
 * maximising total likeness: pairs of positions into r and d. A heading pairs only with a heading.
 */
function pairStretch(
  r: Unit[],
  d: Unit[],
  like: Likeness,
  heads: [(u: Unit) => boolean, (u: Unit) => boolean],
): Array<[number, number]> {
  if (!r.length || !d.length) return [];
  const may = (x: number, y: number) => r[x]!.depth > 0 === d[y]!.depth > 0;
  const found = like.above(
    r.map((u) => u.i),
    d.map((u) => u.i),
    CHANGED,
    may,
  );
  // The headings of matched sections are one heading reworded, however unlike their words.
  const known = new Set(found.map(([x, y]) => x * d.length + y));
  r.forEach((u, x) => {
    if (heads[0](u)) d.forEach((v, y) => heads[1](v) && !known.has(x * d.length + y) && found.push([x, y, CHANGED]));
  });
  return bestChain(found, d.length);
}

/**
 * The longest common subsequence of keys a[a0, a1) and b[b0, b1), as pairs of positions, by
 * diffArrays. Only keys found on both sides can be in it, so the others are left out before
 * diffing: the edit distance, and so the diff's time and memory, then grow with what the two
 * texts share rather than with what they do not (two yearly reports share few sentences word for word).
 */
export function commonRun(
  a: number[],
  a0: number,
  a1: number,
  b: number[],
  b0: number,
  b1: number,
): Array<[number, number]> {
  const inB = new Set(b.slice(b0, b1));
  const ia: number[] = [];
  for (let i = a0; i < a1; i++) if (inB.has(a[i]!)) ia.push(i);
  const inA = new Set(ia.map((i) => a[i]!));
  const ib: number[] = [];
  for (let j = b0; j < b1; j++) if (inA.has(b[j]!)) ib.push(j);
  const pairs: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  for (const c of diffArrays(
    ia.map((i) => a[i]!),
    ib.map((j) => b[j]!),
  )) {
    if (c.removed) x += c.count;
    else if (c.added) y += c.count;
    else for (let n = 0; n < c.count; n++) pairs.push([ia[x++]!, ib[y++]!]);
  }
  return pairs;
}

/** Align two speeches' blocks (A, then B). */
export function align(blocksA: readonly Block[], blocksB: readonly Block[]): Alignment {
  const A = unitsOf(blocksA);
  const B = unitsOf(blocksB);
  const units: [Unit[], Unit[]] = [A.units, B.units];
  const sections: [Section[], Section[]] = [A.sections, B.sections];
  // Sentences as numbers: the same text (after keyOf) is the same number on both sides.
  const ids = new Map<string, number>();
  const texts = units.map((us) => us.map((u) => keyOf(u.text)));
  const keys = texts.map((ts) =>
    ts.map((k) => {
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      return id;
    }),
  ) as [number[], number[]];
  const like = new Likeness(texts as [string[], string[]]);

  const { body, head } = sectionLikeness(A.units, A.sections, B.units, B.sections);
  // The openings (before the first heading) always meet each other.
  const openA = A.sections[0]!.id === null;
  const openB = B.sections[0]!.id === null;
  const matched = matchSections(
    body.slice(openA ? 1 : 0).map((r) => r.slice(openB ? 1 : 0)),
    head.slice(openA ? 1 : 0).map((r) => r.slice(openB ? 1 : 0)),
    A.sections.length - (openA ? 1 : 0),
    B.sections.length - (openB ? 1 : 0),
  ).map(([i, j]): [number, number] => [i + (openA ? 1 : 0), j + (openB ? 1 : 0)]);
  const pairs: Array<[number, number]> = openA && openB ? [[0, 0], ...matched] : matched;
  const regions = regionsOf(pairs, body, A.sections.length, B.sections.length);

  // A unit that heads its section (a top-level heading).
  const heads: [(u: Unit) => boolean, (u: Unit) => boolean] = [
    (u) => A.sections[u.section]!.id === u.block && u.depth > 0,
    (u) => B.sections[u.section]!.id === u.block && u.depth > 0,
  ];
  const rows: Row[] = [];
  const loose: Array<{ row: number; side: 0 | 1 }> = [];
  for (const region of regions) {
    region.from = rows.length;
    const span = (side: 0 | 1, list: number[]): [number, number] =>
      list.length ? [sections[side][list[0]!]!.from, sections[side][list.at(-1)!]!.to] : [0, 0];
    const [a0, a1] = span(0, region.a);
    const [b0, b1] = span(1, region.b);
    let x = a0;
    let y = b0;
    let removed: Unit[] = [];
    let added: Unit[] = [];
    const flush = () => {
      const paired = pairStretch(removed, added, like, heads);
      let r = 0;
      let d = 0;
      const del = (u: Unit) => {
        loose.push({ row: rows.length, side: 0 });
        rows.push({ kind: 'del', a: u });
      };
      const ins = (u: Unit) => {
        loose.push({ row: rows.length, side: 1 });
        rows.push({ kind: 'ins', b: u });
      };
      for (const [pr, pd] of [...paired, [removed.length, added.length] as const]) {
        while (r < pr) del(removed[r++]!);
        while (d < pd) ins(added[d++]!);
        if (pr < removed.length) {
          const a = removed[r++]!;
          const b = added[d++]!;
          rows.push({ kind: 'changed', a, b, parts: diffText(a.text, b.text) });
        }
      }
      removed = [];
      added = [];
    };
    for (const [pa, pb] of commonRun(keys[0], a0, a1, keys[1], b0, b1)) {
      while (x < pa) removed.push(A.units[x++]!);
      while (y < pb) added.push(B.units[y++]!);
      flush();
      rows.push({ kind: 'same', a: A.units[x++]!, b: B.units[y++]! });
    }
    while (x < a1) removed.push(A.units[x++]!);
    while (y < b1) added.push(B.units[y++]!);
    flush();
    region.to = rows.length;
  }

  // Moves: a sentence only in A and one only in B that are the same (or nearly) anywhere in the texts.
  const dels = loose.filter((l) => l.side === 0).map((l) => l.row);
  const insByKey = new Map<number, number[]>();
  for (const l of loose)
    if (l.side === 1) {
      const k = keys[1][(rows[l.row] as { b: Unit }).b.i]!;
      insByKey.set(k, [...(insByKey.get(k) ?? []), l.row]);
    }
  const taken = new Set<number>();
  const move = (from: number, to: number, parts: Change[] | null) => {
    const a = (rows[from] as { a: Unit }).a;
    const b = (rows[to] as { b: Unit }).b;
    rows[from] = { kind: 'out', a, peer: to };
    rows[to] = { kind: 'in', b, peer: from, parts };
    taken.add(from).add(to);
  };
  for (const row of dels) {
    const k = keys[0][(rows[row] as { a: Unit }).a.i]!;
    const to = insByKey.get(k)?.find((t) => !taken.has(t));
    if (to !== undefined) move(row, to, null);
  }
  // Nearly the same: best pairs first (sentences of at least 8 characters).
  const unitOf = (row: number) => {
    const r = rows[row] as { a?: Unit; b?: Unit };
    return (r.a ?? r.b)!;
  };
  const restD = dels.filter((r) => !taken.has(r) && unitOf(r).text.length >= 8);
  const restI = loose.filter((l) => l.side === 1 && !taken.has(l.row)).map((l) => l.row);
  const candidates = like
    .above(
      restD.map((r) => unitOf(r).i),
      restI.map((r) => unitOf(r).i),
      MOVED,
      (x, y) => unitOf(restD[x]!).depth > 0 === unitOf(restI[y]!).depth > 0,
    )
    .map(([x, y, s]): [number, number, number] => [s, restD[x]!, restI[y]!]);
  candidates.sort((p, q) => q[0] - p[0]);
  for (const [, from, to] of candidates) {
    if (taken.has(from) || taken.has(to)) continue;
    const a = (rows[from] as { a: Unit }).a;
    const b = (rows[to] as { b: Unit }).b;
    move(from, to, diffText(a.text, b.text));
  }
  return { units, sections, regions, rows };
}
