import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { site } from '../helpers/site.ts';
import { directCounts, directRate, glossary } from '../helpers/term-counts.ts';

/**
 * The trends page (/glossary/trends/?terms=…) in real Chromium, against a direct count over the
 * fixture site's texts (test/helpers/term-counts.ts): every expectation is computed from the
 * fixture's data, none is written down.
 */
const t = useChromium();
const url = (names: readonly string[] = []) =>
  `${inject('baseUrl')}/glossary/trends/${names.length ? `?terms=${names.map(encodeURIComponent).join(',')}` : ''}`;
const years = [...directCounts().keys()];
const total = (slug: string) => years.reduce((n, y) => n + (directCounts().get(y)!.terms.get(slug)?.[0] ?? 0), 0);
/** Terms the fixture uses, most used first. */
const used = glossary.filter((g) => total(g.slug) > 0).sort((a, b) => total(b.slug) - total(a.slug));
/** A used term that is asked for by one of its aliases. */
const byAlias = used.find((g) => (g.aliases ?? []).length > 0)!;

interface Line {
  slug: string;
  stroke: string;
  dash: string;
  marks: Array<{ tag: string; year: string; rate: number; occurrences: number; cy: number }>;
}
const drawn = () =>
  t.page.$$eval('svg.chart g.series', (gs) =>
    gs.map((g): Line => {
      const line = g.querySelector('polyline')!;
      return {
        slug: (g as SVGGElement).dataset['slug']!,
        stroke: getComputedStyle(line).stroke,
        dash: line.getAttribute('stroke-dasharray') ?? '',
        // The line's own vertices give where each year's value is drawn.
        marks: [...g.querySelectorAll<SVGGraphicsElement>('.mark')].map((m, i) => ({
          tag: m.tagName,
          year: m.dataset['year']!,
          rate: Number(m.dataset['rate']),
          occurrences: Number(m.dataset['occurrences']),
          cy: line.points[i]!.y,
        })),
      };
    }),
  );
const status = () => t.page.locator('.trends-status').innerText();
const lineCount = () => t.page.locator('svg.chart g.series').count();
async function open(names: readonly string[], options = {}) {
  await t.open(options);
  await t.page.goto(url(names));
}

describe('trends page', () => {
  it('has what these tests need: a term used in several years, one asked for by an alias, six used terms', () => {
    expect(years.length).toBeGreaterThan(1);
    expect(byAlias).toBeDefined();
    expect(used.length).toBeGreaterThan(6);
  });

  it('draws one line per requested term, each point at the direct count, with a table of the same numbers', async () => {
    const picked = [used[0]!, used[1]!, byAlias].filter((g, i, a) => a.indexOf(g) === i);
    const names = picked.map((g) => (g === byAlias ? g.aliases![0]! : g.term));
    await open(names);
    await expect.poll(lineCount).toBe(picked.length);
    const lines = await drawn();
    expect(lines.map((l) => l.slug)).toEqual(picked.map((g) => g.slug));
    const ymax = Number(await t.page.locator('svg.chart').getAttribute('data-ymax'));
    const all = lines.flatMap((l) => l.marks);
    const axis = Number(await t.page.locator('svg.chart .axis line').first().getAttribute('y1'));
    for (const [i, l] of lines.entries()) {
      expect(l.marks.map((m) => m.year)).toEqual(years);
      for (const m of l.marks) {
        const [n] = directCounts().get(m.year)!.terms.get(picked[i]!.slug) ?? [0];
        expect(m.occurrences, `${l.slug} ${m.year}`).toBe(n);
        expect(m.rate, `${l.slug} ${m.year}`).toBeCloseTo(directRate(l.slug, m.year), 9);
        expect(m.rate).toBeLessThanOrEqual(ymax);
      }
    }
    // Heights in proportion: every point's height above the axis is its rate times one scale.
    for (const m of all.filter((m) => m.rate === 0)) expect(m.cy).toBeCloseTo(axis, 3);
    const scales = all.filter((m) => m.rate > 0).map((m) => (axis - m.cy) / m.rate);
    expect(scales.length).toBeGreaterThan(1);
    // (SVG points are single precision.)
    for (const s of scales) expect(s).toBeCloseTo(scales[0]!, 3);
    // Told apart by colour, dash and marker alike (not by colour alone).
    expect(new Set(lines.map((l) => l.stroke)).size).toBe(lines.length);
    expect(new Set(lines.map((l) => l.dash)).size).toBe(lines.length);
    expect(new Set(lines.map((l) => `${l.marks[0]!.tag}${l.marks.length}`)).size).toBeGreaterThan(1);
    expect(await t.page.locator('.legend li').allInnerTexts()).toEqual(picked.map((g) => g.term));
    const rows = await t.page.$$eval('.trends-out tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)),
    );
    expect(rows).toEqual(
      years.map((y) => [
        y,
        ...picked.map(
          (g) => `${directRate(g.slug, y).toFixed(2)}（${directCounts().get(y)!.terms.get(g.slug)?.[0] ?? 0}）`,
        ),
      ]),
    );
    expect(await t.page.locator('.trends-out thead th').allInnerTexts()).toEqual([
      '年份',
      ...picked.map((g) => g.term),
    ]);
    expect(await t.page.inputValue('input[name=terms] >> nth=0')).toBe(names[0]);
  });

  it('names the terms it does not know in one message, and draws the rest', async () => {
    await open([used[0]!.term, '不存在的词', 'xyz']);
    await expect.poll(lineCount).toBe(1);
    const text = await status();
    expect(text.match(/术语表中没有/gu)).toHaveLength(1);
    expect(text).toContain('术语表中没有：不存在的词、xyz。');
    await open(['不存在的词']);
    await expect.poll(status).toContain('术语表中没有：不存在的词。');
    expect(await t.page.locator('svg.chart').count()).toBe(0);
  });

  it('compares the first five of more than five terms and says which were left out', async () => {
    const six = used.slice(0, 6);
    await open(six.map((g) => g.term));
    await expect.poll(lineCount).toBe(5);
    expect((await drawn()).map((l) => l.slug)).toEqual(six.slice(0, 5).map((g) => g.slug));
    const text = await status();
    expect(text).toContain('最多比较 5 个术语');
    expect(text).toContain(`未比较：${six[5]!.term}。`);
    expect(new Set((await drawn()).map((l) => l.marks[0]!.tag + l.dash)).size).toBe(5);
  });

  it('is usable by keyboard alone, keeps ?terms= in the URL, and Back and Forward redraw', async () => {
    const [a, b] = [used[0]!, used[1]!];
    await open([a.term]);
    await expect.poll(lineCount).toBe(1);
    // Tab from the top of the page to the second term box, type, and press Enter.
    await t.page.locator('body').focus();
    let name = '';
    for (let i = 0; i < 30 && name !== '术语 2'; i++) {
      await t.page.keyboard.press('Tab');
      name = await t.page.evaluate(
        () => document.activeElement?.closest('label')?.querySelector('span')?.textContent ?? '',
      );
    }
    expect(name).toBe('术语 2');
    await t.page.keyboard.type(b.term);
    await t.page.keyboard.press('Enter');
    await expect.poll(lineCount).toBe(2);
    expect(new URL(t.page.url()).searchParams.get('terms')).toBe(`${a.term},${b.term}`);
    await t.page.goBack();
    await expect.poll(lineCount).toBe(1);
    expect(new URL(t.page.url()).searchParams.get('terms')).toBe(a.term);
    expect(await t.page.inputValue('input[name=terms] >> nth=1')).toBe('');
    await t.page.goForward();
    await expect.poll(lineCount).toBe(2);
    // The legend's links are reachable and lead to the term pages.
    await t.page.locator('.legend a').first().focus();
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL(`**/glossary/${a.slug}/`);
  });

  it('takes the form as sent without the script (?terms=a&terms=b&terms=) and writes one ?terms=a,b', async () => {
    const [a, b] = [used[0]!, used[2]!];
    await t.page.goto(
      `${inject('baseUrl')}/glossary/trends/?terms=${encodeURIComponent(a.term)}&terms=&terms=${encodeURIComponent(b.term)}&terms=`,
    );
    await expect.poll(lineCount).toBe(2);
    expect(new URL(t.page.url()).search).toBe(`?terms=${encodeURIComponent(a.term)},${encodeURIComponent(b.term)}`);
  });

  it('without JavaScript shows the form and explains where the figures are', async () => {
    await open([used[0]!.term], { javaScriptEnabled: false });
    expect(await t.page.locator('input[name=terms]').count()).toBe(5);
    const nojs = t.page.locator('.nojs');
    expect(await nojs.isVisible()).toBe(true);
    expect(await nojs.innerText()).toContain('JavaScript');
    expect(await nojs.locator('a[href="/glossary/"]').count()).toBe(1);
  });

  it('passes axe (every rule) with five terms drawn, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await open(
        used.slice(0, 5).map((g) => g.term),
        { colorScheme },
      );
      await expect.poll(lineCount).toBe(5);
      const { violations } = await new AxeBuilder({ page: t.page }).analyze();
      expect(violations.map((v) => `${colorScheme}: ${v.id} (${v.nodes.length})`)).toEqual([]);
    }
  });

  it('does not scroll sideways at 320 px, even with the five longest names', async () => {
    const longest = [...glossary].sort((a, b) => b.term.length - a.term.length).slice(0, 5);
    await open(
      longest.map((g) => g.term),
      { viewport: { width: 320, height: 640 } },
    );
    await expect.poll(lineCount).toBe(5);
    const [scroll, inner] = await t.page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
    const box = (await t.page.locator('svg.chart').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  });

  it('is linked from the glossary index and loads its script and data on this page only', async () => {
    await t.page.goto(`${inject('baseUrl')}/glossary/`);
    expect(await t.page.locator('main a[href="/glossary/trends/"]').count()).toBe(1);
    const scripts: string[] = [];
    t.page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    await t.page.goto(`${inject('baseUrl')}/glossary/${used[0]!.slug}/`);
    await t.page.waitForLoadState('networkidle');
    expect(scripts.filter((p) => p.startsWith('/glossary/trends'))).toEqual([]);
  });

  it('stays far within 150 KB gzipped: page, script and data together', () => {
    const gz = (p: string) => gzipSync(readFileSync(site('dist', p)), { level: 9 }).length;
    const all = gz('glossary/trends/index.html') + gz('glossary/trends.js') + gz('glossary/trends.json');
    expect(all).toBeLessThan(150 * 1024);
    // The data is per term and year: bounded by terms × years, whatever the number of speeches.
    const json = readFileSync(site('dist/glossary/trends.json'), 'utf8');
    expect(json.length).toBeLessThan(glossary.length * (200 + 16 * years.length));
  });
});
