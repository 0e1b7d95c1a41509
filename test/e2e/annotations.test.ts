import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { loadGlossary, TermMatcher } from '../../src/annotate/glossary.ts';
import { blocksOf, bySource, site } from '../helpers/site.ts';

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

  it('stays open while the pointer crosses into it, so its text can be selected, and links to the term page', async () => {
    await open();
    const term = t.page.locator(TERM).first();
    await term.hover();
    await expect.poll(tipOpen).toBe(true);
    const card = (await tip().boundingBox())!;
    // Across the gap between the term and the card, as a hand moves a mouse; then linger.
    await t.page.mouse.move(card.x + 12, card.y + card.height / 2, { steps: 8 });
    await t.page.waitForTimeout(700);
    expect(await tipOpen()).toBe(true);
    // Select the definition by dragging across it: the press does not close the card.
    const def = (await tip().locator('#gloss-d').boundingBox())!;
    await t.page.mouse.move(def.x + 1, def.y + 8);
    await t.page.mouse.down();
    await t.page.mouse.move(def.x + def.width - 2, def.y + def.height - 6, { steps: 6 });
    await t.page.mouse.up();
    expect(await tipOpen()).toBe(true);
    const selected = await t.page.evaluate(() => getSelection()!.toString());
    expect(selected.length).toBeGreaterThan(10);
    expect(await tip().locator('#gloss-d').textContent()).toContain(selected.trim().slice(0, 10));
    const link = tip().getByRole('link', { name: '查看词条' });
    expect(await link.getAttribute('href')).toBe('/glossary/si-feng/');
    // Leaving the card for elsewhere closes it; clicking its link opens the term page.
    await t.page.mouse.move(5, 790);
    await expect.poll(tipOpen).toBe(false);
    await term.hover();
    await expect.poll(tipOpen).toBe(true);
    const go = (await link.boundingBox())!;
    await t.page.mouse.move(go.x + go.width / 2, go.y + go.height / 2, { steps: 8 });
    await link.click();
    await t.page.waitForURL('**/glossary/si-feng/');
  });

  it('opens on keyboard focus, describes the link, closes with Escape, and keeps Tab in the text', async () => {
    await open();
    const term = t.page.locator(TERM).first();
    await term.focus();
    await expect.poll(tipOpen).toBe(true);
    expect(await term.getAttribute('aria-describedby')).toBe('gloss-d');
    expect(await t.page.locator('#gloss-d').textContent()).toContain('形式主义、官僚主义、享乐主义和奢靡之风');
    await t.page.keyboard.press('Escape');
    await expect.poll(tipOpen).toBe(false);
    expect(await term.getAttribute('aria-describedby')).toBeNull();
    expect(await term.evaluate((a) => a === document.activeElement)).toBe(true);
    // Tab goes on to the next control of the text, not into the card, which closes.
    await term.blur();
    await term.focus();
    await expect.poll(tipOpen).toBe(true);
    const next = await term.evaluate((a) => {
      const all = [...document.querySelectorAll('article a[href]')];
      return all[all.indexOf(a) + 1]!.outerHTML;
    });
    await t.page.keyboard.press('Tab');
    expect(await t.page.evaluate(() => document.activeElement!.outerHTML)).toBe(next);
    expect(await t.page.evaluate(() => document.activeElement!.closest('#gloss'))).toBeNull();
    if (!next.includes('href="/glossary/')) await expect.poll(tipOpen).toBe(false);
  });

  it('on touch, a first tap shows the definition, a link and how to open the term; a second tap follows', async () => {
    await open({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const term = t.page.locator(TERM).first();
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    await expect.poll(tipOpen).toBe(true);
    expect(new URL(t.page.url()).pathname).toBe(`/speeches/${s.slug}/`);
    expect(await tip().getByRole('link', { name: '查看词条' }).getAttribute('href')).toBe('/glossary/si-feng/');
    expect(await tip().locator('.go').textContent()).toContain('再点一次“四风”也可打开');
    // A tap inside the card (to read or select) leaves it open.
    await tip().locator('#gloss-d').tap();
    await t.page.waitForTimeout(400);
    expect(await tipOpen()).toBe(true);
    await term.tap();
    await t.page.waitForURL('**/glossary/si-feng/');
  });

  it("on touch, the card's link opens the term page, and a tap elsewhere closes the card", async () => {
    await open({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const term = t.page.locator(TERM).first();
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    await expect.poll(tipOpen).toBe(true);
    await t.page.locator('article header .meta').tap();
    await expect.poll(tipOpen).toBe(false);
    await term.tap();
    await expect.poll(tipOpen).toBe(true);
    await tip().getByRole('link', { name: '查看词条' }).tap();
    await t.page.waitForURL('**/glossary/si-feng/');
  });

  it('sits inside a landmark and passes axe, every rule, while open, in light and dark, by mouse and touch', async () => {
    const phone = { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } };
    for (const [how, colorScheme] of [
      ['mouse', 'light'],
      ['mouse', 'dark'],
      ['touch', 'dark'],
    ] as const) {
      await open({ colorScheme, ...(how === 'touch' ? phone : {}) });
      const term = t.page.locator(TERM).first();
      if (how === 'touch') {
        await term.scrollIntoViewIfNeeded();
        await term.tap();
      } else await term.hover();
      await expect.poll(tipOpen).toBe(true);
      expect(await tip().evaluate((el) => el.closest('main') !== null && el.closest('article') === null)).toBe(true);
      const { violations } = await new AxeBuilder({ page: t.page }).analyze();
      expect(violations.map((v) => `${how}, ${colorScheme}: ${v.id} (${v.impact})`)).toEqual([]);
    }
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

describe('keyboard travel', () => {
  it('stops on a term once per section, so Tab presses grow with the text, not with repetitions', async () => {
    await open();
    // Record every focus stop inside the text: its link and the section (top-level heading) it is in.
    await t.page.evaluate(() => {
      const w = window as unknown as { stops: Array<[number, string]> };
      w.stops = [];
      addEventListener('focusin', (e) => {
        const block = (e.target as Element).closest('article .text > *');
        if (!block) return;
        const section = [...block.parentElement!.children]
          .slice(0, [...block.parentElement!.children].indexOf(block) + 1)
          .filter((el) => el.tagName === 'H2').length;
        w.stops.push([section, (e.target as Element).getAttribute('href') ?? '']);
      });
    });
    const inText = () => t.page.evaluate(() => document.activeElement?.closest('article .text') != null);
    let entered = false;
    for (let i = 0; i < 600; i++) {
      await t.page.keyboard.press('Tab');
      if (await inText()) entered = true;
      else if (entered) break;
    }
    const stops = await t.page.evaluate(() => (window as unknown as { stops: Array<[number, string]> }).stops);
    // Every link of the text is one stop, in order.
    expect(stops.map((x) => x[1])).toEqual(
      await t.page.$$eval('article .text a[href]', (as) => as.map((a) => a.getAttribute('href'))),
    );
    const terms = stops.filter(([, href]) => href.startsWith('/glossary/')).map(([sec, href]) => `${sec} ${href}`);
    expect(terms.length).toBeGreaterThan(5);
    // No term twice in one section, though the speech repeats its terms.
    expect(new Set(terms).size).toBe(terms.length);
    const sections = new Set(terms.map((x) => x.split(' ')[0]));
    expect(sections.size).toBeGreaterThan(2);
    const glossary = loadGlossary(site('content/glossary.yaml'));
    const uses = blocksOf(s.source.file).reduce((n, b) => n + new TermMatcher(glossary).find(b.text).length, 0);
    expect(terms.length).toBeLessThan(uses);
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
  it('show keyword-in-context lines that read in order at every width, without sideways scrolling', async () => {
    for (const width of [320, 390, 600, 768, 1280]) {
      await open({ viewport: { width, height: 800 } });
      for (const path of ['/glossary/', '/glossary/liu-wen/', '/glossary/si-feng/']) {
        await t.page.goto(`${inject('baseUrl')}${path}`);
        const [scroll, inner] = await t.page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
        expect(scroll, `${path} at ${width} px`).toBeLessThanOrEqual(inner);
        if (path === '/glossary/') continue;
        expect(await t.page.locator('.kwic a').count()).toBeGreaterThan(2);
        // Each character of a line comes after the one before: to its right on the same line, or
        // on a line below. A row that wrapped the left context, the keyword and the right context
        // in three columns of their own reads 1 3 5 / 2 4 6.
        const disorder = await t.page.$$eval('.kwic a', (as) =>
          as.flatMap((a) => {
            const rects: DOMRect[] = [];
            const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              for (let i = 0; i < n.textContent!.length; i++) {
                const r = document.createRange();
                r.setStart(n, i);
                r.setEnd(n, i + 1);
                rects.push(r.getBoundingClientRect());
              }
            }
            const wrong = rects.findIndex((r, i) => {
              const p = rects[i - 1];
              if (!p) return false;
              const sameLine = Math.abs(r.top - p.top) < p.height / 2;
              return sameLine ? r.left < p.right - 1 : r.top < p.bottom - 1;
            });
            return wrong < 0 ? [] : [`${a.textContent} (character ${wrong})`];
          }),
        );
        expect(disorder, `${path} at ${width} px`).toEqual([]);
      }
    }
  });

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
