import type { Speech } from '../schemas/speech.ts';
import type { Site } from '../schemas/site.ts';
import { formatDate } from './format.ts';

/** What a citation is made from: the speech's front matter. */
export type Cited = Pick<Speech, 'title' | 'titleDerived' | 'date' | 'speaker' | 'institution'> &
  Partial<Pick<Speech, 'place'>>;

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

/** A block id a citation can point to: the title, a heading (`s2-3`) or a paragraph (`p17`). */
export const BLOCK_ID = /^(?:title|s[1-9]\d*(?:-[1-9]\d*)*|p[1-9]\d*)$/u;

/**
 * What a block id names in a citation of part of a speech: 标题, 第17段, or the heading as written
 * (`二、……`); null when the speech has no such block.
 */
export function partLabel(
  s: Pick<Speech, 'outline' | 'titleDerived'> & { counts: Pick<Speech['counts'], 'paragraphs'> },
  id: string,
): string | null {
  if (!BLOCK_ID.test(id)) return null;
  if (id === 'title') return s.titleDerived ? null : '标题';
  if (id.startsWith('p')) return Number(id.slice(1)) <= s.counts.paragraphs ? `第${id.slice(1)}段` : null;
  const h = s.outline.find((o) => o.id === id);
  return h ? `${h.marker}${h.title}` : null;
}

/**
 * Two citations of a speech at `url`, with `accessed` as the access date (YYYY-MM-DD):
 * GB/T 7714—2015 for an electronic resource, and the running-text form Chinese notes use. For a
 * part (`part`, from partLabel), the URL carries its #id and the running-text form names it.
 */
export function citations(
  s: Cited,
  site: Pick<Site, 'name'>,
  url: string,
  accessed: string,
  part?: string,
): { gbt: string; note: string } {
  const author = citedAuthor(s);
  const date = citedDate(s.date);
  const title = citedTitle(s);
  const role = s.speaker?.role ? `（${s.speaker.role}）` : '';
  const [y, m, d] = accessed.split('-').map(Number);
  return {
    gbt: `${author}. ${title}[EB/OL]. ${site.name}, ${date}[${accessed}]. ${url}`,
    note: `${author}${role}：《${title}》（${formatDate(s.date)}）${part ? `，${part}` : ''}，${site.name}，${url}，访问日期：${y}年${m}月${d}日。`,
  };
}

/**
 * TeX's special characters written so that BibTeX and LaTeX read them as text: a title is data,
 * and `{`, `%` or `\` in it must not become markup.
 */
export function bibEscape(s: string): string {
  return s.replace(/[\\{}$&%#_~^]/gu, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`,
  );
}

/**
 * A BibTeX (biblatex) entry for a speech or a part of it: `@online`, the type Zotero, JabRef and
 * the GB/T 7714 styles (biblatex-gb7714-2015, gbt7714) read as an electronic resource [EB/OL].
 * The author is one braced name (a person's Chinese name or an institution is never split into
 * first and last); `date` is ISO 8601 (biblatex), `year` for classic BibTeX; an inferred date or
 * a lower bound says so in `note`, with the part cited.
 */
export function bibtex(
  s: Cited,
  site: Pick<Site, 'name'>,
  key: string,
  url: string,
  accessed: string,
  part?: string,
): string {
  const iso = isoDate(s.date);
  const notes = [
    ...(part ? [part] : []),
    ...(s.date.certainty === 'inferred' ? ['日期据文中事件推断'] : []),
    ...(s.date.certainty === 'earliest' ? [`不早于${iso}`] : []),
  ];
  const fields: Array<[string, string]> = [
    ['author', `{${bibEscape(citedAuthor(s))}}`],
    ['title', bibEscape(citedTitle(s))],
    ...(iso
      ? ([
          ['date', iso],
          ['year', String(s.date.year)],
        ] as Array<[string, string]>)
      : []),
    ['organization', bibEscape(site.name)],
    ...(s.place ? ([['venue', bibEscape(s.place)]] as Array<[string, string]>) : []),
    ['url', url],
    ['urldate', accessed],
    ['langid', 'chinese'],
    ...(notes.length ? ([['note', bibEscape(notes.join('；'))]] as Array<[string, string]>) : []),
  ];
  return `@online{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}},`).join('\n')}\n}`;
}

/** A CSL date: {"date-parts": [[2019, 3, 5]]}, `circa` when inferred. */
type CslDate = { 'date-parts': number[][]; circa?: boolean };

/** A CSL-JSON item (the variables citeproc-js, Zotero and Pandoc read). */
export interface CslItem {
  id: string;
  type: 'webpage';
  title: string;
  author: Array<{ literal: string }>;
  issued?: CslDate;
  'container-title': string;
  genre: string;
  'event-place'?: string;
  'part-title'?: string;
  URL: string;
  accessed?: CslDate;
  language: string;
  note?: string;
}

const cslDate = (iso: string): CslDate => ({ 'date-parts': [iso.split('-').map(Number)] });

/**
 * A CSL-JSON item for a speech or a part of it: type `webpage` (the GB/T 7714 CSL style renders
 * it as [EB/OL], as the GB/T citation above), the site as `container-title` (Zotero's website
 * title), the author as a literal (never split), `part-title` for the part cited, `accessed`
 * only when given (the open-data files carry none: a reader's access date is the reader's).
 */
export function cslItem(
  s: Cited,
  site: Pick<Site, 'name'>,
  id: string,
  url: string,
  accessed?: string,
  part?: string,
): CslItem {
  const iso = isoDate(s.date);
  return {
    id,
    type: 'webpage',
    title: citedTitle(s),
    author: [{ literal: citedAuthor(s) }],
    ...(iso ? { issued: { ...cslDate(iso), ...(s.date.certainty === 'inferred' ? { circa: true } : {}) } } : {}),
    'container-title': site.name,
    genre: '讲话',
    ...(s.place ? { 'event-place': s.place } : {}),
    ...(part ? { 'part-title': part } : {}),
    URL: url,
    ...(accessed ? { accessed: cslDate(accessed) } : {}),
    language: 'zh-CN',
    ...(s.date.certainty === 'earliest' ? { note: `不早于${iso}` } : {}),
  };
}

/** CSL-JSON items as a reader copies them: indented, each date's parts on one line (`[[2019, 3, 5]]`). */
export const cslJson = (items: CslItem[]): string =>
  JSON.stringify(items, null, 2)
    .replace(/\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]/gu, (_, n: string) => `[${n.split(/,\s*/u).join(', ')}]`)
    .replace(/\[\s*(\[[^[\]]*\])\s*\]/gu, '[$1]');
