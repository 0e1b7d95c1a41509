import type { Speech } from '../schemas/speech.ts';
import type { Site } from '../schemas/site.ts';
import { formatDate } from './format.ts';

/** Who a citation names as the author: the speaker, else the institution, else 佚名 (GB/T 7714). */
export const citedAuthor = (s: Pick<Speech, 'speaker' | 'institution'>): string =>
  s.speaker?.name ?? s.institution ?? '佚名';

/** The date as GB/T 7714 writes it: 2019-03-05, 2019-03 or 2019; '' when unknown. */
export function isoDate(d: Speech['date']): string {
  if (d.year === null) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return [String(d.year), ...(d.month ? [two(d.month)] : []), ...(d.month && d.day ? [two(d.day)] : [])].join('-');
}

/**
 * Two citations of a speech at `url`, with `accessed` as the access date (YYYY-MM-DD):
 * GB/T 7714—2015 for an electronic resource, and the running-text form Chinese notes use.
 */
export function citations(
  s: Pick<Speech, 'title' | 'date' | 'speaker' | 'institution'>,
  site: Pick<Site, 'name'>,
  url: string,
  accessed: string,
): { gbt: string; note: string } {
  const author = citedAuthor(s);
  const date = isoDate(s.date);
  const role = s.speaker?.role ? `（${s.speaker.role}）` : '';
  const [y, m, d] = accessed.split('-').map(Number);
  return {
    gbt: `${author}. ${s.title}[EB/OL]. ${site.name}, ${date ? `(${date})` : ''}[${accessed}]. ${url}`,
    note: `${author}${role}：《${s.title}》（${formatDate(s.date)}），${site.name}，${url}，访问日期：${y}年${m}月${d}日。`,
  };
}
