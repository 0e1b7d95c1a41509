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
 * The date as a citation gives it: `(2019-03-05)` when stated, `(2022?)` when inferred from the
 * text, `(不早于2020)` when only a lower bound is known, '' when unknown.
 */
export function citedDate(d: Speech['date']): string {
  const iso = isoDate(d);
  if (!iso) return '';
  return d.certainty === 'inferred' ? `(${iso}?)` : d.certainty === 'earliest' ? `(不早于${iso})` : `(${iso})`;
}

/** The title as cited: an editor's title (the source has none) is marked as such. */
export const citedTitle = (s: Pick<Speech, 'title' | 'titleDerived'>) =>
  s.titleDerived ? `${s.title}（编者拟题）` : s.title;

/**
 * Two citations of a speech at `url`, with `accessed` as the access date (YYYY-MM-DD):
 * GB/T 7714—2015 for an electronic resource, and the running-text form Chinese notes use.
 */
export function citations(
  s: Pick<Speech, 'title' | 'titleDerived' | 'date' | 'speaker' | 'institution'>,
  site: Pick<Site, 'name'>,
  url: string,
  accessed: string,
): { gbt: string; note: string } {
  const author = citedAuthor(s);
  const date = citedDate(s.date);
  const title = citedTitle(s);
  const role = s.speaker?.role ? `（${s.speaker.role}）` : '';
  const [y, m, d] = accessed.split('-').map(Number);
  return {
    gbt: `${author}. ${title}[EB/OL]. ${site.name}, ${date}[${accessed}]. ${url}`,
    note: `${author}${role}：《${title}》（${formatDate(s.date)}），${site.name}，${url}，访问日期：${y}年${m}月${d}日。`,
  };
}
