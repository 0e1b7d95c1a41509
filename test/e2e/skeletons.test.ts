import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { FACETS, facetSlugs, facetValues } from '../../src/lib/listing.ts';
import { listedCount } from '../../src/lib/skeleton.ts';
import type { SpeechMeta } from '../../src/schemas/generated.ts';
import { useChromium } from '../helpers/browser.ts';
import { converted } from '../helpers/site.ts';

/**
 * Issue 10 item 3, skeletons: every outline listed (and by filter), two or three side by side,
 * copied as a numbered template. Expected values come from the fixture collection's data, never
 * from how many speeches it holds. Real Chromium against the built fixture site.
 */
const base = () => inject('baseUrl');
const all = converted();
const newestFirst = [...all].sort((a, b) => a.order - b.order);
const bySlug = new Map(all.map((s) => [s.slug, s]));
// Longest outlines first: the compare tests want columns of different heights.
const longest = [...all].sort((a, b) => b.outline.length - a.outline.length);
const three = longest.slice(0, 3).map((s) => s.slug);
const two = longest.slice(0, 2).map((s) => s.slug);

const t = useChromium();

/** What a speech's listed outline must be: each heading's text, link and nesting level. */
const expectedOutline = (s: SpeechMeta) =>
  s.outline
    .slice(0, listedCount(s.outline))
    .map((o) => ({ text: o.marker + o.title, href: `/speeches/${s.slug}/#${o.id}`, level: o.depth }));
/** The plain numbered template, from the data: two full-width spaces a level below the top. */
const expectedTemplate = (s: SpeechMeta) =>
  s.outline.map((o) => '\u3000'.repeat(2 * (o.depth - 1)) + o.marker + o.title).join('\n');

/** The headings of an outline on the page: text, href and how many lists deep inside `root`. */
const outlineIn = (page: Page, root: string) =>
  page.$$eval(
    `${root} ol a`,
    (as, r) =>
      as.map((a) => {
        let level = 0;
        for (let e: Element | null = a; e && !e.matches(r); e = e.parentElement) if (e.tagName === 'OL') level++;
        return { text: a.textContent, href: a.getAttribute('href'), level };
      }),
    root,
  );

/** Slugs listed on a paged skeleton list, in order, with the page each is on (following 下一页 to the end). */
async function listed(path: string): Promise<Array<[slug: string, url: string]>> {
  const out: Array<[string, string]> = [];
  for (let url: string | null = `${base()}${path}`; url;) {
    await t.page.goto(url);
    const here = url;
    const slugs = await t.page.$$eval('li.sk', (ls) => ls.map((l) => (l as HTMLElement).dataset['slug']!));
    out.push(...slugs.map((s): [string, string] => [s, here]));
    const next = await t.page.$('.pager a[rel=next]');
    url = next ? new URL((await next.getAttribute('href'))!, url).href : null;
  }
  return out;
}
const slugsOf = (pairs: Array<[string, string]>) => pairs.map(([s]) => s);

const clipboardText = () => t.page.evaluate(() => navigator.clipboard.readText());

describe('the skeleton listing', () => {
  it('lists every speech once, newest first, with exactly its outline linked to its sections', async () => {
    const pages = await listed('/skeletons/');
    expect(slugsOf(pages)).toEqual(newestFirst.map((s) => s.slug));
    for (const [slug, url] of pages) {
      const s = bySlug.get(slug)!;
      await t.page.goto(url);
      const entry = `li.sk[data-slug="${s.slug}"]`;
      expect(await t.page.locator(`${entry} h3 a`).getAttribute('href')).toBe(`/speeches/${s.slug}/`);
      expect(await t.page.locator(`${entry} h3`).textContent()).toBe(s.title);
      expect(await outlineIn(t.page, entry)).toEqual(expectedOutline(s));
      const parts = s.outline.filter((o) => o.depth === 1).length;
      const summary = (await t.page.locator(`${entry} .sk-sum`).textContent())!;
      expect(summary.startsWith(s.outline.length ? `${parts} 部分` : '无标题')).toBe(true);
      if (s.outline.length > parts) expect(summary).toContain(`${s.outline.length - parts} 小节`);
      // Every kind of marker used is counted: the counts add up to the headings.
      const counted = [...summary.matchAll(/×(\d+)/gu)].reduce((n, m) => n + Number(m[1]), 0);
      expect(counted).toBe(s.outline.length);
    }
  });

  it('lists, per facet value, exactly the speeches that have it, and the filters link to those lists', async () => {
    await t.page.goto(`${base()}/skeletons/`);
    const links = await t.page.$$eval('nav.sk-facets a', (as) => as.map((a) => a.getAttribute('href')));
    const expectedLinks = ['/skeletons/'];
    for (const f of FACETS) {
      const values = [...new Set(all.flatMap((s) => facetValues(s, f.name)))];
      const slugs = facetSlugs(values);
      for (const v of values) {
        const path = `/skeletons/${f.name}/${slugs.get(v)}/`;
        expectedLinks.push(path);
        const expected = newestFirst.filter((s) => facetValues(s, f.name).includes(v)).map((s) => s.slug);
        expect(slugsOf(await listed(path)), `${f.name} ${v}`).toEqual(expected);
        // The last page's last entry shows the same outline as on the full list.
        const last = bySlug.get(expected.at(-1)!)!;
        expect(await outlineIn(t.page, `li.sk[data-slug="${last.slug}"]`)).toEqual(expectedOutline(last));
      }
    }
    expect([...links].sort()).toEqual([...expectedLinks].sort());
  });

  it('is linked from the home page', async () => {
    await t.page.goto(`${base()}/`);
    expect(await t.page.locator('.lede a[href="/skeletons/"]').count()).toBe(1);
  });

  it('serves each outline as a small JSON file equal to its data', async () => {
    for (const s of all) {
      const res = await fetch(`${base()}/skeletons/o/${s.slug}.json`);
      expect(res.ok).toBe(true);
      const f = (await res.json()) as { slug: string; title: string; outline: unknown[] };
      expect(f.slug).toBe(s.slug);
      expect(f.title).toBe(s.title);
      expect(f.outline).toEqual(s.outline.map((o) => [o.id, o.depth, o.marker, o.title]));
    }
  });
});

describe('comparing outlines', () => {
  it('shows exactly the requested outlines, side by side at 1280 px and stacked at 390 px', async () => {
    for (const width of [1280, 390]) {
      await t.open({ viewport: { width, height: 900 } });
      await t.page.goto(`${base()}/skeletons/compare/?s=${three.join(',')}`);
      await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(3);
      expect(await t.page.locator('.nojs').isVisible()).toBe(false);
      const boxes = [];
      for (const [i, slug] of three.entries()) {
        const col = `.cmp-col:nth-child(${i + 1})`;
        const s = bySlug.get(slug)!;
        expect(await t.page.locator(`${col} h2`).textContent()).toBe(s.title);
        expect(await t.page.locator(`${col} h2 a`).getAttribute('href')).toBe(`/speeches/${slug}/`);
        expect(await outlineIn(t.page, col)).toEqual(expectedOutline(s));
        boxes.push((await t.page.locator(col).boundingBox())!);
      }
      const xs = new Set(boxes.map((b) => Math.round(b.x)));
      if (width === 1280) {
        expect(xs.size).toBe(3);
        expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(1);
      } else {
        expect(xs.size).toBe(1);
        for (let i = 1; i < boxes.length; i++)
          expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
      }
    }
  });

  it('accepts repeated s= as the form sends them and keeps one shareable address', async () => {
    await t.page.goto(`${base()}/skeletons/compare/?s=${two[0]}&s=${two[1]}`);
    await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(2);
    expect(new URL(t.page.url()).search).toBe(`?s=${two.join(',')}`);
    expect(await t.page.$$eval('.cmp-col h2', (hs) => hs.map((h) => h.textContent))).toEqual(
      two.map((s) => bySlug.get(s)!.title),
    );
    // 移出对比 leads to the comparison without that speech.
    expect(await t.page.locator('.cmp-col:nth-child(1) a', { hasText: '移出对比' }).getAttribute('href')).toBe(
      `/skeletons/compare/?s=${two[1]}`,
    );
  });

  it('says what it left out: more than three, or a slug that is not a speech', async () => {
    const slugs = newestFirst.map((s) => s.slug);
    await t.page.goto(`${base()}/skeletons/compare/?s=${[...slugs.slice(0, 2), 'no-such-speech'].join(',')}`);
    await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(2);
    expect(await t.page.locator('.cmp-status').textContent()).toContain('没有找到：no-such-speech');
    if (slugs.length > 3) {
      await t.page.goto(`${base()}/skeletons/compare/?s=${slugs.slice(0, 4).join(',')}`);
      await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(3);
      expect(await t.page.locator('.cmp-status').textContent()).toContain('只显示前 3 篇');
    }
  });

  it('is reached from the listing by checkboxes, with JavaScript and without', async () => {
    await t.page.goto(`${base()}/skeletons/`);
    for (const slug of two) await t.page.locator(`li.sk[data-slug="${slug}"] input[type=checkbox]`).check();
    await t.page.locator('.sk-bar button[type=submit]').click();
    await t.page.waitForURL(/compare/u);
    expect(new URL(t.page.url()).search).toBe(`?s=${two.join(',')}`);
    await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(2);

    const noJs = await t.browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${base()}/skeletons/`);
    // Without JS the outlines are all there and the form submits plain repeated s= params.
    expect(await page.locator('li.sk').count()).toBeGreaterThan(0);
    expect(await page.locator('.sk-copy').first().isVisible()).toBe(false);
    for (const slug of two) await page.locator(`li.sk[data-slug="${slug}"] input[type=checkbox]`).check();
    await page.locator('.sk-bar button[type=submit]').click();
    await page.waitForURL(/compare/u);
    expect(new URL(page.url()).searchParams.getAll('s')).toEqual(two);
    expect(await page.locator('.nojs').isVisible()).toBe(true);
    expect(await page.locator('.nojs').textContent()).toContain('需要 JavaScript');
    await noJs.close();
  });

  it('allows three at most on the listing, and says so', async () => {
    const slugs = newestFirst.map((s) => s.slug);
    if (slugs.length < 4) return;
    await t.page.goto(`${base()}/skeletons/`);
    for (const slug of slugs.slice(0, 4)) await t.page.locator(`li.sk[data-slug="${slug}"] input`).click();
    expect(await t.page.locator(`li.sk[data-slug="${slugs[3]}"] input`).isChecked()).toBe(false);
    expect(await t.page.locator('.sk-status').textContent()).toContain('最多对比 3 篇');
  });
});

describe('copying an outline as a template', () => {
  it('copies exactly the numbered template from the listing, for every speech', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    for (const [slug, url] of await listed('/skeletons/')) {
      const s = bySlug.get(slug)!;
      await t.page.goto(url);
      await t.page.evaluate(() => navigator.clipboard.writeText(''));
      await t.page.locator(`li.sk[data-slug="${s.slug}"] .sk-copy`).click();
      await expect.poll(clipboardText).toBe(expectedTemplate(s));
      expect(await t.page.locator('.sk-status').textContent()).toContain(`已复制《${s.title}》`);
    }
  });

  it('copies exactly the template from each column of the compare page', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(`${base()}/skeletons/compare/?s=${three.join(',')}`);
    await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(3);
    for (const [i, slug] of three.entries()) {
      await t.page.evaluate(() => navigator.clipboard.writeText(''));
      await t.page.locator(`.cmp-col:nth-child(${i + 1}) button`, { hasText: '复制为模板' }).click();
      await expect.poll(clipboardText).toBe(expectedTemplate(bySlug.get(slug)!));
    }
  });
});

describe('access', () => {
  it('passes axe (every rule) on the listing, a filtered list and the compare page, light and dark', async () => {
    const level = all.find((s) => s.level)!.level!;
    const filtered = `/skeletons/level/${facetSlugs(all.flatMap((s) => facetValues(s, 'level'))).get(level)}/`;
    for (const colorScheme of ['light', 'dark'] as const) {
      await t.open({ colorScheme });
      for (const path of ['/skeletons/', filtered, `/skeletons/compare/?s=${three.join(',')}`]) {
        await t.page.goto(`${base()}${path}`);
        if (path.includes('compare')) await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(3);
        const { violations } = await new AxeBuilder({ page: t.page }).analyze();
        expect(violations.map((v) => `${colorScheme} ${path}: ${v.id}`)).toEqual([]);
      }
    }
  });

  it('never scrolls sideways at 320 px', async () => {
    await t.open({ viewport: { width: 320, height: 700 } });
    for (const path of ['/skeletons/', `/skeletons/compare/?s=${three.join(',')}`]) {
      await t.page.goto(`${base()}${path}`);
      if (path.includes('compare')) await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(3);
      const [scroll, inner] = await t.page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
      expect(scroll, path).toBeLessThanOrEqual(inner);
    }
  });

  it('is usable by keyboard: Tab reaches every checkbox, copy button and the submit; Space and Enter work', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(`${base()}/skeletons/`);
    const entries = await t.page.locator('li.sk').count();
    const reached: string[] = [];
    const describe = () =>
      t.page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const slug = e.closest<HTMLElement>('li.sk')?.dataset['slug'] ?? '';
        if (e.matches('input[type=checkbox]')) return `box ${slug}`;
        if (e.matches('.sk-copy')) return `copy ${slug}`;
        if (e.matches('button[type=submit]')) return 'submit';
        return '';
      });
    const [first, second] = newestFirst;
    for (let i = 0; i < 2000 && !reached.includes('submit'); i++) {
      await t.page.keyboard.press('Tab');
      const what = await describe();
      reached.push(what);
      // Choose the first two speeches by Space, copy the first by Enter, on the way.
      if (what === `box ${first!.slug}` || what === `box ${second!.slug}`) await t.page.keyboard.press('Space');
      if (what === `copy ${first!.slug}`) {
        await t.page.keyboard.press('Enter');
        await expect.poll(clipboardText).toBe(expectedTemplate(first!));
      }
    }
    expect(reached.filter((r) => r.startsWith('box ')).length).toBe(entries);
    expect(reached.filter((r) => r.startsWith('copy ')).length).toBe(entries);
    expect(reached).toContain('submit');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL(/compare/u);
    expect(new URL(t.page.url()).search).toBe(`?s=${first!.slug},${second!.slug}`);
    await expect.poll(() => t.page.locator('.cmp-col').count()).toBe(2);
    await t.page.locator('.cmp-col:nth-child(2) button').focus();
    await t.page.keyboard.press('Enter');
    await expect.poll(clipboardText).toBe(expectedTemplate(second!));
  });
});
