import type { Speech } from '../schemas/speech.ts';

/** 2020年3月5日 / 2020年 / 约2019年或稍后 / 年份不详, as the date is known. */
export function formatDate(d: Speech['date']): string {
  if (d.year === null) return '年份不详';
  const ymd = `${d.year}年${d.month ? `${d.month}月` : ''}${d.day ? `${d.day}日` : ''}`;
  return d.certainty === 'earliest' ? `不早于${ymd}` : d.certainty === 'inferred' ? `${ymd}（推断）` : ymd;
}

/** Sort key: newest first, unknown dates last. */
export function dateKey(d: Speech['date']): number {
  return (d.year ?? 0) * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);
}

/** 9,403 字 → `9403字`, read aloud as about N minutes at 220 characters a minute. */
export function formatLength(chars: number): string {
  return `${chars.toLocaleString('zh-CN')}字`;
}

/** Absolute path of a speech page. */
export const speechPath = (slug: string) => `/speeches/${slug}/`;

/**
 * The search page for a phrase. Chinese characters stay as they are (a page is UTF-8 and the
 * browser encodes them when it follows the link): percent-encoded, each would take 9 bytes, and a
 * reuse page links thousands of formulations. ASCII is encoded as usual.
 */
export const searchPath = (q: string) => `/search/?q=${q.replace(/[\0-\x7f]/gu, encodeURIComponent)}`;

/** Absolute path of a glossary term's page. */
export const glossaryPath = (slug: string) => `/glossary/${slug}/`;
