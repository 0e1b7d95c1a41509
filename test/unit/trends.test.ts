import { describe, expect, it } from 'vitest';
import {
  chartGeometry,
  MAX_TERMS,
  pickTerms,
  rate,
  requestedNames,
  termsQuery,
  trendsData,
} from '../../src/lib/trends.ts';

const entry = (slug: string, term: string, aliases: string[], byYear: Record<string, [number, number, number]>) => ({
  slug,
  term,
  aliases,
  definition: 'not copied',
  stats: { occurrences: 0, speeches: 0, byYear, pages: 1 },
});
const years = { '2022': [1, 3923], '2019': [2, 10000], '2020': [4, 29000] } as Record<string, [number, number]>;
const terms = [
  entry('liu-wen', '六稳', [], { '2020': [14, 2, 29000] }),
  entry('guo-jin-ri-zi', '过紧日子', ['紧日子'], { '2022': [3, 1, 3923], '2020': [2, 1, 29000] }),
  entry('shuang-sui-ji-yi-gong-kai', '双随机、一公开', [], {}),
];

describe('trendsData', () => {
  it('keeps per term its slug, name, aliases and occurrences by year, and characters per year, oldest first', () => {
    const data = trendsData(terms, years);
    expect(data).toEqual({
      years: { '2019': 10000, '2020': 29000, '2022': 3923 },
      terms: [
        { slug: 'liu-wen', term: '六稳', aliases: [], byYear: { '2020': 14 } },
        { slug: 'guo-jin-ri-zi', term: '过紧日子', aliases: ['紧日子'], byYear: { '2020': 2, '2022': 3 } },
        { slug: 'shuang-sui-ji-yi-gong-kai', term: '双随机、一公开', aliases: [], byYear: {} },
      ],
    });
    expect(Object.keys(data.years)).toEqual(['2019', '2020', '2022']);
    expect(JSON.stringify(data)).not.toContain('not copied');
  });

  it('grows with terms × years only, not with the speeches behind them', () => {
    const many = Object.fromEntries(
      Object.entries(years).map(([y, [, c]]) => [y, [9_999, c * 1000] as [number, number]]),
    );
    const a = JSON.stringify(trendsData(terms, years));
    const b = JSON.stringify(trendsData(terms, many));
    expect(b.length - a.length).toBeLessThanOrEqual(3 * 3);
  });
});

describe('reading ?terms=', () => {
  const data = trendsData(terms, years);
  it('splits at commas, semicolons and spaces but not at 、, and drops quotes, blanks and repeats', () => {
    expect(requestedNames('?terms=六稳,“六保”，双随机、一公开;;六稳&terms=&terms=过紧日子 紧日子')).toEqual([
      '六稳',
      '六保',
      '双随机、一公开',
      '过紧日子',
      '紧日子',
    ]);
    expect(requestedNames('')).toEqual([]);
  });

  it('accepts names, aliases and slugs, counts one term once and names what it does not know', () => {
    const got = pickTerms(['紧日子', '六稳', '过紧日子', '六保', 'liu-wen', '七稳'], data);
    expect(got.terms.map((t) => t.slug)).toEqual(['guo-jin-ri-zi', 'liu-wen']);
    expect(got.unknown).toEqual(['六保', '七稳']);
    expect(got.dropped).toEqual([]);
  });

  it(`keeps the first ${MAX_TERMS} terms and reports the rest`, () => {
    const six = Array.from({ length: 6 }, (_, i) => entry(`t${i}`, `词${i}`, [], {}));
    const got = pickTerms(
      six.map((t) => t.term),
      trendsData(six, years),
    );
    expect(got.terms.map((t) => t.term)).toEqual(['词0', '词1', '词2', '词3', '词4']);
    expect(got.dropped.map((t) => t.term)).toEqual(['词5']);
  });

  it('writes the query back as ?terms=a,b', () => {
    expect(decodeURIComponent(termsQuery([{ term: '六稳' }, { term: '双随机、一公开' }]))).toBe(
      '?terms=六稳,双随机、一公开',
    );
    expect(termsQuery([])).toBe('');
  });
});

describe('chartGeometry', () => {
  const data = trendsData(terms, years);
  const g = chartGeometry(data, data.terms.slice(0, 2), 400, 240);
  it('gives each term a point per year of the collection, at its rate, years at their true distance', () => {
    expect(g.lines).toHaveLength(2);
    expect(g.lines[0]!.map((p) => [p.year, p.occurrences])).toEqual([
      ['2019', 0],
      ['2020', 14],
      ['2022', 0],
    ]);
    expect(g.lines[1]![2]!.rate).toBe(rate(3, 3923));
    const [a, b, c] = g.lines[0]!.map((p) => p.x);
    expect(c! - b!).toBeCloseTo(2 * (b! - a!), 9);
    expect(a).toBe(g.left);
    expect(c).toBe(g.right);
  });

  it('puts 0 on the axis and the largest rate under a round top', () => {
    const max = Math.max(...g.lines.flat().map((p) => p.rate));
    expect(g.yMax).toBeGreaterThanOrEqual(max);
    expect(g.yMax).toBeLessThan(max * 2.5);
    for (const p of g.lines.flat()) expect(p.y).toBeCloseTo(g.bottom - (p.rate / g.yMax) * (g.bottom - g.top), 9);
    expect(g.yTicks[0]).toEqual({ value: 0, y: g.bottom });
    expect(g.xTicks.map((t) => t.year)).toContain('2022');
  });

  it('draws a flat line at 0 for a term never used', () => {
    const flat = chartGeometry(data, [data.terms[2]!], 400, 240);
    expect(flat.yMax).toBe(1);
    expect(flat.lines[0]!.every((p) => p.rate === 0 && p.y === flat.bottom)).toBe(true);
  });
});
