import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { expected, oracleTerms } from '../helpers/oracle.ts';
import { bySource } from '../helpers/site.ts';

/** Search in real Chromium against the built site: precision, recall, landing, keyboard, URL. */
const base = () => inject('baseUrl');
const queries = readFileSync('test/fixtures/search/queries.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));

const t = useChromium();

interface Got {
  slug: string;
  sections: string[];
}
/** Run queries through the site's own search module, loaded as the page loads it. */
async function searchAll(qs: string[]): Promise<Got[][]> {
  await t.page.goto(`${base()}/search/`);
  await t.page.addScriptTag({
    type: 'module',
    content: "import('/search/ui.js').then((m) => { window.yanluSearch = m; })",
  });
  await t.page.waitForFunction(() => 'yanluSearch' in window);
  return t.page.evaluate(async (list) => {
    const ui = (window as unknown as { yanluSearch: typeof import('../../src/search/ui.ts') }).yanluSearch;
    const out: Got[][] = [];
    for (const q of list) {
      const { pages } = await ui.search(q, { limit: Infinity });
      out.push(pages.map((p) => ({ slug: p.url.split('/')[2]!, sections: p.sections.map((s) => s.id) })));
    }
    return out;
  }, qs);
}

describe('query set', () => {
  it(`has at least 50 queries of every kind`, () => {
    expect(queries.length).toBeGreaterThanOrEqual(50);
    expect(queries.filter((q) => oracleTerms(q).length > 1).length).toBeGreaterThanOrEqual(5);
    expect(queries.filter((q) => [...q].length === 1).length).toBeGreaterThanOrEqual(2);
    expect(queries.filter((q) => expected(q).length === 0).length).toBeGreaterThanOrEqual(3);
  });

  it('finds every speech that contains the query, nothing else, and links every passage where it occurs', async () => {
    const got = await searchAll(queries);
    let results = 0;
    let correct = 0;
    let relevant = 0;
    let found = 0;
    let links = 0;
    let rightLinks = 0;
    const failures: string[] = [];
    queries.forEach((q, i) => {
      const want = expected(q);
      const have = got[i]!;
      results += have.length;
      relevant += want.length;
      for (const h of have) {
        const w = want.find((x) => x.slug === h.slug);
        if (w) correct++;
        links += h.sections.length;
        rightLinks += h.sections.filter((s) => w?.sections.includes(s)).length;
      }
      found += want.filter((w) => have.some((h) => h.slug === w.slug)).length;
      const norm = (xs: Got[]) => [...xs].sort((a, b) => a.slug.localeCompare(b.slug));
      if (JSON.stringify(norm(have)) !== JSON.stringify(norm(want))) failures.push(q);
    });
    console.log(
      `search: ${queries.length} queries; precision ${correct}/${results}, recall ${found}/${relevant}, ` +
        `section links ${rightLinks}/${links}`,
    );
    expect(failures).toEqual([]);
    expect(correct).toBe(results);
    expect(found).toBe(relevant);
    expect(rightLinks).toBe(links);
  });
});

describe('verification on demand', () => {
  it('stops at the limit, reports what is left, and finds the rest when asked', async () => {
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('廉政')}`);
    await t.page.addScriptTag({
      type: 'module',
      content: "import('/search/ui.js').then((m) => { window.yanluSearch = m; })",
    });
    await t.page.waitForFunction(() => 'yanluSearch' in window);
    const [few, all] = await t.page.evaluate(async () => {
      const ui = (window as unknown as { yanluSearch: typeof import('../../src/search/ui.ts') }).yanluSearch;
      const a = await ui.search('廉政', { limit: 1 });
      const b = await ui.search('廉政', { limit: Infinity });
      return [
        { pages: a.pages.length, unverified: a.unverified },
        { pages: b.pages.length, unverified: b.unverified },
      ];
    });
    expect(few.pages).toBeGreaterThanOrEqual(1);
    expect(few.unverified).toBeGreaterThan(0);
    expect(all).toEqual({ pages: expected('廉政').length, unverified: 0 });
  });
});

describe('search page', () => {
  it('fills from ?q=, keeps query and filters in the URL, and Back restores the previous search', async () => {
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('放管服')}`);
    await expect.poll(() => t.page.locator('.status').textContent()).toMatch(/^找到 \d+ 篇讲话/u);
    expect(await t.page.inputValue('form.search-page input[name=q]')).toBe('放管服');
    const all = await t.page.locator('.hits > li').count();
    expect(all).toBe(expected('放管服').length);

    await t.page.selectOption('select[name=level]', '市');
    await expect.poll(() => new URL(t.page.url()).searchParams.get('level')).toBe('市');
    await expect.poll(() => t.page.locator('.hits > li').count()).toBe(1);

    await t.page.fill('form.search-page input[name=q]', '营商环境');
    await t.page.press('form.search-page input[name=q]', 'Enter');
    await expect.poll(() => new URL(t.page.url()).searchParams.get('q')).toBe('营商环境');
    await t.page.goBack();
    await expect.poll(() => t.page.inputValue('form.search-page input[name=q]')).toBe('放管服');
    expect(await t.page.inputValue('select[name=level]')).toBe('市');
    await expect.poll(() => t.page.locator('.hits > li').count()).toBe(1);
  });

  it('sorts newest first on request', async () => {
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('廉政')}&sort=date`);
    await expect.poll(() => t.page.locator('.hits > li').count()).toBe(expected('廉政').length);
    const dates = await t.page.$$eval('.hits > li .meta', (ms) => ms.map((m) => /\d{4}/u.exec(m.textContent)![0]));
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('says so when nothing matches', async () => {
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('新质生产力')}`);
    await expect.poll(() => t.page.locator('.status').textContent()).toBe('没有找到“新质生产力”');
  });

  it('offers near matches by word when the phrase occurs nowhere as typed (六稳六保)', async () => {
    expect(expected('六稳六保')).toEqual([]);
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('六稳六保')}`);
    await expect.poll(() => t.page.locator('.status').textContent()).toBe('没有找到“六稳六保”');
    const near = t.page.locator('.hits .near');
    await expect.poll(() => near.locator('> ol > li').count()).toBeGreaterThan(0);
    // Each near match is a speech whose title or headings hold the words, linking to the heading.
    const links = await near
      .locator('ol a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    const sections = links.filter(([href]) => href!.includes('#'));
    expect(sections.length).toBeGreaterThan(0);
    for (const [, text] of sections) expect(text).toMatch(/六稳|六保/u);
  });

  it('works without JavaScript as a form that leads to the search page', async () => {
    const noJs = await t.browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${base()}/`);
    await p.fill('header.site input[name=q]', '六稳');
    await p.press('header.site input[name=q]', 'Enter');
    await p.waitForURL(/\/search\/\?q=/u);
    expect(decodeURIComponent(new URL(p.url()).search)).toBe('?q=六稳');
    await noJs.close();
  });
});

describe('landing on a result', () => {
  it('lands on the paragraph, below the sticky header, with the whole phrase marked', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('四个意识')}`);
    const link = t.page.locator(`.hits a[href*="/speeches/${s.slug}/"][href*="#"]`).first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await t.page.waitForURL((u) => u.hash !== '');
    const id = new URL(href, base()).hash.slice(1);
    await expect.poll(() => t.page.locator('mark.hl').count()).toBeGreaterThan(0);
    const marks = await t.page.$$eval('mark.hl', (ms) => ms.map((m) => m.textContent));
    expect(new Set(marks)).toEqual(new Set(['四个意识']));
    expect(await t.page.locator(`#${id} mark.hl`).count()).toBeGreaterThan(0);
    const header = await t.page.locator('header.site').boundingBox();
    await expect
      .poll(async () => (await t.page.locator(`#${id}`).boundingBox())!.y)
      .toBeGreaterThanOrEqual(header!.y + header!.height);
    expect((await t.page.locator(`#${id}`).boundingBox())!.y).toBeLessThan(header!.y + header!.height + 48);
  });
});

describe('dialog and keyboard', () => {
  it('Ctrl+K opens a search dialog; arrows move through results; Enter opens; results are announced', async () => {
    const s = bySource('002_918ec13683767ab1.txt');
    await t.page.goto(`${base()}/speeches/${s.slug}/`);
    await t.page.keyboard.press('Control+k');
    const dialog = t.page.locator('dialog.search');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await t.page.keyboard.type('营商环境');
    await expect.poll(() => dialog.locator('[role=status]').textContent()).toMatch(/^找到 \d+ 篇讲话，\d+ 处$/u);
    await t.page.keyboard.press('ArrowDown');
    const first = await t.page.evaluate(() => document.activeElement?.getAttribute('href'));
    await t.page.keyboard.press('ArrowDown');
    const second = await t.page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toMatch(/^\/speeches\/.+\?hl=/u);
    expect(second).not.toBe(first);
    await t.page.keyboard.press('ArrowUp');
    await t.page.keyboard.press('ArrowUp');
    expect(await t.page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    const { violations } = await new AxeBuilder({ page: t.page }).include('dialog.search').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await t.page.keyboard.press('ArrowDown');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL((u) => u.pathname + u.search + u.hash === first);
  });

  it('Escape closes the dialog', async () => {
    await t.page.goto(`${base()}/`);
    await t.page.keyboard.press('Control+k');
    const dialog = t.page.locator('dialog.search');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await t.page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  });

  it('a bare letter does not open search', async () => {
    await t.page.goto(`${base()}/`);
    await t.page.keyboard.press('k');
    await t.page.keyboard.press('/');
    await t.page.waitForTimeout(500); // the dialog would come after an async import
    expect(await t.page.locator('dialog.search').count()).toBe(0);
    await t.page.keyboard.press('Control+k');
    await expect.poll(() => t.page.locator('dialog.search').count()).toBe(1);
  });
});

describe('cost', () => {
  it('reading a speech loads no search code; focusing the search box does', async () => {
    const requests: string[] = [];
    t.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await t.page.goto(`${base()}/speeches/${bySource('000_fd10df7c996cb8f6.txt').slug}/`);
    await t.page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.startsWith('/pagefind/') || r.startsWith('/search/'))).toEqual([]);
    await t.page.focus('header.site input');
    await expect.poll(() => requests.includes('/search/ui.js')).toBe(true);
  });
});
