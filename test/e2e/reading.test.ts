import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { NOTE_KINDS } from '../../src/schemas/annotations.ts';
import { useChromium } from '../helpers/browser.ts';
import { blocksOf, converted } from '../helpers/site.ts';

/**
 * Issue 9, as a speechwriter reads: copies that hold only the speech's words, a paragraph with its
 * citation, a notice that goes away, citations to paste, print, phones, the way around the
 * collection. Real Chromium against the built fixture site.
 */
const base = () => inject('baseUrl');
const all = converted();
// The speech with the most notes: the copy and margin tests need notes between paragraphs.
const noted = [...all].sort((a, b) => b.notes - a.notes)[0]!;
const url = (s = noted) => `${base()}/speeches/${s.slug}/`;
const blocks = new Map(blocksOf(noted.source.file).map((b) => [b.id, b.text]));
/** Ids of the speech's paragraphs that have a note block after them. */
const notedIds = async () =>
  t.page.$$eval('.text > .pn', (ns) => ns.map((n) => n.previousElementSibling!.id).filter(Boolean));

const t = useChromium();

/** Select from the start of block `from` to the end of block `to` and press Ctrl+C. */
async function copyRange(from: string, to: string) {
  await t.page.evaluate(
    ([a, b]) => {
      const range = document.createRange();
      range.setStartBefore(document.getElementById(a!)!.firstChild!);
      range.setEndAfter(document.getElementById(b!)!.lastChild!);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    [from, to],
  );
  await t.page.keyboard.press('Control+C');
}
const clipboard = () =>
  t.page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const get = async (type: string) =>
      items[0]!.types.includes(type) ? await (await items[0]!.getType(type)).text() : '';
    return { text: await get('text/plain'), html: await get('text/html') };
  });

describe('copying from a speech', () => {
  for (const width of [1440, 390]) {
    it(`a selection over paragraphs and their notes copies the speech's words only, at ${width} px`, async () => {
      await t.open({ viewport: { width, height: 900 } });
      await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
      await t.page.goto(url());
      await t.page.mouse.move(5, 5);
      const ids = await notedIds();
      const order = [...blocks.keys()];
      // From the block before the first noted paragraph to the block after the second.
      const from = order[Math.max(order.indexOf(ids[0]!) - 1, 0)]!;
      const to = order[Math.min(order.indexOf(ids[1] ?? ids[0]!) + 1, order.length - 1)]!;
      await expect
        .poll(() => t.page.evaluate(() => performance.getEntriesByName(`${location.origin}/speeches/read.js`).length))
        .toBe(1);
      await copyRange(from, to);
      const expected = order.slice(order.indexOf(from), order.indexOf(to) + 1).map((id) => blocks.get(id)!);
      const { text, html } = await clipboard();
      expect(text).toBe(expected.join('\n'));
      // What Word and WPS paste: bare paragraphs and headings, no links, classes or styles.
      expect(html).not.toMatch(/<a\b|style=|class=|注\d/u);
      const doc = await t.page.evaluate((h) => {
        const d = new DOMParser().parseFromString(h, 'text/html');
        return [...d.body.children].map((e) => e.textContent);
      }, html);
      expect(doc).toEqual(expected);
    });
  }

  it('a selection from the outline, into the footer, or of the whole page (Ctrl+A) copies only speech words', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(url());
    await t.page.mouse.move(5, 5);
    await expect
      .poll(() => t.page.evaluate(() => performance.getEntriesByName(`${location.origin}/speeches/read.js`).length))
      .toBe(1);
    const order = [...blocks.keys()];
    const title = noted.titleDerived ? [] : [noted.title];
    const select = (from: string, to: string) =>
      t.page.evaluate(
        ([a, b]) => {
          const range = document.createRange();
          range.setStartBefore(document.querySelector(a!)!);
          range.setEndAfter(document.querySelector(b!)!);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
        },
        [from, to],
      );
    // From the outline into the second block.
    await select('.toc', `#${order[1]}`);
    await t.page.keyboard.press('Control+C');
    expect((await clipboard()).text).toBe([...title, blocks.get(order[0]!)!, blocks.get(order[1]!)!].join('\n'));
    // From the last block into the footer.
    await select(`#${order.at(-1)}`, 'footer.about');
    await t.page.keyboard.press('Control+C');
    expect((await clipboard()).text).toBe(blocks.get(order.at(-1)!));
    // The whole page.
    await t.page.locator('body').click({ position: { x: 2, y: 300 } });
    await t.page.keyboard.press('Control+A');
    await t.page.keyboard.press('Control+C');
    const all = await clipboard();
    expect(all.text).toBe([...title, ...blocks.values()].join('\n'));
    expect(all.html).not.toMatch(/<a\b|style=|class=/u);
  });

  it('复制本段（附出处） is reached from the keyboard: Enter on # moves to it, Escape returns', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(url());
    await t.page.locator('#p3 > a.pl').focus();
    await t.page.keyboard.press('Enter');
    await expect.poll(() => t.page.evaluate(() => document.activeElement?.textContent)).toBe('复制本段（附出处）');
    await t.page.keyboard.press('Enter');
    await expect.poll(async () => (await clipboard()).text.split('\n')[0]).toBe(blocks.get('p3'));
    await t.page.locator('#p4 > a.pl').focus();
    await t.page.keyboard.press('Enter');
    await expect.poll(() => t.page.evaluate(() => document.activeElement?.textContent)).toBe('复制本段（附出处）');
    await t.page.keyboard.press('Escape');
    expect(await t.page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#p4');
    expect(await t.page.locator('.toast').isVisible()).toBe(false);
  });

  it('复制本段（附出处） copies the paragraph and a citation line with its absolute link and today', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(`${url()}?hl=${encodeURIComponent(blocks.get('p3')!.slice(0, 4))}`);
    await t.page.locator('#p3 > a.pl').click();
    // The link copied has no ?hl=, whatever the page was opened with.
    await expect.poll(() => t.page.evaluate(() => navigator.clipboard.readText())).toBe(`${url()}#p3`);
    expect(t.page.url()).toBe(`${url()}#p3`);
    const button = t.page.locator('.toast button', { hasText: '复制本段（附出处）' });
    await button.click();
    await expect.poll(async () => (await clipboard()).text).toMatch(/\n/u);
    const { text, html } = await clipboard();
    const [words, cite] = text.split('\n');
    expect(words).toBe(blocks.get('p3'));
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(cite).toContain(noted.title);
    expect(cite).toContain(`[${today}]`);
    expect(cite!.endsWith(`${url()}#p3`)).toBe(true);
    expect(cite).toContain('[EB/OL]');
    expect(html).not.toMatch(/<a\b|style=/u);
  });

  it('the notice goes away by itself, stays while hovered, and does not cover the text column on phones', async () => {
    await t.open({ viewport: { width: 390, height: 800 } });
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(url());
    await t.page.locator('#p2 > a.pl').click();
    const toast = t.page.locator('.toast');
    await expect.poll(() => toast.isVisible()).toBe(true);
    const box = (await toast.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeLessThan(120);
    await expect.poll(() => toast.isVisible(), { timeout: 9000 }).toBe(false);
    // Kept while the pointer is on it, so its button can be used.
    await t.page.locator('#p3 > a.pl').click();
    await t.page.locator('.toast').hover();
    await t.page.waitForTimeout(6000);
    expect(await toast.isVisible()).toBe(true);
  });
});

describe('citing', () => {
  it('the 引用与下载 page gives citations in four forms with an absolute URL, author and access date, and copies them', async () => {
    // The fixture gives one speech its institution in the sidecar: that is the cited author.
    const s = all.find((x) => x.speaker || x.institution)!;
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(`${url(s)}source/`);
    await t.page.locator('button', { hasText: '复制 BibTeX' }).waitFor();
    const cites = await t.page.$$eval('[data-cite]', (cs) => cs.map((c) => c.textContent));
    expect(cites.length).toBe(4);
    for (const c of cites) {
      expect(c).toMatch(/https?:\/\/[^ ]+\/speeches\//u);
      expect(c).toContain(s.title);
      expect(c).toContain(s.speaker?.name ?? s.institution ?? '佚名');
    }
    const d = new Date();
    const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(cites[0]).toContain(`[${iso}]`);
    expect(cites[1]).toContain(`访问日期：${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`);
    expect(cites[2]).toContain(`urldate = {${iso}}`);
    expect((JSON.parse(cites[3]!) as Array<{ URL: string }>)[0]!.URL).toMatch(new RegExp(`/speeches/${s.slug}/$`, 'u'));
    for (const [i, label] of ['GB/T 7714—2015', '文中注释', 'BibTeX', 'CSL-JSON'].entries()) {
      await t.page.locator('button', { hasText: `复制 ${label}` }).click();
      await expect.poll(() => t.page.evaluate(() => navigator.clipboard.readText())).toBe(cites[i]);
    }
    await expect.poll(() => t.page.locator('[role=status]').textContent()).toContain('已复制');
    // No internal paths or editors' jargon.
    const page = (await t.page.locator('main').textContent())!;
    expect(page).not.toMatch(/content\/|slug|编者指定/u);
  });

  it('?at=<id> cites that section or paragraph: its URL with #id, its name; an unknown id says so', async () => {
    const section = noted.outline.find((o) => o.depth === 2) ?? noted.outline[0]!;
    await t.page.goto(`${url()}source/?at=${section.id}`);
    await expect.poll(() => t.page.locator('#cited').textContent()).toContain(`${section.marker}${section.title}`);
    const cites = await t.page.$$eval('[data-cite]', (cs) => cs.map((c) => c.textContent));
    for (const c of cites) expect(c).toContain(`/speeches/${noted.slug}/#${section.id}`);
    expect(cites[1]).toContain(`，${section.marker}${section.title}，`);
    expect(cites[2]).toContain(`@online{${noted.slug}:${section.id},`);
    expect((JSON.parse(cites[3]!) as Array<Record<string, string>>)[0]!['part-title']).toBe(
      `${section.marker}${section.title}`,
    );
    await t.page.locator('#cited a').click();
    await t.page.waitForURL(new RegExp(`/speeches/${noted.slug}/#${section.id}$`, 'u'));
    await t.page.goto(`${url()}source/?at=p99999`);
    await expect.poll(() => t.page.locator('#cited').textContent()).toContain('本篇没有“p99999”');
    for (const c of await t.page.$$eval('[data-cite]', (cs) => cs.map((e) => e.textContent)))
      expect(c).not.toContain('#p99999');
  });

  it('the copy-link notice leads to the citations of that paragraph', async () => {
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await t.page.goto(url());
    await t.page.locator('#p3 > a.pl').click();
    await t.page.locator('.toast a', { hasText: '引用本段' }).click();
    await t.page.waitForURL(new RegExp(`/speeches/${noted.slug}/source/\\?at=p3$`, 'u'));
    await expect.poll(() => t.page.locator('#cited').textContent()).toContain('第3段');
    expect(await t.page.locator('[data-cite="gbt"]').textContent()).toContain(`/speeches/${noted.slug}/#p3`);
  });

  it('the 引用与下载 page links the four downloads, saved under the title; the speech page links none', async () => {
    await t.page.goto(`${url()}source/`);
    const links = await t.page.$$eval('.downloads a', (as) =>
      as.map((a) => [a.getAttribute('href'), a.getAttribute('download')]),
    );
    expect(links).toEqual(
      ['docx', 'txt', 'md', 'json'].map((ext) => [
        `/speeches/${noted.slug}/${noted.slug}.${ext}`,
        `${noted.title}.${ext}`,
      ]),
    );
    for (const [href] of links) expect((await fetch(`${base()}${href}`)).status).toBe(200);
    const download = t.page.waitForEvent('download');
    await t.page.locator('.downloads a').first().click();
    expect((await download).suggestedFilename()).toBe(`${noted.title}.docx`);
    await t.page.goto(url());
    expect(await t.page.locator('a[href$=".docx"], a[href$=".txt"], a[href$=".md"], a[download]').count()).toBe(0);
    // Relative (source/), so it holds under any base path.
    const source = await t.page.locator('footer.about a', { hasText: '引用与下载' }).getAttribute('href');
    expect(new URL(source!, t.page.url()).pathname).toBe(`/speeches/${noted.slug}/source/`);
  });

  it('a speech page names its canonical URL, title and summary for link previews and reference managers', async () => {
    await t.page.goto(url());
    const canonical = await t.page.getAttribute('link[rel=canonical]', 'href');
    expect(canonical).toMatch(new RegExp(`^https?://.+/speeches/${noted.slug}/$`, 'u'));
    expect(await t.page.getAttribute('meta[property="og:title"]', 'content')).toBe(noted.title);
    expect(await t.page.getAttribute('meta[name=citation_title]', 'content')).toBe(noted.title);
    expect((await t.page.getAttribute('meta[name=description]', 'content'))!.length).toBeGreaterThan(10);
  });

  it('the about page explains every note kind and underline style, and speech pages link to it', async () => {
    await t.page.goto(url());
    await t.page.locator('a[href="/about/#notes"]').click();
    await t.page.waitForURL(/\/about\/#notes$/u);
    const text = (await t.page.locator('#notes ~ dl').textContent())!;
    for (const label of Object.values(NOTE_KINDS)) expect(text).toContain(`〔${label}〕`);
    expect(text).toMatch(/波浪/u);
    expect(text).toMatch(/虚线/u);
  });
});

describe('every screen', () => {
  it('margin notes at 1440 px leave no gap in the text and never overlap each other', async () => {
    await t.open({ viewport: { width: 1440, height: 900 } });
    await t.page.goto(url());
    await t.page.mouse.move(5, 5);
    await expect
      .poll(() =>
        t.page.evaluate(() =>
          performance.getEntriesByType('resource').some((r) => r.name.endsWith('/speeches/read.js')),
        ),
      )
      .toBe(true);
    await t.page.waitForTimeout(200);
    const layout = await t.page.$$eval('.text > *', (els) =>
      els.map((e) => {
        const css = getComputedStyle(e);
        return {
          note: e.classList.contains('pn'),
          ...e.getBoundingClientRect().toJSON(),
          mt: parseFloat(css.marginTop),
          mb: parseFloat(css.marginBottom),
        } as { note: boolean; top: number; bottom: number; left: number; mt: number; mb: number };
      }),
    );
    const text = layout.filter((b) => !b.note);
    const notes = layout.filter((b) => b.note);
    expect(notes.length).toBeGreaterThan(0);
    // Between two blocks of text there are only their margins (a grid does not collapse them),
    // never a note's height.
    for (let i = 1; i < text.length; i++)
      expect(text[i]!.top - text[i - 1]!.bottom).toBeLessThanOrEqual(text[i - 1]!.mb + text[i]!.mt + 2);
    // Notes sit beside the text, right of it.
    for (const n of notes) expect(n.left).toBeGreaterThan(text[0]!.left + 400);
    for (let i = 1; i < notes.length; i++) expect(notes[i]!.top).toBeGreaterThanOrEqual(notes[i - 1]!.bottom);
  });

  for (const width of [320, 390]) {
    it(`nothing scrolls sideways at ${width} px, and a linked section lands below the header`, async () => {
      await t.open({ viewport: { width, height: 700 } });
      for (const path of [
        `/speeches/${noted.slug}/`,
        `/speeches/${noted.slug}/source/`,
        '/',
        '/about/',
        '/data/',
        '/glossary/',
        '/search/',
      ]) {
        await t.page.goto(`${base()}${path}`);
        const [scroll, inner] = await t.page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
        expect(`${path}: ${scroll}`).toBe(`${path}: ${inner}`);
      }
      const section = noted.outline.at(-1)!.id;
      await t.page.goto(`${url()}#${section}`);
      const header = (await t.page.locator('header.site').boundingBox())!;
      expect(header.height).toBeLessThan(60);
      const h = (await t.page.locator(`#${section}`).boundingBox())!;
      expect(h.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    });
  }

  it('on phones the header leads back to the outline, opened', async () => {
    await t.open({ viewport: { width: 390, height: 800 } });
    await t.page.goto(url());
    await t.page.locator(`#${noted.outline.at(-1)!.id}`).scrollIntoViewIfNeeded();
    await t.page.locator('header a.totoc').click();
    await expect.poll(() => t.page.locator('.toc details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await t.page.locator('.toc a[href^="#s"]').first().isVisible()).toBe(true);
  });

  it('a searched phrase stands out on the paragraph it lands on', async () => {
    const phrase = blocks.get('p3')!.slice(2, 8);
    await t.page.goto(`${url()}?hl=${encodeURIComponent(phrase)}#p3`);
    await expect.poll(() => t.page.locator('#p3 mark').count()).toBeGreaterThan(0);
    const [mark, para] = await t.page.evaluate(() => [
      getComputedStyle(document.querySelector('#p3 mark')!).backgroundColor,
      getComputedStyle(document.querySelector('#p3')!).backgroundColor,
    ]);
    expect(mark).not.toBe(para);
  });

  it('names Chinese fonts of macOS, Windows and Linux/Android', async () => {
    await t.page.goto(url());
    const fonts = await t.page.evaluate(() => getComputedStyle(document.body).fontFamily);
    for (const f of ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC']) expect(fonts).toContain(f);
  });

  it('prints black on white from a dark system, with paragraph numbers and the page URL', async () => {
    await t.open({ colorScheme: 'dark' });
    await t.page.goto(url());
    await t.page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const style = await t.page.evaluate(() => {
      const c = (sel: string, pseudo?: string) => getComputedStyle(document.querySelector(sel)!, pseudo);
      return {
        body: c('body').color,
        bg: c('body').backgroundColor,
        note: c('.pn').color,
        link: c('.text a[href^="/glossary/"], .text a.q').color,
        number: c('.text > p[id]', '::before').content,
      };
    });
    expect(style.body).toBe('rgb(0, 0, 0)');
    expect(style.bg).toBe('rgb(255, 255, 255)');
    const lum = (rgb: string) =>
      rgb
        .match(/\d+/gu)!
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0) / 3;
    expect(lum(style.note)).toBeLessThan(100);
    expect(style.link).toBe('rgb(0, 0, 0)');
    expect(style.number).toBe('"p1"');
    // One column on any paper: the wide screen's grid and margin notes do not print.
    await t.page.setViewportSize({ width: 1440, height: 900 });
    const layout = await t.page.evaluate(() => [
      getComputedStyle(document.querySelector('.speech')!).display,
      parseFloat(getComputedStyle(document.querySelector('.text > .pn')!).marginBottom) >= 0,
    ]);
    expect(layout).toEqual(['block', true]);
    const footer = t.page.locator('footer.about');
    expect(await footer.textContent()).toContain(`/speeches/${noted.slug}/`);
    expect(await t.page.locator('footer.about .links').isVisible()).toBe(false);
  });

  it('passes axe (every rule) on a speech, its source page, the about and the data page, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await t.open({ colorScheme });
      for (const path of [`/speeches/${noted.slug}/`, `/speeches/${noted.slug}/source/`, '/about/', '/data/']) {
        await t.page.goto(`${base()}${path}`);
        await t.page.mouse.move(5, 5);
        const { violations } = await new AxeBuilder({ page: t.page }).analyze();
        expect(violations.map((v) => `${colorScheme} ${path}: ${v.id}`)).toEqual([]);
      }
    }
  }, 120_000);
});

describe('around the collection', () => {
  it('links the newer, older and related speeches, each to a page that exists', async () => {
    for (const s of all) {
      await t.page.goto(url(s));
      const hrefs = await t.page.$$eval('footer.about nav a', (as) =>
        as.map((a) => [a.getAttribute('rel') ?? '', a.getAttribute('href')!] as const),
      );
      const rel = (r: string) => hrefs.filter(([x]) => x === r).map(([, h]) => h);
      expect(rel('prev')).toEqual(s.newer ? [`/speeches/${s.newer}/`] : []);
      expect(rel('next')).toEqual(s.older ? [`/speeches/${s.older}/`] : []);
      for (const [, h] of hrefs) {
        expect(h).not.toBe(`/speeches/${s.slug}/`);
        expect(all.some((x) => h === `/speeches/${x.slug}/`)).toBe(true);
      }
      // Related: the same first occasion, nearest in the collection's order, neighbours excluded.
      const keyOf = (x: typeof s) => (x.occasions[0] ? `o:${x.occasions[0]}` : x.themes[0] ? `t:${x.themes[0]}` : '');
      const key = keyOf(s);
      const group = all.filter((x) => key && keyOf(x) === key).sort((a, b) => a.order - b.order);
      const at = group.findIndex((x) => x.slug === s.slug);
      const near = group
        .filter((x) => x.slug !== s.slug && x.slug !== s.newer && x.slug !== s.older)
        .sort(
          (a, b) =>
            Math.abs(group.indexOf(a) - at) - Math.abs(group.indexOf(b) - at) || group.indexOf(a) - group.indexOf(b),
        )
        .slice(0, 3)
        .map((x) => `/speeches/${x.slug}/`);
      expect(rel('')).toEqual(key ? near : []);
    }
  });
});
