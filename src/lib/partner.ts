import type { SpeechMeta, SpeechShared } from '../schemas/generated.ts';
import { dateKey } from './format.ts';

/**
 * Which speech the compare page (issue 14) sets beside a speech when the reader comes from its
 * 比较 link (`/compare/?a=<slug>`): the same kind of speech from the previous year, else the one
 * sharing the most passages with it. Computed at build time into the speech's shared.json, which
 * the compare page fetches anyway for the formulations: no file and no byte on the speech page.
 */

/**
 * A suggestion: [slug, title, year, why]: `year` the same kind of speech from the year before,
 * `shared` the speech sharing the most paragraphs, `next` the same kind from the year after,
 * `kind` the same kind from the nearest earlier year.
 */
export type Suggestion = [slug: string, title: string, year: number | null, why: 'year' | 'shared' | 'next' | 'kind'];

/**
 * The kind of a speech, as the footer's 同类讲话 reads it (src/lib/around.ts: its first occasion,
 * else its first theme) and its level; '' when it has neither occasion nor theme.
 */
export function kindOf(s: Pick<SpeechMeta, 'level' | 'occasions' | 'themes'>): string {
  const what = s.occasions[0] ? `o:${s.occasions[0]}` : s.themes[0] ? `t:${s.themes[0]}` : '';
  return what && `${s.level ?? ''}|${what}`;
}

/** How far back `kind` suggestions look for an earlier year of the same kind. */
const YEARS_BACK = 10;

const indexes = new WeakMap<readonly SpeechMeta[], Map<string, SpeechMeta[]>>();
/** Speeches by kind and year (`kind#year`), built once per collection: linear in its size. */
function byKindYear(all: readonly SpeechMeta[]): Map<string, SpeechMeta[]> {
  let index = indexes.get(all);
  if (!index) {
    index = new Map();
    for (const s of all) {
      const kind = kindOf(s);
      if (!kind || s.date.year === null) continue;
      const key = `${kind}#${s.date.year}`;
      index.set(key, [...(index.get(key) ?? []), s]);
    }
    indexes.set(all, index);
  }
  return index;
}

/**
 * Suggestions for `s`, best first, at most four, each speech once. `all` is the collection by
 * order (SpeechMeta.order), as the shared passages name other speeches.
 */
export function suggestions(s: SpeechMeta, all: readonly SpeechMeta[], shared: SpeechShared): Suggestion[] {
  // Paragraphs of s each other speech shares a passage with (among the 50 listed per paragraph).
  const sharedWith = new Map<number, number>();
  for (const [, , , others] of shared.passages)
    for (const [order] of others) sharedWith.set(order, (sharedWith.get(order) ?? 0) + 1);
  const score = (o: SpeechMeta) => sharedWith.get(o.order) ?? 0;
  // Among candidates: most shared, then nearest in date.
  const best = (list: readonly SpeechMeta[]) =>
    list
      .filter((o) => o.slug !== s.slug)
      .sort(
        (x, y) =>
          score(y) - score(x) ||
          Math.abs(dateKey(x.date) - dateKey(s.date)) - Math.abs(dateKey(y.date) - dateKey(s.date)) ||
          x.order - y.order,
      )[0];
  const index = byKindYear(all);
  const kind = kindOf(s);
  const year = s.date.year;
  const inYear = (y: number) => index.get(`${kind}#${y}`) ?? [];
  const out: Suggestion[] = [];
  const add = (o: SpeechMeta | undefined, why: Suggestion[3]) => {
    if (o && !out.some((x) => x[0] === o.slug)) out.push([o.slug, o.title, o.date.year, why]);
  };
  if (kind && year !== null) add(best(inYear(year - 1)), 'year');
  const mostShared = [...sharedWith].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  add(mostShared[0] && all[mostShared[0][0]], 'shared');
  if (kind && year !== null) {
    add(best(inYear(year + 1)), 'next');
    for (let y = year - 2; y >= year - YEARS_BACK && !out.some((x) => x[3] === 'kind'); y--)
      add(best(inYear(y)), 'kind');
  }
  add(mostShared[1] && all[mostShared[1][0]], 'shared');
  return out.slice(0, 4);
}
