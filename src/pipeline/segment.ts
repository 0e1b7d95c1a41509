import type { Line } from './clean.ts';
import { ADDRESSEES, detectMarker, IDIOM_KINDS, markerNumber, type Marker, type MarkerKind } from './markers.ts';

/** What a paragraph is for, where it is more than running text. */
/** `runin`: the rest of a line whose first sentence is a heading (（一）加强政治建设。各地……). */
export type ParagraphRole = 'preamble' | 'byline' | 'salutation' | 'closing' | 'runin';

export interface HeadingBlock {
  type: 'heading';
  /** Outline depth, 1 for the top level of this speech's numbering. */
  depth: number;
  kind: MarkerKind;
  /** The numbering as written, e.g. `（一）`. */
  marker: string;
  /** The heading as it reads in the outline: no marker, no closing 。. */
  title: string;
  /** Every character of the heading as in the source: marker, title and closing punctuation. */
  text: string;
  /** Source line number. */
  line: number;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  line: number;
  role?: ParagraphRole;
}

export type Block = HeadingBlock | ParagraphBlock;

export interface Segmented {
  /** The title line, when the source has one. */
  title: { text: string; line: number } | null;
  blocks: Block[];
}

const TITLE_PATTERNS = [
  // 在…上的讲话, optionally with the speaker first (习近平：在… / 习近平在…) or a date after it.
  /^(?:[^，。：:]{1,12}[：:]?)?在.{2,80}(?:上|时|之际)的(?:讲话|发言|致辞|报告|总结讲话|主持词|动员讲话|讲话提纲)(?:[（(][^）)]{1,30}[）)])?$/u,
  /^(?:.{0,20}[：:])?.{0,60}(?:上|时)的(?:讲话|发言|致辞)$/u,
  /^(?:\d{4}年)?.{0,16}政府工作报告/u,
  // 关于《…》的说明, a communiqué.
  /^(?:[^，。：:]{1,12}[：:])?关于.{2,90}的(?:说明|报告)$/u,
  /^.{4,60}公报$/u,
];
/**
 * The looser titles of scraped pages: …会议的讲话, …座谈会上讲话, …推进会讲话稿, …大会上的表态发言,
 * …上的讲话范文 (a site's suffix, kept). Weaker evidence: taken only when no line matches
 * TITLE_PATTERNS, and never a breadcrumb or label (当前位置：首页 > …, 标签：…) or a host's line
 * (下面请县委书记在大会上讲话).
 */
const LOOSE_TITLE =
  /^[^，。；！？：:>＞/|｜]{2,80}?(?:会|会议|大会|典礼|仪式|论坛|开班式|开幕式|闭幕式|活动|上)(?:上|时)?的?(?:讲话|发言|致辞|报告|主持词|表态发言|讲话提纲|总结讲话|动员讲话)(?:稿|范文|全文)?(?:[（(][^）)]{1,30}[）)])?$/u;
const HOST_LINE = /(?:^|下面|现在|接下来|首先)[，,]?(?:由|请|有请)/u;
/** A byline line: ——在…上的报告, ——2019年3月5日在…, （2018年5月28日）. */
const BYLINE =
  /^(?:——|—{1,2}|--)\s*(?:[0-9０-９]{4}年|在)|^[（(][0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日[）)]$/u;
/** A title and its byline on one line: 政府工作报告——2019年3月5日在…上. */
const TITLE_WITH_BYLINE = /^(.{2,40}?)\s*(——\s*(?:[0-9０-９]{4}年|在).*)$/u;
/** A salutation line: 同志们：, 尊敬的各位领导、同志们：, 女士们、先生们，朋友们： */
const SALUTATION = new RegExp(`^${ADDRESSEES}[：:！!]?$`, 'u');
/** A salutation and the speech's first words on one line (同志们：此次会议，…). */
const SALUTATION_GLUED = new RegExp(`^(${ADDRESSEES}[：:])\\s*(\\S.*)$`, 'u');
const CLOSING = /^同志们[，,！!]/u;
const SENTENCE_END = /[。！？!?]/u;
/** A term and its definition: “三网”融合：是指… / 云计算：是基于… */
const DEFINITION = /^[^，。；：:]{1,24}[：:](?:是指|指|是|即)/u;
/** A numbered line whose first sentence is longer than this is prose that starts with a number. */
const MAX_HEADING_CHARS = 100;

/** Split cleaned lines into title, paragraphs and numbered headings with their outline depth. */
export function segment(input: readonly Line[]): Segmented {
  const lines = splitSalutation(splitTitleByline(input));
  const titleIndex = findTitle(lines);
  const title = titleIndex >= 0 ? lines[titleIndex]! : null;
  const blocks: Block[] = [];
  const bodyStart = findBodyStart(lines, titleIndex);

  lines.forEach((l, i) => {
    if (i === titleIndex) return;
    if (i < bodyStart) {
      blocks.push({ type: 'paragraph', text: l.text, line: l.n, role: i < titleIndex ? 'preamble' : 'byline' });
    } else if (SALUTATION.test(l.text)) {
      blocks.push({ type: 'paragraph', text: l.text, line: l.n, role: 'salutation' });
    } else {
      blocks.push({ type: 'paragraph', text: l.text, line: l.n });
    }
  });

  markClosing(blocks);
  return { title: title ? { text: title.text, line: title.n } : null, blocks: findHeadings(blocks) };
}

/** A breadcrumb or a list of links (首页 > 讲话稿 > …, a | b: two separators, or one between spaces), not a title. */
const TRAIL = /[>＞»›→|｜].*[>＞»›→|｜]|\s[>＞»›→|｜/／-]\s/u;
const titleShaped = (t: string) => !/^[—-]/u.test(t) && t.length <= 100 && !t.includes('。') && !TRAIL.test(t);
const isStrictTitle = (t: string) => titleShaped(t) && TITLE_PATTERNS.some((re) => re.test(t));
const isLooseTitle = (t: string) => titleShaped(t) && LOOSE_TITLE.test(t) && !HOST_LINE.test(t);
const isTitle = (t: string) => isStrictTitle(t) || isLooseTitle(t);

/** A title line that carries its byline (政府工作报告——2019年3月5日在…) becomes two lines; no character changes. */
function splitTitleByline(lines: readonly Line[]): Line[] {
  return lines.flatMap((l, i) => {
    const m = i < 20 ? TITLE_WITH_BYLINE.exec(l.text) : null;
    if (!m || !isTitle(m[1]!)) return [l];
    return [
      { n: l.n, text: m[1]! },
      { n: l.n, text: m[2]! },
    ];
  });
}

/**
 * A salutation that the speech's first words follow on its line (同志们：此次会议，…) becomes two
 * lines, salutation and paragraph; no character changes. Only the first salutation among the
 * first lines, before any numbered heading.
 */
function splitSalutation(lines: readonly Line[]): Line[] {
  const limit = Math.min(lines.length, 20);
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.text;
    if (SALUTATION.test(t) || detectMarker(t)) return [...lines];
    const m = SALUTATION_GLUED.exec(t);
    if (m)
      return [
        ...lines.slice(0, i),
        { n: lines[i]!.n, text: m[1]! },
        { n: lines[i]!.n, text: m[2]! },
        ...lines.slice(i + 1),
      ];
  }
  return [...lines];
}

/**
 * The document's own title among its first lines. Scraped pages often carry the site's heading
 * first (2008年国务院政府工作报告, 习近平：在…上的讲话) and the document's title further down,
 * followed by its byline; so the last title followed by a byline wins, else the first title.
 * A line that a ——在…上的报告 byline follows is a title too (决胜全面建成小康社会 …).
 */
function findTitle(lines: readonly Line[]): number {
  const limit = Math.min(lines.length, 20);
  const found: number[] = [];
  const loose: number[] = [];
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.text;
    if (SALUTATION.test(t) || (SENTENCE_END.test(t) && t.length > 60)) break;
    if (detectMarker(t)) break; // a numbered heading: the speech has begun
    const next = lines[i + 1]?.text ?? '';
    if (
      isStrictTitle(t) ||
      (t.length <= 40 && !SENTENCE_END.test(t) && /^——\s*在.{2,80}上的(?:讲话|报告)$/u.test(next))
    )
      found.push(i);
    else if (isLooseTitle(t)) loose.push(i);
  }
  // A loose title counts only where no line has a title's strict form.
  const titles = found.length ? found : loose;
  const withByline = titles.filter((i) => BYLINE.test(lines[i + 1]?.text ?? ''));
  return withByline.at(-1) ?? titles[0] ?? -1;
}

/** At most this many short lines under the title are its byline (date and venue, speaker). */
const MAX_BYLINE = 4;

/** Lines between the title and the speech proper (date, venue, speaker) are its byline. */
function findBodyStart(lines: readonly Line[], titleIndex: number): number {
  let i = titleIndex + 1;
  while (i < lines.length && i <= titleIndex + MAX_BYLINE) {
    const t = lines[i]!.text;
    if (SALUTATION.test(t) || t.includes('。') || t.length > 60 || detectMarker(t)) break;
    i++;
  }
  // Without a title, short lines count as a byline only when the salutation follows them
  // (——2017年2月11日在…会议上 / 代区长 杨国宏 / 各位代表：); otherwise the speech starts at once.
  if (titleIndex < 0 && !(i > 0 && SALUTATION.test(lines[i]?.text ?? ''))) return 0;
  return i;
}

function markClosing(blocks: Block[]): void {
  const paragraphs = blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph' && !b.role);
  const last = paragraphs
    .slice(-3)
    .reverse()
    .find((p) => CLOSING.test(p.text));
  if (last) last.role = 'closing';
}

interface Candidate {
  index: number;
  marker: Marker;
  head: string;
  rest: string;
  /** The heading takes in the next line (一是 alone on its line, its item on the next). */
  joins?: boolean;
}

/**
 * Turn paragraphs that open with a numbering marker into headings. A heading alone on its line is
 * the whole line; one that shares its line with body text ends at the first 。 (or ！？), and the
 * rest of the line stays a paragraph. Numbering must run in sequence within its parent, and a
 * speech enumeration (第一，/一是 …) must have a second item, so that a lone 一是 or a stray 三、 in
 * running text stays text.
 */
function findHeadings(blocks: Block[]): Block[] {
  const candidates: Candidate[] = [];
  blocks.forEach((b, index) => {
    if (b.type !== 'paragraph' || b.role) return;
    const marker = detectMarker(b.text);
    if (!marker) return;
    // 1.“两重”：是指… — an entry of the glossary appended to a work report, not a heading.
    if (DEFINITION.test(b.text.slice(marker.text.length))) return;
    // 一是 alone on its line, its item on the next: one heading, the rest of that line run-in.
    const next = blocks[index + 1];
    if (
      /^[：:，,]?$/u.test(b.text.slice(marker.text.length)) &&
      next?.type === 'paragraph' &&
      !next.role &&
      !detectMarker(next.text)
    ) {
      const end = next.text.search(SENTENCE_END);
      const cut = end < 0 ? next.text.length : end + 1;
      if (cut > MAX_HEADING_CHARS) return;
      candidates.push({
        index,
        marker,
        head: b.text + next.text.slice(0, cut),
        rest: next.text.slice(cut).trimStart(),
        joins: true,
      });
      return;
    }
    const end = b.text.slice(marker.text.length).search(SENTENCE_END);
    const cut = end < 0 ? b.text.length : marker.text.length + end + 1;
    const head = b.text.slice(0, cut);
    if (head.length - marker.text.length > MAX_HEADING_CHARS) return;
    // The space after a half-width ! or ? is layout between heading and run-in text, not text.
    candidates.push({ index, marker, head, rest: b.text.slice(cut).trimStart() });
  });
  addPartTitles(blocks, candidates);
  addLeadSentences(blocks, candidates);

  // Drop enumerations that never reach a second item, then number again without them. Most
  // are dropped in one linear pass (a first item whose next item of its kind is not a second);
  // the placement check catches the rest in a few rounds, each linear, so the whole stays linear
  // in the number of lines (a crafted file of thousands of lone 一是 once took a minute).
  const excluded = unconfirmedFirsts(candidates);
  let accepted = assignDepths(
    candidates.filter((c) => !excluded.has(c)),
    blocks,
  );
  for (let round = 0, lone = loneEnumerations(accepted); lone.size > 0 && round < 4; round++) {
    for (const c of lone) excluded.add(c);
    accepted = assignDepths(
      candidates.filter((c) => !excluded.has(c)),
      blocks,
    );
    lone = loneEnumerations(accepted);
  }
  const byIndex = new Map([...accepted].map(([c, p]) => [c.index, { c, p }]));

  const out: Block[] = [];
  const joined = new Set([...accepted.keys()].filter((c) => c.joins).map((c) => c.index + 1));
  blocks.forEach((b, index) => {
    if (joined.has(index)) return;
    const hit = byIndex.get(index);
    if (!hit) {
      out.push(b);
      return;
    }
    const { c, p } = hit;
    const title = c.head
      .slice(c.marker.text.length)
      .replace(/^[：:，,]/u, '')
      .replace(/[。！？!?]$/u, '')
      .trim();
    out.push({
      type: 'heading',
      depth: p.depth,
      kind: c.marker.kind,
      marker: c.marker.text,
      title,
      text: c.head,
      line: b.line,
    });
    const line = c.joins ? blocks[index + 1]!.line : b.line;
    if (c.rest) out.push({ type: 'paragraph', text: c.rest, line, role: 'runin' });
  });
  return out;
}

/** A short line that may title a part of a work report: no punctuation, some Han, not a date. */
const PART_TITLE = /^(?=.*\p{Script=Han})[^。！？；，：、,;:!?（）()—]{6,30}$/u;

/**
 * Unmarked part titles (a work report's `“十四五”时期工作回顾`, `2026年重点工作`): short lines with no
 * punctuation, standing alone between paragraphs, at least two of them, with numbered headings
 * (from a first item) under at least one, in a document that numbers no part with 一、. Weak
 * evidence for one line alone, so a single such line, or lines that follow one another, stay text. They become the top level: the numbering below
 * them nests one deeper. Candidates are added in place, in document order.
 */
function addPartTitles(blocks: readonly Block[], candidates: Candidate[]): void {
  const numbered = new Set(candidates.map((c) => c.index));
  const parts = blocks.flatMap((b, index) =>
    b.type === 'paragraph' &&
    !b.role &&
    !numbered.has(index) &&
    PART_TITLE.test(b.text) &&
    !/^[\d\s年月日]+$/u.test(b.text) &&
    blocks[index + 1]?.type === 'paragraph' &&
    !numbered.has(index + 1) &&
    !PART_TITLE.test((blocks[index + 1] as ParagraphBlock).text)
      ? [index]
      : [],
  );
  // Where the document numbers its parts (一、), it does not leave others unmarked.
  if (parts.length < 2 || candidates.some((c) => c.marker.kind === 'cn-dun')) return;
  const firstUnder = (i: number) => {
    const end = parts[i + 1] ?? blocks.length;
    return candidates.some((c) => c.index > parts[i]! && c.index < end && c.marker.ordinal === 1);
  };
  if (!parts.some((_, i) => firstUnder(i))) return;
  parts.forEach((index, i) => {
    const b = blocks[index] as ParagraphBlock;
    candidates.push({ index, marker: { kind: 'part', ordinal: i + 1, text: '' }, head: b.text, rest: '' });
  });
  candidates.sort((a, b) => a.index - b.index);
}

/** A lead sentence standing alone: one short sentence, its own line. */
const LEAD = /^(?=.*\p{Script=Han})[^。！？；]{4,24}。$/u;

/**
 * Lead sentences standing alone as sub-headings (国民经济保持良好发展势头。 on its own line, then its
 * paragraphs, then the next such line): only a run of at least three, between the same two
 * headings, each followed by a longer paragraph, and no other such line in between. A lone lead
 * sentence is weak evidence and stays text. They nest under the heading before them, as an
 * unmarked list of their own kind.
 */
function addLeadSentences(blocks: readonly Block[], candidates: Candidate[]): void {
  const heads = new Set(candidates.map((c) => c.index));
  const runs: number[][] = [[]];
  blocks.forEach((b, index) => {
    if (heads.has(index)) {
      runs.push([]);
      return;
    }
    const next = blocks[index + 1];
    if (
      b.type === 'paragraph' &&
      !b.role &&
      LEAD.test(b.text) &&
      next?.type === 'paragraph' &&
      !heads.has(index + 1) &&
      !LEAD.test(next.text) &&
      next.text.length > 2 * b.text.length
    )
      runs.at(-1)!.push(index);
  });
  const added: Candidate[] = [];
  for (const run of runs) {
    if (run.length < 3) continue;
    run.forEach((index, i) => {
      const b = blocks[index] as ParagraphBlock;
      added.push({ index, marker: { kind: 'lead', ordinal: i + 1, text: '' }, head: b.text, rest: '' });
    });
  }
  if (added.length === 0) return;
  candidates.push(...added);
  candidates.sort((a, b) => a.index - b.index);
}

interface Placement {
  depth: number;
  /** The heading this one sits under, null at the top. */
  parent: Candidate | null;
}

/** Blocks searched back for the item a list skipped (a bound, so the whole stays linear). */
const SKIP_LOOKBACK = 200;
/** A paragraph's opening number and what follows it: （二）, 二，, 2. … */
const OPENING_NUMBER = /^([（(]?)([一二三四五六七八九十]{1,3}|[0-9]{1,2}|[０-９]{1,2})([、，,.．：:）)\s])/u;
/** Which numerals a number is written in: Chinese, ASCII or full-width digits. */
const script = (s: string) => (/[一-龥]/u.test(s) ? 'cn' : /[0-9]/u.test(s) ? 'ascii' : 'wide');

/**
 * Whether the item a list skipped is there in another form, between blocks `from` and `to`: a
 * paragraph that opens with its number (二，明确任务 typed for 二、; 二、 fused into a paragraph too
 * long to be a heading).
 */
function skippedItemIn(blocks: readonly Block[], from: number, to: number, marker: Marker, skipped: number): boolean {
  // The same kind of marker, its punctuation mistyped: 二， or 二. for 二、, （二) for （二）.
  const paren = /^[（(]/u.test(marker.text);
  const kind = script(marker.text);
  const isSkipped = (text: string) => {
    const m = OPENING_NUMBER.exec(text);
    if (!m || Boolean(m[1]) !== paren || /[）)]/u.test(m[3]!) !== paren || script(m[2]!) !== kind) return false;
    return markerNumber(m[2]!) === skipped;
  };
  for (let i = Math.max(from + 1, to - SKIP_LOOKBACK); i < to; i++) {
    const b = blocks[i]!;
    if (b.type === 'paragraph' && !b.role && isSkipped(b.text)) return true;
  }
  return false;
}

/**
 * Place candidates in a tree by a stack of open numbering kinds, keeping only sequential ones. A
 * list may skip one number when there is evidence that the item is only mis-written: a paragraph
 * between opening with the skipped number (二，明确任务 for 二、), or the list going on after the
 * skip (（一）（三）（四）). Never when the skipped number is the next of its kind to come (一、… 三、…
 * 二、: the 三、 is a stray), and never in a speech enumeration (一是…). 三、四季度是… after 一、 stays
 * text.
 */
function assignDepths(candidates: readonly Candidate[], blocks: readonly Block[]): Map<Candidate, Placement> {
  const stack: Array<{ c: Candidate; ordinal: number }> = [];
  const placed = new Map<Candidate, Placement>();
  // The ordinal of the next candidate of the same kind, for each candidate (one pass back).
  const nextOrdinal = new Array<number>(candidates.length);
  {
    const seen = new Map<MarkerKind, number>();
    for (let i = candidates.length - 1; i >= 0; i--) {
      const { kind, ordinal } = candidates[i]!.marker;
      nextOrdinal[i] = seen.get(kind) ?? -1;
      seen.set(kind, ordinal);
    }
  }
  for (const [i, c] of candidates.entries()) {
    const { kind, ordinal } = c.marker;
    const at = stack.findIndex((s) => s.c.marker.kind === kind);
    if (at >= 0) {
      const prev = stack[at]!.ordinal;
      // 最后 (ordinal Infinity) closes a list that has reached its second item.
      const inSequence =
        ordinal === Infinity
          ? prev >= 2 && prev !== Infinity
          : ordinal === prev + 1 ||
            (ordinal === prev + 2 &&
              !IDIOM_KINDS.has(kind) &&
              nextOrdinal[i] !== prev + 1 &&
              (nextOrdinal[i] === ordinal + 1 ||
                skippedItemIn(blocks, stack[at]!.c.index, c.index, c.marker, prev + 1)));
      if (!inSequence) continue;
      stack.length = at;
    } else {
      // A kind not yet open starts a new level below the current heading (第二， → 一是…).
      if (ordinal !== 1) continue;
    }
    placed.set(c, { depth: stack.length + 1, parent: stack.at(-1)?.c ?? null });
    stack.push({ c, ordinal });
  }
  return placed;
}

/** Speech enumerations whose first item is followed, among items of its kind, by anything but a second. */
function unconfirmedFirsts(candidates: readonly Candidate[]): Set<Candidate> {
  const out = new Set<Candidate>();
  const open = new Map<MarkerKind, Candidate>();
  for (const c of candidates) {
    if (!IDIOM_KINDS.has(c.marker.kind)) continue;
    const first = open.get(c.marker.kind);
    if (first && c.marker.ordinal !== 2) out.add(first);
    open.delete(c.marker.kind);
    if (c.marker.ordinal === 1) open.set(c.marker.kind, c);
  }
  for (const c of open.values()) out.add(c);
  return out;
}

/** Speech enumerations whose first item has no second item under the same parent (linear). */
function loneEnumerations(placed: ReadonlyMap<Candidate, Placement>): Set<Candidate> {
  const seconds = new Map<Candidate | null, Map<MarkerKind, number>>();
  for (const [c, p] of placed) {
    if (!IDIOM_KINDS.has(c.marker.kind) || c.marker.ordinal !== 2) continue;
    const byKind = seconds.get(p.parent) ?? new Map<MarkerKind, number>();
    byKind.set(c.marker.kind, Math.max(byKind.get(c.marker.kind) ?? -1, c.index));
    seconds.set(p.parent, byKind);
  }
  const lone = new Set<Candidate>();
  for (const [c, p] of placed) {
    if (!IDIOM_KINDS.has(c.marker.kind) || c.marker.ordinal !== 1) continue;
    if ((seconds.get(p.parent)?.get(c.marker.kind) ?? -1) < c.index) lone.add(c);
  }
  return lone;
}
