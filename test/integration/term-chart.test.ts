import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { directCounts, directRate, glossary } from '../helpers/term-counts.ts';

/**
 * Each term page's chart and table of use by year (per 10,000 characters), against a direct count
 * over the fixture site's speech texts (test/helpers/term-counts.ts): every year of the collection,
 * the years without the term at 0, the bars' heights in proportion to the rates.
 */
const t = useChromium({ perTest: false });
const years = [...directCounts().keys()];
const total = (slug: string) => [...directCounts().values()].reduce((n, y) => n + (y.terms.get(slug)?.[0] ?? 0), 0);

describe('term page chart', () => {
  it('has terms used in more than one year and terms absent from some years (the fixture tests both)', () => {
    expect(years.length).toBeGreaterThan(1);
    const used = glossary.filter((g) => total(g.slug) > 0);
    expect(used.some((g) => years.every((y) => directRate(g.slug, y) > 0))).toBe(true);
    expect(used.some((g) => years.some((y) => directRate(g.slug, y) === 0))).toBe(true);
  });

  it.each(glossary.map((g) => [g.slug] as const))('%s: numbers equal a direct count of the texts', async (slug) => {
    await t.page.goto(`${inject('baseUrl')}/glossary/${slug}/`, { waitUntil: 'domcontentloaded' });
    const count = total(slug);
    expect(await t.page.locator('#occ').textContent()).toMatch(new RegExp(`（${count} 处，`, 'u'));
    const link = await t.page.locator('a', { hasText: '与其他术语比较' }).getAttribute('href');
    expect(decodeURIComponent(link!)).toBe(`/glossary/trends/?terms=${glossary.find((g) => g.slug === slug)!.term}`);
    if (count === 0) {
      expect(await t.page.locator('svg.trend').count()).toBe(0);
      return;
    }
    const rows = await t.page.$$eval('table.years tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)),
    );
    expect(rows).toEqual(
      years.map((y) => {
        const [n, speeches] = directCounts().get(y)!.terms.get(slug) ?? [0, 0];
        return [y, String(n), String(speeches), directRate(slug, y).toFixed(2)];
      }),
    );
    // The chart needs no script: it is in the HTML, and its bars follow the rates.
    const bars = await t.page.$$eval('svg.trend rect', (rs) =>
      rs.map((r) => [r.dataset['year'], Number(r.getAttribute('height'))] as const),
    );
    const max = Math.max(...years.map((y) => directRate(slug, y)));
    expect(bars.map(([y]) => y)).toEqual(years);
    for (const [y, h] of bars) {
      const r = directRate(slug, y!);
      if (r === 0) expect(h, y).toBe(0);
      else expect(h, y).toBeCloseTo(Math.max(1, (r / max) * 56), 6);
    }
  });
});
