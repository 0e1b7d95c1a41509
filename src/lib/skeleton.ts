import type { OutlineEntry } from '../pipeline/outline.ts';
import { detectMarker, type MarkerKind } from '../pipeline/markers.ts';

/**
 * Skeletons (issue 10, item 3): a speech's outline as a speechwriter reuses it. Pure functions,
 * shared by the listing pages (Astro), the per-speech outline files and the browser scripts, so a
 * template copied on the listing and on the compare page is the same text.
 */

/** Speeches per skeleton page. A page of long outlines stays well under 150 KB gzipped (README). */
export const SKELETONS_PER_PAGE = 20;

/**
 * What a listing entry shows at most: 100 headings and 2,000 characters of them, whichever comes
 * first; the rest are one link away (the speech, the compare page and the copied template have them
 * all). Real outlines stay far below (the 36-document corpus: at most 43 headings, 749 characters),
 * and a page of 20 entries filled to the limits with distinct real text weighs 66 KB gzipped, so
 * no listing page grows with one pathological outline.
 */
export const MAX_LISTED = 100;
export const MAX_LISTED_CHARS = 2000;

/** How many of an outline's headings its listing entry shows. */
export function listedCount(outline: readonly Pick<OutlineEntry, 'marker' | 'title'>[]): number {
  let chars = 0;
  for (const [i, o] of outline.entries()) {
    chars += o.marker.length + o.title.length;
    if (i >= MAX_LISTED || chars > MAX_LISTED_CHARS) return i;
  }
  return outline.length;
}

/** Outlines compared side by side at most. */
export const MAX_COMPARED = 3;

/** One heading in a per-speech outline file: [id, depth, marker, title]. */
export type OutlineRow = [string, number, string, string];

/** `/skeletons/o/<slug>.json`: what the compare page and the copy buttons read. */
export interface OutlineFile {
  slug: string;
  title: string;
  /** The date as the site writes it (2020年3月5日, 不早于2019年 …). */
  date: string;
  level: string | null;
  /** Structure summary, as on the listing. */
  summary: string;
  outline: OutlineRow[];
}

export const toRows = (outline: readonly OutlineEntry[]): OutlineRow[] =>
  outline.map((o) => [o.id, o.depth, o.marker, o.title]);
export const fromRows = (rows: readonly OutlineRow[]): OutlineEntry[] =>
  rows.map(([id, depth, marker, title]) => ({ id, depth, marker, title }));

/** Indentation of one level in a template: two full-width spaces, as a paragraph indent. */
export const INDENT = '\u3000\u3000';

/**
 * The plain numbered template of an outline: one heading a line, its marker as written (一、
 * （一） 1. 一是 …), indented by its depth (none at the top level).
 */
export function templateOf(outline: readonly OutlineEntry[]): string {
  return outline.map((o) => INDENT.repeat(o.depth - 1) + o.marker + o.title).join('\n');
}

/** Kinds of numbering a summary names, with how it writes them. */
const KIND_LABELS: Record<MarkerKind, string> = {
  'cn-dun': '一、',
  'cn-paren': '（一）',
  arabic: '1.',
  'arabic-paren': '（1）',
  'di-ge': '第一个…',
  di: '第一，',
  shi: '一是',
  yao: '一要',
  shouxian: '首先…',
  part: '无序号标题',
  lead: '提示句',
};

/** How a heading is numbered: from its marker; an unnumbered top-level title is a part, deeper a lead sentence. */
export function kindOf(o: Pick<OutlineEntry, 'marker' | 'depth'>): MarkerKind {
  if (o.marker) {
    const m = detectMarker(o.marker);
    if (m) return m.kind;
  }
  return o.depth === 1 ? 'part' : 'lead';
}

export interface Structure {
  /** Top-level headings. */
  parts: number;
  /** Headings below the top level. */
  sections: number;
  /** Kinds of numbering in order of first use, with their counts. */
  kinds: Array<[label: string, count: number]>;
}

export function structureOf(outline: readonly OutlineEntry[]): Structure {
  const kinds = new Map<string, number>();
  let parts = 0;
  for (const o of outline) {
    if (o.depth === 1) parts++;
    const label = KIND_LABELS[kindOf(o)];
    kinds.set(label, (kinds.get(label) ?? 0) + 1);
  }
  return { parts, sections: outline.length - parts, kinds: [...kinds] };
}

/** `3 部分 · 12 小节 · 一、×3 · 一是×12`: the shape of a speech at a glance. */
export function summaryOf(outline: readonly OutlineEntry[]): string {
  if (outline.length === 0) return '无标题';
  const { parts, sections, kinds } = structureOf(outline);
  const shape = [`${parts} 部分`, ...(sections ? [`${sections} 小节`] : [])];
  return [...shape, ...kinds.map(([label, n]) => `${label}×${n}`)].join(' · ');
}

/** Slugs asked for on the compare page: repeated `s=` and comma lists alike, valid and distinct, in order. */
export function requestedSlugs(search: string): string[] {
  const params = new URLSearchParams(search);
  const out: string[] = [];
  for (const v of params.getAll('s'))
    for (const part of v.split(/[,，\s]+/u)) {
      const slug = part.trim().toLowerCase();
      if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(slug) && !out.includes(slug)) out.push(slug);
    }
  return out;
}

/** The shareable address of a comparison. */
export const comparePath = (slugs: readonly string[]) => `/skeletons/compare/?s=${slugs.join(',')}`;

/** Path of a speech's outline file. */
export const outlineFilePath = (slug: string) => `/skeletons/o/${slug}.json`;
