import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from '../helpers/browser.ts';
import { blocksOf, bySource } from '../helpers/speeches.ts';

/** Glossary popover and editorial notes in real Chromium. */
const s = bySource('003_e3fdc6f72dd66975.txt');
const url = () => `${inject('baseUrl')}/speeches/${s.slug}/`;
const TERM = '.text a[href="/glossary/si-feng/"]';

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
afterEach(() => context.close());
async function open(options: Parameters<Browser['newContext']>[0] = {}) {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  page = await context.newPage();
  await page.goto(url());
}
const tip = () => page.locator('#gloss');
const tipOpen = () => page.evaluate(() => document.querySelector('#gloss')?.matches(':popover-open') ?? false);

describe('glossary popover', () => {
  it('opens on hover with the definition, outside the paragraph, and closes when the pointer leaves', async () => {
    await open();
    const term = page.locator(TERM).first();
    const paragraph = await term.evaluate((a) => a.closest('p')!.textContent);
    await term.hover();
    await expect.poll(tipOpen).toBe(true);
    expect(await tip().textContent()).toContain('形式主义、官僚主义、享乐主义和奢靡之风');
    expect(await term.evaluate((a) => a.closest('p')!.textContent)).toBe(paragraph);
    expect(await tip().evaluate((t) => t.closest('article'))).toBeNull();
    await page.mouse.move(5, 790);
    await expect.poll(tipOpen).toBe(false);
  });

  it('opens on keyboard focus, describes the link, and closes with Escape', async () => {
    await open();
    await page.locator(TERM).first().focus();
    await expect.poll(tipOpen).toBe(true);
    expect(await page.locator(TERM).first().getAttribute('aria-describedby')).toBe('gloss');
    expect(await tip().getAttribute('role')).toBe('tooltip');
    await page.keyboard.press('Escape');
    await expect.poll(tipOpen).toBe(false);
    expect(await page.locator(TERM).first().getAttribute('aria-describedby')).toBeNull();
  });

  it('on touch, a first tap shows the definition and a second follows the link', async () => {
    await open({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const term = page.locator(TERM).first();
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    await expect.poll(tipOpen).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/speeches/${s.slug}/`);
    await term.tap();
    await page.waitForURL('**/glossary/si-feng/');
  });

  it('loads no popover code until a term is used', async () => {
    context = await browser.newContext();
    page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(url());
    await page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.startsWith('/glossary/'))).toEqual([]);
    await page.locator(TERM).first().hover();
    await expect.poll(() => requests).toEqual(expect.arrayContaining(['/glossary/popover.js', '/glossary/terms.json']));
  });
});

describe('editorial notes', () => {
  it('marks the quote, links to the note (#note-3) and back, beside the text on wide screens', async () => {
    await open({ viewport: { width: 1440, height: 900 } });
    const ref = page.locator('#nr3');
    expect(await ref.getAttribute('href')).toBe('#note-3');
    await ref.click();
    expect(new URL(page.url()).hash).toBe('#note-3');
    const note = page.locator('#note-3');
    expect(await note.isVisible()).toBe(true);
    const [text, margin] = [await page.locator('article .text > p').first().boundingBox(), await note.boundingBox()];
    expect(margin!.x).toBeGreaterThan(text!.x + text!.width);
    await note.locator('a').click();
    expect(new URL(page.url()).hash).toBe('#nr3');
  });

  it('shows notes after their paragraph (footnote style) on phones', async () => {
    await open({ viewport: { width: 390, height: 800 } });
    const note = await page.locator('#note-3').boundingBox();
    const para = await page
      .locator('#note-3')
      .evaluate((n) => n.parentElement!.previousElementSibling!.getBoundingClientRect().bottom);
    expect(note!.y).toBeGreaterThanOrEqual(para);
  });

  it('keeps note text out of a copied paragraph and out of the search index', async () => {
    await open();
    const ref = page.locator('#nr3');
    const copied = await ref.evaluate((a) => {
      const p = a.closest('p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    // Exactly the speech's words: no note number, no note text, no link labels.
    const id = await ref.evaluate((a) => a.closest('p')!.id);
    expect(copied).toBe(blocksOf(s.source.file).find((b) => b.id === id)!.text);
    // A phrase that occurs only in a note body is not in the index.
    expect(await page.locator('.pn').filter({ hasText: '陕西用语' }).count()).toBeGreaterThan(0);
    await page.addScriptTag({
      type: 'module',
      content:
        "import('/pagefind/pagefind.js').then(async (pf) => { await pf.init(); const r = await pf.search('陕西用语');" +
        ' const d = await Promise.all(r.results.map((x) => x.data()));' +
        " window.hits = d.filter((f) => f.content.includes('陕西用语')).length; })",
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { hits?: number }).hits)).toBe(0);
  });
});

describe('glossary pages', () => {
  it('pass axe with no serious or critical violations', async () => {
    await open();
    for (const path of ['/glossary/', '/glossary/liu-wen/', '/glossary/si-feng/', '/search/?q=六稳']) {
      await page.goto(`${inject('baseUrl')}${path}`);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id}`),
      ).toEqual([]);
    }
  });
});
