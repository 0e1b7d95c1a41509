import { normTable, type T2S } from '../search/normalize.ts';

/**
 * Text reuse across the collection (issue 10): which paragraphs share a passage of at least
 * MIN_SHARED characters with a paragraph of another speech, and which clauses recur as
 * formulations (提法) in at least FORMULATION_SPEECHES speeches.
 *
 * Passages are found as text-reuse tools find them, in near-linear time: every block is reduced
 * to its canonical characters (normalised as search normalises, letters and digits only, with
 * placeholders and boilerplate as breaks), fingerprinted by winnowing (the minimum hash of every
 * window of W consecutive K-grams; any common run of K + W - 1 = 12 characters shares a
 * fingerprint), the fingerprints radix-sorted so that equal ones meet, and each candidate pair of
 * blocks checked by extending the match around the shared fingerprint. Never pairwise over all
 * speeches.
 */
export const MIN_SHARED = 12;
const K = 8;
const W = MIN_SHARED - K + 1;
/** A fingerprint met in more blocks than this is formulaic; its pairs are not enumerated. */
const MAX_RUN = 64;
export const FORMULATION_SPEECHES = 3;
/** A formulation is a clause of at least this many canonical characters. */
export const FORMULATION_MIN = 8;

/** Placeholders for withheld names and numbers (X县, ××, ＸＸ, ○○, □□) and boilerplate, which never count as sharing. */
const PLACEHOLDER = /[xX×＊*○□■△]/u;
const BOILERPLATE_WORDS = ['同志们', '谢谢大家', '谢谢'];
const BOILERPLATE = new RegExp(BOILERPLATE_WORDS.join('|'), 'gu');
const LETTER = /[\p{L}\p{N}]/u;

/** A block's canonical characters, with `pos[i]` the offset in the block's text of canonical character i; `\0` marks a break. */
export interface Canonical {
  text: string;
  /** 16-bit when the block is shorter than 65,536 code units (every paragraph): half the memory. */
  pos: Int32Array | Uint16Array;
}

/** Canonical form of a block's text: normalised, letters and digits only, placeholders and boilerplate as breaks. */
/** Per BMP code unit (already normalised): 1 letter or digit, 2 placeholder, 0 anything else. */
let classes: Uint8Array | undefined;
function charClasses(): Uint8Array {
  if (!classes) {
    classes = new Uint8Array(65536);
    for (let u = 0; u < 65536; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue;
      const c = String.fromCharCode(u);
      classes[u] = PLACEHOLDER.test(c) ? 2 : LETTER.test(c) ? 1 : 0;
    }
  }
  return classes;
}

/** Scratch for canonical(), grown to the longest block met (one block at a time, never returned). */
let units = new Uint16Array(0);
let skip = new Uint8Array(0);
let out = new Uint16Array(0);
/** 谢 and 们 (normalised): a block without either holds no boilerplate, and skips the search for it. */
const BOILERPLATE_HINT = [0x8c22, 0x4eec];

export function canonical(text: string, t2s: T2S): Canonical {
  const table = normTable(t2s);
  const kind = charClasses();
  if (units.length < text.length) {
    const size = Math.max(text.length, units.length * 2, 1024);
    [units, skip, out] = [new Uint16Array(size), new Uint8Array(size), new Uint16Array(size)];
  }
  // Normalised first (traditional → simplified, full-width → half-width), so 謝謝大家 is boilerplate too.
  let hint = false;
  for (let i = 0; i < text.length; i++) {
    const u = (units[i] = table[text.charCodeAt(i)]!);
    if (u === BOILERPLATE_HINT[0] || u === BOILERPLATE_HINT[1]) hint = true;
  }
  skip.fill(0, 0, text.length);
  if (hint) {
    let norm = '';
    for (let i = 0; i < text.length; i += 4096)
      norm += String.fromCharCode(...units.subarray(i, Math.min(i + 4096, text.length)));
    for (const m of norm.matchAll(BOILERPLATE)) skip.fill(1, m.index, m.index + m[0].length);
  }
  const pos = text.length < 65536 ? new Uint16Array(text.length) : new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = units[i]!;
    // A character outside the BMP (CJK Extension B) is two code units, kept whole.
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const k = pair ? (LETTER.test(String.fromCharCode(code, units[i + 1]!)) ? 1 : 0) : kind[code]!;
    if (skip[i] || k === 2) {
      if (n && out[n - 1] !== 0) {
        out[n] = 0;
        pos[n++] = i;
      }
    } else if (k === 1) {
      out[n] = code;
      pos[n++] = i;
      if (pair) {
        out[n] = units[i + 1]!;
        pos[n++] = i + 1;
      }
    }
    if (pair) i++;
  }
  let textOut = '';
  for (let i = 0; i < n; i += 4096) textOut += String.fromCharCode(...out.subarray(i, Math.min(i + 4096, n)));
  return { text: textOut, pos: pos.slice(0, n) };
}

/**
 * `canonical(text).text` without the offsets, for the many short strings (clauses) the formulation
 * count keys: the same characters, built without typed arrays. Text with boilerplate or characters
 * outside the BMP (rare) takes the full routine.
 */
export function canonicalKey(text: string, t2s: T2S): string {
  const table = normTable(t2s);
  const kind = charClasses();
  let out = '';
  let norm = '';
  for (let i = 0; i < text.length; i++) {
    const code = table[text.charCodeAt(i)]!;
    if (code >= 0xd800 && code <= 0xdfff) return canonical(text, t2s).text;
    norm += String.fromCharCode(code);
    const k = kind[code]!;
    if (k === 1) out += String.fromCharCode(code);
    else if (k === 2 && out && !out.endsWith('\0')) out += '\0';
  }
  return BOILERPLATE_WORDS.some((w) => norm.includes(w)) ? canonical(text, t2s).text : out;
}

/** One block of one speech, as the reuse pass sees it. */
export interface ReuseBlock {
  /** Index of its speech in the pass (newest first). */
  speech: number;
  /** Block id (p17, s2-3). */
  id: string;
  text: string;
}

/** A passage this block shares with a block of another speech. */
export interface SharedPassage {
  /** The other block's index in the input. */
  other: number;
  /** Offsets of the longest shared passage in this block's text (start, end). */
  start: number;
  end: number;
  /** Every passage of ≥ MIN_SHARED characters this block shares with that one: [start, end] in this block's text. */
  spans: Array<[number, number]>;
}

const hashK = (s: string, at: number) => {
  let h = 0x811c9dc5;
  for (let i = at; i < at + K; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** Fingerprints of one canonical text: [hash, position] for the minimum of every window of W K-grams. */
function winnow(s: string, emit: (hash: number, at: number) => void): void {
  let seg = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && s[i] !== '\0') continue;
    // Segment [seg, i) has no breaks.
    const n = i - seg - K + 1;
    // Fewer than W K-grams: the segment is shorter than MIN_SHARED and can share nothing.
    if (n >= W) {
      const h = new Uint32Array(n);
      for (let j = 0; j < n; j++) h[j] = hashK(s, seg + j);
      let last = -1;
      for (let w = 0; w + W <= n; w++) {
        let m = w;
        for (let j = w; j < w + W; j++) if (h[j]! <= h[m]!) m = j;
        if (m !== last) {
          emit(h[m]!, seg + m);
          last = m;
        }
      }
    }
    seg = i + 1;
  }
}

/** Longest common run through canonical positions (a in x, b in y), extended both ways. */
function extend(x: string, a: number, y: string, b: number): [number, number, number] {
  let l = 0;
  while (a - l - 1 >= 0 && b - l - 1 >= 0 && x[a - l - 1] === y[b - l - 1] && x[a - l - 1] !== '\0') l++;
  let r = 0;
  while (a + r < x.length && b + r < y.length && x[a + r] === y[b + r] && x[a + r] !== '\0') r++;
  return [a - l, b - l, l + r];
}

/**
 * For every block, the passages of at least MIN_SHARED canonical characters it shares with blocks
 * of other speeches (one entry per other block, with every shared run).
 */
export function sharedPassages(blocks: readonly ReuseBlock[], t2s: T2S): SharedPassage[][] {
  const take = sharedPassagesBy(blocks, t2s);
  return blocks.map((_, x) => take(x, true).blocks);
}

/** What one block shares with the rest of the collection (see sharedPassagesBy). */
export interface BlockSharing {
  /** Spans of its text shared with some block of another speech: merged, in order. */
  spans: Array<[number, number]>;
  /** How many other speeches have a block sharing a passage with it. */
  speeches: number;
  /** The first n of those speeches, oldest first, each with its block of the longest shared run. */
  oldest: (n: number) => Array<[speech: number, block: number]>;
  /** One entry per other block, only when asked for in full. */
  blocks: SharedPassage[];
}

/** Int32 fields per run found: the pair of distinct texts (lo < hi), the run's start in each, its length, the next run of the pair. */
const RUN = 6;

/** An Int32Array twice as long, with the same start. */
function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * `sharedPassages`, block by block: `take(x)` gives block x's passages and releases what was kept
 * for it, so a caller that consumes blocks in turn never holds every pair's result at once.
 */
export function sharedPassagesBy(blocks: readonly ReuseBlock[], t2s: T2S): (x: number, full?: boolean) => BlockSharing {
  // Blocks with the same canonical text (a boilerplate paragraph, a passage printed in many
  // speeches) are fingerprinted and compared once, as one distinct text: its members share all of
  // it with each other, and with any other text what the distinct text shares. The distinct
  // texts are kept only while fingerprints are matched: a block's canonical form is worked out
  // again when it is taken (at 10,000 speeches keeping them would cost hundreds of MB).
  const distinctOf = new Map<string, number>();
  const dist = new Int32Array(blocks.length);
  let texts: string[] = [];
  blocks.forEach((b, x) => {
    const c = canonical(b.text, t2s).text;
    let d = distinctOf.get(c);
    if (d === undefined) {
      d = texts.length;
      distinctOf.set(c, d);
      texts.push(c);
    }
    dist[x] = d;
  });
  distinctOf.clear();
  const distinct = texts.length;
  // Members of each distinct text, in block order: memberList[memberStart[d] … memberStart[d + 1]).
  const memberStart = new Int32Array(distinct + 1);
  for (const d of dist) memberStart[d + 1]!++;
  for (let d = 0; d < distinct; d++) memberStart[d + 1]! += memberStart[d]!;
  const memberList = new Int32Array(blocks.length);
  {
    const fill = memberStart.slice(0, distinct);
    dist.forEach((d, x) => (memberList[fill[d]!++] = x));
  }
  // All fingerprints in three parallel typed arrays (grown as needed, never an object per
  // fingerprint), then radix-sorted by hash.
  let hash = new Uint32Array(1 << 16);
  let owner = new Uint32Array(1 << 16);
  let at = new Uint32Array(1 << 16);
  let total = 0;
  texts.forEach((text, d) =>
    winnow(text, (h, pos) => {
      if (total === hash.length) {
        const grow = (a: Uint32Array) => {
          const b = new Uint32Array(a.length * 2);
          b.set(a);
          return b;
        };
        [hash, owner, at] = [grow(hash), grow(owner), grow(at)];
      }
      hash[total] = h;
      owner[total] = d;
      at[total++] = pos;
    }),
  );
  hash = hash.subarray(0, total);
  const order = radixOrder(hash);
  // The shared runs found, flat (RUN numbers each, no object per run or per pair), each pair's
  // runs a list through `next`, its head in an open-addressing table of [lo, hi, head] slots.
  let runs = new Int32Array(RUN * 4096);
  let nRuns = 0;
  let cap = 1 << 16;
  let table = new Int32Array(cap * 3).fill(-1);
  let pairs = 0;
  const slot = (lo: number, hi: number): number => {
    let e = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
    e = (e ^ (e >>> 15)) & (cap - 1);
    while (table[e * 3 + 2]! !== -1 && (table[e * 3] !== lo || table[e * 3 + 1] !== hi)) e = (e + 1) & (cap - 1);
    return e;
  };
  /** Whether canonical positions ax in x and ay in y lie in a run found already on that alignment. */
  const covered = (x: number, y: number, ax: number, ay: number) => {
    const [lo, hi, alo, ahi] = x < y ? [x, y, ax, ay] : [y, x, ay, ax];
    for (let r = table[slot(lo, hi) * 3 + 2]!; r !== -1; r = runs[r * RUN + 5]!) {
      const o = r * RUN;
      if (runs[o + 2]! - runs[o + 3]! === alo - ahi && runs[o + 2]! <= alo && alo < runs[o + 2]! + runs[o + 4]!)
        return true;
    }
    return false;
  };
  const record = (x: number, y: number, [sx, sy, len]: [number, number, number]) => {
    const [lo, hi, slo, shi] = x < y ? [x, y, sx, sy] : [y, x, sy, sx];
    let e = slot(lo, hi);
    if (table[e * 3 + 2] === -1) {
      if (++pairs * 2 > cap) {
        const old = table;
        cap *= 2;
        table = new Int32Array(cap * 3).fill(-1);
        for (let f = 0; f < old.length; f += 3)
          if (old[f + 2] !== -1) table.set(old.subarray(f, f + 3), slot(old[f]!, old[f + 1]!) * 3);
        e = slot(lo, hi);
      }
      table[e * 3] = lo;
      table[e * 3 + 1] = hi;
    }
    if ((nRuns + 1) * RUN > runs.length) runs = grown(runs);
    runs.set([lo, hi, slo, shi, len, table[e * 3 + 2]!], nRuns * RUN);
    table[e * 3 + 2] = nRuns++;
  };
  for (let s = 0; s < total;) {
    let e = s + 1;
    while (e < total && hash[order[e]!] === hash[order[s]!]) e++;
    if (e - s > 1 && e - s <= MAX_RUN) {
      for (let p = s; p < e; p++)
        for (let q = p + 1; q < e; q++) {
          const x = owner[order[p]!]!;
          const y = owner[order[q]!]!;
          // A repeat inside one text, or a fingerprint inside a run already found for this pair
          // on the same alignment, adds nothing.
          if (x === y || covered(x, y, at[order[p]!]!, at[order[q]!]!)) continue;
          const m = extend(texts[x]!, at[order[p]!]!, texts[y]!, at[order[q]!]!);
          if (m[2] >= MIN_SHARED) record(x, y, m);
        }
    }
    s = e;
  }
  hash = owner = at = new Uint32Array(0);
  table = new Int32Array(0);
  texts = [];
  // Each distinct text's runs, found from either side: adj[adjStart[d] … adjStart[d + 1]) holds
  // 2 × run + (1 if d is the run's hi text).
  const adjStart = new Int32Array(distinct + 1);
  for (let r = 0; r < nRuns; r++) {
    adjStart[runs[r * RUN]! + 1]!++;
    adjStart[runs[r * RUN + 1]! + 1]!++;
  }
  for (let d = 0; d < distinct; d++) adjStart[d + 1]! += adjStart[d]!;
  const adj = new Int32Array(2 * nRuns);
  {
    const fill = adjStart.slice(0, distinct);
    for (let r = 0; r < nRuns; r++) {
      adj[fill[runs[r * RUN]!]!++] = 2 * r;
      adj[fill[runs[r * RUN + 1]!]!++] = 2 * r + 1;
    }
  }
  const membersOf = (d: number) => memberList.subarray(memberStart[d], memberStart[d + 1]);

  /** One text distinct text d shares with: its runs in d's canonical positions (start, end, …), and the speeches of its members. */
  interface Source {
    runs: number[];
    ys: Int32Array;
    /** The first two distinct speeches among ys (-1 if none): whether any is not a given one. */
    a: number;
    b: number;
  }
  /** What distinct text d shares, source by source: first itself (its members share all of it), then each other text. */
  const sourcesOf = (d: number, text: string): Source[] => {
    const byText = new Map<number, number[]>();
    for (let j = adjStart[d]!; j < adjStart[d + 1]!; j++) {
      const o = (adj[j]! >> 1) * RUN;
      const hi = adj[j]! & 1;
      const start = runs[o + 2 + hi]!;
      const other = runs[o + 1 - hi]!;
      let list = byText.get(other);
      if (!list) byText.set(other, (list = []));
      list.push(start, start + runs[o + 4]!);
    }
    // What identical texts share: every unbroken segment of at least MIN_SHARED characters.
    const whole: number[] = [];
    let seg = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && text[i] !== '\0') continue;
      if (i - seg >= MIN_SHARED) whole.push(seg, i);
      seg = i + 1;
    }
    const sources: Source[] = [];
    const add = (list: number[], ys: Int32Array) => {
      if (!list.length) return;
      let a = -1;
      let b = -1;
      for (const y of ys) {
        const o = blocks[y]!.speech;
        if (a === -1) a = o;
        else if (b === -1 && o !== a) b = o;
      }
      sources.push({ runs: list, ys, a, b });
    };
    add(whole, membersOf(d));
    for (const [other, list] of byText) add(list, membersOf(other));
    return sources;
  };

  /**
   * Per distinct text, what all its members share (made when its first member is taken, dropped
   * with its last): the runs shared with at least two speeches (so with another speech whichever
   * member asks), the runs shared with one speech only (which a member of that speech leaves out),
   * and per speech its block with the longest shared run, oldest first ([speech, block] pairs, by
   * speech descending: a higher index is older).
   */
  interface Shared {
    runs: number[];
    single: Array<[speech: number, runs: number[]]>;
    best: Int32Array;
  }
  const left = new Int32Array(distinct);
  for (let d = 0; d < distinct; d++) left[d] = memberStart[d + 1]! - memberStart[d]!;
  const made = new Map<number, Shared>();
  const share = (d: number, text: string): Shared => {
    let got = made.get(d);
    if (got) return got;
    const best = new Map<number, [block: number, length: number]>();
    const many: number[] = [];
    const single: Shared['single'] = [];
    for (const { runs: list, ys, a, b } of sourcesOf(d, text)) {
      let longest = 0;
      for (let r = 0; r < list.length; r += 2) longest = Math.max(longest, list[r + 1]! - list[r]!);
      for (const y of ys) {
        const o = blocks[y]!.speech;
        const now = best.get(o);
        if (!now || longest > now[1]) best.set(o, [y, longest]);
      }
      if (b !== -1) many.push(...list);
      else single.push([a, list]);
    }
    const pairs = [...best].sort((u, v) => v[0] - u[0]);
    const flat = new Int32Array(2 * pairs.length);
    pairs.forEach(([o, [y]], i) => flat.set([o, y], 2 * i));
    got = { runs: many, single, best: flat };
    made.set(d, got);
    return got;
  };
  /**
   * Block x's sharing, aggregated: the merged spans of its text it shares with any block of
   * another speech, and per other speech its block with the longest shared run. Blocks with the
   * same canonical text differ only in their own speech and offsets, so that is worked out once
   * per distinct text. With `full`, also one entry per other block (what the tests compare with
   * brute force).
   */
  return (x: number, full = false): BlockSharing => {
    const d = dist[x]!;
    const { text, pos } = canonical(blocks[x]!.text, t2s);
    const speech = blocks[x]!.speech;
    const toSpans = (list: number[], into: Array<[number, number]> = []) => {
      for (let r = 0; r < list.length; r += 2) into.push([pos[list[r]!]!, pos[list[r + 1]! - 1]! + 1]);
      return into;
    };
    const { runs: many, single, best } = share(d, text);
    const all = toSpans(many);
    for (const [a, list] of single) if (a !== speech) toSpans(list, all);
    const list: SharedPassage[] = [];
    if (full)
      for (const { runs: r, ys, a, b } of sourcesOf(d, text)) {
        // Shared with another speech: some block of the source is not in this one.
        if (a === -1 || (a === speech && b === -1)) continue;
        const spans = toSpans(r).sort((u, v) => u[0] - v[0]);
        const l = spans.reduce((m, s) => (s[1] - s[0] > m[1] - m[0] ? s : m));
        for (const y of ys) if (blocks[y]!.speech !== speech) list.push({ other: y, start: l[0], end: l[1], spans });
      }
    if (--left[d]! === 0) made.delete(d);
    // Merged, in order.
    all.sort((u, v) => u[0] - v[0]);
    const spans: Array<[number, number]> = [];
    for (const [a, z] of all) {
      const last = spans.at(-1);
      if (last && a <= last[1]) last[1] = Math.max(last[1], z);
      else spans.push([a, z]);
    }
    // Whether this block's own speech is among best (speech descending): a binary search.
    let lo = 0;
    let hi = best.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (best[2 * mid]! > speech) lo = mid + 1;
      else hi = mid;
    }
    const own = lo < best.length / 2 && best[2 * lo] === speech;
    return {
      spans,
      speeches: best.length / 2 - (own ? 1 : 0),
      oldest: (n) => {
        const out: Array<[number, number]> = [];
        for (let i = 0; i < best.length && out.length < n; i += 2)
          if (best[i] !== speech) out.push([best[i]!, best[i + 1]!]);
        return out;
      },
      blocks: list.sort((a, b) => a.other - b.other),
    };
  };
}

/** Indices 0…n-1 ordered by `keys` (LSD radix sort, two 16-bit passes): linear in n. */
function radixOrder(keys: Uint32Array): Uint32Array {
  let a = new Uint32Array(keys.length).map((_, i) => i);
  let b = new Uint32Array(keys.length);
  for (const shift of [0, 16]) {
    const count = new Uint32Array(65537);
    for (const i of a) count[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
    for (const i of a) b[count[(keys[i]! >>> shift) & 0xffff]!++] = i;
    [a, b] = [b, a];
  }
  return a;
}

/** A clause: text between punctuation marks, with its offsets in the block. */
export interface Clause {
  text: string;
  start: number;
  end: number;
  /** Its canonical form, the key formulations are counted by. */
  key: string;
}

/** The clauses of a block, split at sentence and clause punctuation. */
export function clauses(text: string, t2s: T2S): Clause[] {
  const out: Clause[] = [];
  const re = /[^，。；！？：、,.;!?:\n]+/gu;
  for (const m of text.matchAll(re)) {
    // Trim quotes, brackets and spaces from the ends: “六稳” and 六稳 are one formulation.
    const lead = /^[\s“”‘’"'《》（）()「」【】—…·]*/u.exec(m[0])![0].length;
    const trail = /[\s“”‘’"'《》（）()「」【】—…·]*$/u.exec(m[0])![0].length;
    const start = m.index + lead;
    const end = m.index + m[0].length - trail;
    if (end <= start) continue;
    const key = canonicalKey(text.slice(start, end), t2s);
    if (key.includes('\0') || [...key].length < FORMULATION_MIN) continue;
    out.push({ text: text.slice(start, end), start, end, key });
  }
  return out;
}
