import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { blocksOf, bySource, converted } from '../helpers/site.ts';

/** Real-Chromium behaviour of speech pages: outline, links, landing, phones, no-JS, a11y, print. */
const s = bySource('002_918ec13683767ab1.txt');
const base = () => inject('baseUrl');
const url = () => `${base()}/speeches/${s.slug}/`;

const t = useChromium();

const current = () => t.page.$$eval('.toc a[aria-current]', (as) => as.map((a) => a.getAttribute('href')));

describe('outline', () => {
  it('highlights the section being read as the reader scrolls', async () => {
    await t.page.goto(url());
    expect(await current()).toEqual([]);
    for (const id of ['s1', 's2', 's2-3', 's3-1']) {
      await t.page.locator(`#${id}`).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await expect.poll(current).toEqual([`#${id}`]);
    }
    // Back up to the top: nothing is current before the first heading.
    await t.page.evaluate(() => scrollTo(0, 0));
    await expect.poll(current).toEqual([]);
  });

  it('stays in view (sticky) on wide screens while the text scrolls', async () => {
    await t.page.goto(url());
    await t.page.locator('#s3-3').evaluate((h) => h.scrollIntoView());
    const box = await t.page.locator('.toc details').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(200);
  });

  it('is folded on phones and opens from its summary', async () => {
    await t.page.setViewportSize({ width: 390, height: 800 });
    await t.page.goto(url());
    const details = t.page.locator('.toc details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await t.page.locator('.toc summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => t.page.locator('.toc a[href="#s2-3"]').isVisible()).toBe(true);
  });
});

describe('links', () => {
  it('opening #s2-3 lands on that heading, below the sticky header', async () => {
    await t.page.goto(`${url()}#s2-3`);
    const header = await t.page.locator('header.site').boundingBox();
    const heading = await t.page.locator('#s2-3').boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    expect(heading!.y).toBeLessThan(header!.y + header!.height + 48);
    expect(await t.page.locator('#s2-3').textContent()).toContain(s.outline.find((o) => o.id === 's2-3')!.title);
  });

  it('a paragraph link lands below the header too', async () => {
    await t.page.goto(`${url()}#p12`);
    const header = await t.page.locator('header.site').boundingBox();
    const p = await t.page.locator('#p12').boundingBox();
    expect(p!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    expect(p!.y).toBeLessThan(header!.y + header!.height + 48);
  });

  it('the copy-link control copies the full URL of the paragraph, by mouse and by keyboard', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(url());
    await t.page.locator('#p5 > a.pl').click();
    await expect.poll(() => t.page.evaluate(() => navigator.clipboard.readText())).toBe(`${url()}#p5`);
    expect(new URL(t.page.url()).hash).toBe('#p5');
    await expect.poll(() => t.page.locator('.toast output').textContent()).toBe('已复制链接');

    await t.page.locator('#s2-3 > a.pl').focus();
    await t.page.keyboard.press('Enter');
    await expect.poll(() => t.page.evaluate(() => navigator.clipboard.readText())).toBe(`${url()}#s2-3`);
  });

  it('copy-link controls are reachable with Tab and have an accessible name', async () => {
    await t.page.goto(url());
    const names = await t.page.$$eval('article a.pl', (as) => as.map((a) => a.getAttribute('aria-label')));
    expect(names.length).toBe(s.counts.paragraphs + s.counts.headings);
    expect(new Set(names)).toEqual(new Set(['链接']));
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await t.page.keyboard.press('Tab');
      reached = await t.page.evaluate(() => document.activeElement?.matches('article a.pl') ?? false);
    }
    expect(reached).toBe(true);
  });
});

describe('faithful text', () => {
  it('copying a paragraph yields exactly the speech words, without link labels', async () => {
    await t.page.goto(url());
    const blocks = new Map(blocksOf(s.source.file).map((b) => [b.id, b.text]));
    for (const id of ['p3', 'p7', 's2-3', `p${s.counts.paragraphs}`]) {
      const copied = await t.page.locator(`#${id}`).evaluate((p) => {
        const range = document.createRange();
        range.selectNodeContents(p);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return sel.toString();
      });
      expect(copied).toBe(blocks.get(id));
    }
  });
});

describe('reading without JavaScript', () => {
  it('shows the whole text and the outline, and links still work', async () => {
    const noJs = await t.browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${url()}#s3`);
    expect(await p.locator('article .text > p').count()).toBe(s.counts.paragraphs);
    expect(await p.locator('.toc a[href^="#s"]').count()).toBe(s.outline.length);
    expect(await p.locator('.toc a[href="#s3"]').isVisible()).toBe(true);
    expect(await p.locator('#s3').isVisible()).toBe(true);
    await noJs.close();
  });
});

describe('home', () => {
  it('browses the collection by year, level, occasion and theme, each value a static page with its count', async () => {
    const all = [...converted()].sort((a, b) => a.order - b.order);
    await t.page.goto(`${base()}/`);
    const byLevel = all.filter((x) => x.level === '市');
    const level = t.page.locator('.facets a', { hasText: /^市（/u });
    expect(await level.textContent()).toBe(`市（${byLevel.length}）`);
    await level.click();
    await t.page.waitForURL(/\/browse\/level\/shi\/$/u);
    const listed = () => t.page.$$eval('ol.speeches > li > a', (as) => as.map((a) => a.getAttribute('href')));
    expect(await listed()).toEqual(byLevel.map((x) => `/speeches/${x.slug}/`));
    const theme = all[0]!.themes[0]!;
    await t.page.goto(`${base()}/`);
    await t.page.locator('.facets a', { hasText: new RegExp(`^${theme}（`, 'u') }).click();
    expect(await listed()).toEqual(all.filter((x) => x.themes.includes(theme)).map((x) => `/speeches/${x.slug}/`));
    const year = String(all[0]!.date.year);
    await t.page.goto(`${base()}/browse/year/${year}/`);
    expect(await listed()).toEqual(all.filter((x) => String(x.date.year) === year).map((x) => `/speeches/${x.slug}/`));
  });
});

describe('a page that does not exist', () => {
  it('answers 404 with a page of our own, in Chinese, leading back', async () => {
    const r = await t.page.goto(`${base()}/speeches/no-such-speech/`);
    expect(r?.status()).toBe(404);
    expect(await t.page.locator('h1').textContent()).toBe('找不到此页');
    expect(await t.page.locator('main a[href="/search/"]').count()).toBe(1);
  });
});

describe('every page', () => {
  it('declares lang="zh-CN" and passes axe with no serious or critical violations', async () => {
    const paths = ['/', '/browse/level/xian/', '/no-such-page/', ...converted().map((x) => `/speeches/${x.slug}/`)];
    for (const path of paths) {
      await t.page.goto(`${base()}${path}`);
      expect(await t.page.getAttribute('html', 'lang')).toBe('zh-CN');
      const { violations } = await new AxeBuilder({ page: t.page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${path}: ${v.id}`)).toEqual([]);
    }
  });

  it('prints without navigation and keeps section numbers and ids', async () => {
    await t.page.goto(url());
    await t.page.emulateMedia({ media: 'print' });
    expect(await t.page.locator('.toc').isVisible()).toBe(false);
    expect(await t.page.locator('header.site').isVisible()).toBe(false);
    const after = await t.page.locator('#s2-3').evaluate((h) => getComputedStyle(h, '::after').content);
    expect(after).toContain('s2-3');
    expect(await t.page.locator('#s2-3').textContent()).toMatch(/^（三）/u);
  });
});
