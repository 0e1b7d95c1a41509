/**
 * Term trends: the small JSON the trends page draws from (`/glossary/trends.json`), and the pure
 * steps of that page (reading `?terms=`, resolving names and aliases, the chart's geometry), shared
 * by the build and the browser. No Node imports: the page's script bundles this file.
 */

/** Terms compared at most on one chart. */
export const MAX_TERMS = 5;
/** Rates are per this many characters. */
export const PER_CHARACTERS = 10_000;

/** One term as the trends page needs it. */
export interface TrendTerm {
  slug: string;
  term: string;
  aliases: string[];
  /** Occurrences by year, only the years it occurs in. */
  byYear: Record<string, number>;
}

/** `/glossary/trends.json`: every term's counts by year and the collection's characters by year. */
export interface TrendsData {
  /** Every year with a dated speech, oldest first: year → characters of its speeches' text. */
  years: Record<string, number>;
  terms: TrendTerm[];
}

/** What the build knows of a term (a glossary entry with its statistics). */
interface TermSource {
  slug: string;
  term: string;
  aliases: readonly string[];
  stats: { byYear: Record<string, readonly [number, number, number]> };
}

/**
 * The trends JSON: per term its slug, name, aliases (so a reader may type either) and occurrences
 * by year; per year the characters of the collection. Its size grows with terms × years, never
 * with the number of speeches.
 */
export function trendsData(
  terms: readonly TermSource[],
  years: Record<string, readonly [speeches: number, characters: number]>,
): TrendsData {
  const sorted = Object.keys(years).sort((a, b) => Number(a) - Number(b));
  return {
    years: Object.fromEntries(sorted.map((y) => [y, years[y]![1]])),
    terms: terms.map((t) => ({
      slug: t.slug,
      term: t.term,
      aliases: [...t.aliases],
      byYear: Object.fromEntries(
        Object.keys(t.stats.byYear)
          .sort((a, b) => Number(a) - Number(b))
          .map((y) => [y, t.stats.byYear[y]![0]]),
      ),
    })),
  };
}

/** Occurrences per 10,000 characters (0 for a year without text). */
export const rate = (occurrences: number, characters: number): number =>
  characters > 0 ? (occurrences / characters) * PER_CHARACTERS : 0;

/**
 * The names asked for in a query string: every `terms` parameter, each split at commas (ASCII or
 * full-width), semicolons and spaces (no term contains one; 、 is part of terms such as
 * 双随机、一公开), quote marks dropped, empty names and repeats left out.
 */
export function requestedNames(search: string | URLSearchParams): string[] {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const names = params
    .getAll('terms')
    .flatMap((v) => v.split(/[,，;；\s]+/u))
    .map((n) => n.replace(/["“”‘’'「」]/gu, ''))
    .filter(Boolean);
  return [...new Set(names)];
}

/** The outcome of resolving a reader's names against the glossary. */
export interface Picked {
  /** The terms to draw, in the order asked, at most MAX_TERMS. */
  terms: TrendTerm[];
  /** Names that are no term, alias or slug of the glossary, as typed. */
  unknown: string[];
  /** Terms found beyond the first MAX_TERMS, left out. */
  dropped: TrendTerm[];
}

/** Resolve names (a term, one of its aliases, or its slug) to terms; repeats of one term count once. */
export function pickTerms(names: readonly string[], data: TrendsData): Picked {
  const byName = new Map<string, TrendTerm>();
  for (const t of data.terms) for (const n of [t.slug, ...t.aliases, t.term]) byName.set(n, t);
  const found: TrendTerm[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const t = byName.get(n);
    if (!t) unknown.push(n);
    else if (!found.includes(t)) found.push(t);
  }
  return { terms: found.slice(0, MAX_TERMS), unknown, dropped: found.slice(MAX_TERMS) };
}

/** The query string of a comparison: `?terms=六稳,六保` (commas kept readable). */
export const termsQuery = (terms: readonly Pick<TrendTerm, 'term'>[]): string =>
  terms.length ? `?terms=${terms.map((t) => encodeURIComponent(t.term)).join(',')}` : '';

/** One point of a line: a year of the collection. */
export interface Point {
  year: string;
  occurrences: number;
  rate: number;
  x: number;
  y: number;
}

/** Where everything of a line chart sits, in the SVG's own units (pixels of its box). */
export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The rate at the top of the y axis (a round number at or above every value). */
  yMax: number;
  /** Labelled rates on the y axis, 0 first. */
  yTicks: Array<{ value: number; y: number }>;
  /** Labelled years on the x axis. */
  xTicks: Array<{ year: string; x: number }>;
  /** One line per term, in the order given, a point per year of the collection. */
  lines: Point[][];
}

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ at or above v (v > 0): a top the data nearly fills. */
function roundUp(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((c) => c >= v * (1 - 1e-12))!;
}

/**
 * Lay out a line chart of the terms' rates by year. Years sit at their true distance (a year
 * without speeches leaves a gap between its neighbours' points, not a point at zero).
 */
export function chartGeometry(
  data: TrendsData,
  terms: readonly TrendTerm[],
  width: number,
  height: number,
): ChartGeometry {
  const years = Object.keys(data.years).sort((a, b) => Number(a) - Number(b));
  const [left, right, top, bottom] = [44, width - 16, 12, height - 28];
  const first = Number(years[0] ?? 0);
  const last = Number(years.at(-1) ?? 0);
  const x = (y: string) =>
    last > first ? left + ((Number(y) - first) / (last - first)) * (right - left) : (left + right) / 2;
  const rates = terms.map((t) => years.map((y) => rate(t.byYear[y] ?? 0, data.years[y]!)));
  const top1 = Math.max(0, ...rates.flat());
  const yMax = top1 > 0 ? roundUp(top1) : 1;
  const yOf = (r: number) => bottom - (r / yMax) * (bottom - top);
  // Labels at least 40 px apart: every year when they fit, else every k-th, the last always.
  const room = Math.max(1, Math.floor((right - left) / 40));
  const step = Math.max(1, Math.ceil((last - first + 1) / room));
  const xTicks = years
    .filter((y, i) => i === years.length - 1 || ((Number(y) - first) % step === 0 && last - Number(y) >= step / 2))
    .map((year) => ({ year, x: x(year) }));
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    yMax,
    yTicks: [0, 0.5, 1].map((f) => ({ value: f * yMax, y: yOf(f * yMax) })),
    xTicks,
    lines: terms.map((t, i) =>
      years.map((year, j) => ({
        year,
        occurrences: t.byYear[year] ?? 0,
        rate: rates[i]![j]!,
        x: x(year),
        y: yOf(rates[i]![j]!),
      })),
    ),
  };
}
