import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { blocksOf, bySource } from '../helpers/site.ts';

/** Glossary popover and editorial notes in real Chromium. */
const s = bySource('003_e3fdc6f72dd66975.txt');
const url = () => `${inject('baseUrl')}/speeches/${s.slug}/`;
const TERM = '.text a[href="/glossary/si-feng/"]';

const t = useChromium();
async function open(options: BrowserContextOptions = {}) {
  await (await t.open(options)).goto(url());
}
const tip = () => t.page.locator('#gloss');
const tipOpen = () => t.page.evaluate(() => document.querySelector('#gloss')?.matches(':popover-open') ?? false);

describe('glossary popover', () => {
  it('opens on hover with the definition, outside the paragraph, and closes when the pointer leaves', async () => {
    await open();
    const term = t.page.locator(TERM).first();
    const paragraph = await term.evaluate((a) => a.closest('p')!.textContent);
    await term.hover();
    await expect.poll(tipOpen).toBe(true);
    expect(await tip().textContent()).toContain('形式主义、官僚主义、享乐主义和奢靡之风');
    expect(await term.evaluate((a) => a.closest('p')!.textContent)).toBe(paragraph);
    expect(await tip().evaluate((t) => t.closest('article'))).toBeNull();
    await t.page.mouse.move(5, 790);
    await expect.poll(tipOpen).toBe(false);
  });

  it('opens on keyboard focus, describes the link, and closes with Escape', async () => {
    await open();
    await t.page.locator(TERM).first().focus();
    await expect.poll(tipOpen).toBe(true);
    expect(await t.page.locator(TERM).first().getAttribute('aria-describedby')).toBe('gloss');
    expect(await tip().getAttribute('role')).toBe('tooltip');
    await t.page.keyboard.press('Escape');
    await expect.poll(tipOpen).toBe(false);
    expect(await t.page.locator(TERM).first().getAttribute('aria-describedby')).toBeNull();
  });

  it('on touch, a first tap shows the definition and a second follows the link', async () => {
    await open({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const term = t.page.locator(TERM).first();
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    await expect.poll(tipOpen).toBe(true);
    expect(new URL(t.page.url()).pathname).toBe(`/speeches/${s.slug}/`);
    await term.tap();
    await t.page.waitForURL('**/glossary/si-feng/');
  });

  it('loads no popover code until a term is used', async () => {
    await t.open();
    const requests: string[] = [];
    t.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await t.page.goto(url());
    await t.page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.startsWith('/glossary/'))).toEqual([]);
    await t.page.locator(TERM).first().hover();
    await expect.poll(() => requests).toEqual(expect.arrayContaining(['/glossary/popover.js', '/glossary/terms.json']));
  });
});

describe('editorial notes', () => {
  it('marks the quote, links to the note (#note-3) and back, beside the text on wide screens', async () => {
    await open({ viewport: { width: 1440, height: 900 } });
    const ref = t.page.locator('#nr3');
    expect(await ref.getAttribute('href')).toBe('#note-3');
    await ref.click();
    expect(new URL(t.page.url()).hash).toBe('#note-3');
    const note = t.page.locator('#note-3');
    expect(await note.isVisible()).toBe(true);
    const [text, margin] = [await t.page.locator('article .text > p').first().boundingBox(), await note.boundingBox()];
    expect(margin!.x).toBeGreaterThan(text!.x + text!.width);
    await note.locator('a').click();
    expect(new URL(t.page.url()).hash).toBe('#nr3');
  });

  it('shows notes after their paragraph (footnote style) on phones', async () => {
    await open({ viewport: { width: 390, height: 800 } });
    const note = await t.page.locator('#note-3').boundingBox();
    const para = await t.page
      .locator('#note-3')
      .evaluate((n) => n.parentElement!.previousElementSibling!.getBoundingClientRect().bottom);
    expect(note!.y).toBeGreaterThanOrEqual(para);
  });

  it('keeps note text out of a copied paragraph and out of the search index', async () => {
    await open();
    const ref = t.page.locator('#nr3');
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
    expect(await t.page.locator('.pn').filter({ hasText: '陕西用语' }).count()).toBeGreaterThan(0);
    await t.page.addScriptTag({
      type: 'module',
      content:
        "import('/search/ui.js').then(async (m) => { const r = await m.search('陕西用语', { limit: Infinity });" +
        ' window.hits = r.pages.length + r.unverified; })',
    });
    await expect.poll(() => t.page.evaluate(() => (window as unknown as { hits?: number }).hits)).toBe(0);
  });
});

describe('glossary pages', () => {
  it('pass axe with no serious or critical violations', async () => {
    await open();
    for (const path of ['/glossary/', '/glossary/liu-wen/', '/glossary/si-feng/', '/search/?q=六稳']) {
      await t.page.goto(`${inject('baseUrl')}${path}`);
      expect(await t.page.getAttribute('html', 'lang')).toBe('zh-CN');
      const { violations } = await new AxeBuilder({ page: t.page }).analyze();
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id}`),
      ).toEqual([]);
    }
  });
});
