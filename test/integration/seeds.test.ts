import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { PER_PAGE } from '../../src/lib/listing.ts';
import { converted, site } from '../helpers/site.ts';
import type { SpeechText } from '../../src/schemas/generated.ts';

/**
 * The fixture site (the seeds and fixture speeches): for each, the outline is exactly the one reviewed by hand
 * (test/fixtures/seeds/outlines.json), and the page's article holds every character of the source,
 * in order, but for the advertising lines the converter reports as removed.
 */
const expectedOutlines = JSON.parse(readFileSync('test/fixtures/seeds/outlines.json', 'utf8')) as Record<
  string,
  Array<[number, string]>
>;
const speeches = converted();
const AD = /仅供学习|禁止外传|酷乐文行|自建平台|根据实际需求|订阅|打击倒卖|举报倒卖|会员群|QQ/u;

const t = useChromium({ perTest: false });

describe.each(speeches.map((s) => [s.source.file, s] as const))('%s', (file, s) => {
  const url = () => `${inject('baseUrl')}/speeches/${s.slug}/`;

  it('has an outline reviewed by hand', () => {
    expect(Object.keys(expectedOutlines)).toContain(file);
  });

  it('has exactly the expected outline, in the text and in the outline nav', async () => {
    await t.page.goto(url());
    const headings = await t.page.$$eval('article .text :is(h2,h3,h4,h5,h6)', (hs) =>
      hs.map((h) => [Number(h.tagName[1]) - 1, h.textContent.replace(/[。！？]$/u, '')] as [number, string]),
    );
    expect(headings).toEqual(expectedOutlines[file]);
    const nav = await t.page.$$eval('.toc a', (as) =>
      as.map((a) => {
        let depth = 0;
        for (let el: Element | null = a; el && !el.matches('.toc'); el = el.parentElement)
          if (el.tagName === 'OL') depth++;
        return [depth, a.textContent] as [number, string];
      }),
    );
    // Headings, framed by the opening and the closing when the speech has them.
    const data = s;
    // The opening: the first block before the first heading that is not a preamble or byline line.
    const blocks = (JSON.parse(readFileSync(site('.generated/data/text', `${s.slug}.json`), 'utf8')) as SpeechText)
      .blocks;
    const first = blocks.findIndex((b) => b.depth !== undefined);
    const openingId = blocks.slice(0, Math.max(first, 0)).find((b) => b.role !== 'preamble' && b.role !== 'byline')?.id;
    const opening = openingId !== undefined;
    expect(nav).toEqual([
      ...(opening ? [[1, '开场白']] : []),
      ...expectedOutlines[file]!,
      ...(data.roles.closing ? [[1, '结束语']] : []),
    ]);
    const targets = await t.page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    for (const id of targets) expect(await t.page.locator(`[id="${id}"]`).count()).toBe(1);
    if (opening) expect(await t.page.getAttribute('.toc li:first-child a', 'href')).toBe(`#${openingId}`);
    if (data.roles.closing)
      expect(await t.page.getAttribute('.toc > details > ol > li:last-child > a', 'href')).toBe(
        `#${data.roles.closing[0]}`,
      );
  });

  it('holds every character of the source in order, and removes only advertising', async () => {
    await t.page.goto(url());
    const raw = new TextDecoder('utf-8').decode(readFileSync(site(file))).split(/\r\n|\r|\n/u);
    const removed = new Set(s.removed.map((r) => r.line));
    for (const r of s.removed) expect(r.text).toMatch(AD);
    const kept = raw.filter((_, i) => !removed.has(i + 1));
    const strip = (t: string) => t.replace(/\s+/gu, '');
    const title = await t.page.locator('article h1').textContent();
    // Editorial notes (.pn) sit between blocks but are not speech text.
    const body = await t.page.locator('article .text').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const n of copy.querySelectorAll('.pn')) n.remove();
      return copy.textContent;
    });
    const pageText = strip((s.titleDerived ? '' : (title ?? '')) + (body ?? ''));
    expect(pageText).toBe(strip(kept.join('')));
  });

  it('records what was removed by rule, count and line numbers, and republishes none of it', async () => {
    await t.page.goto(`${url()}source/`);
    const page = (await t.page.locator('main').textContent()) ?? '';
    for (const r of s.removed) {
      expect(page).toContain(r.rule);
      if (r.text.length >= 4) expect(page).not.toContain(r.text);
    }
    expect(page).not.toMatch(/QQ\d|会员群|订阅/u);
  });

  it('gives every heading a position id and every paragraph p1…pN', async () => {
    await t.page.goto(url());
    const ids = await t.page.$$eval('article .text > :not(.pn)', (els) => els.map((e) => e.id));
    const headings = ids.filter((id) => id.startsWith('s'));
    const paragraphs = ids.filter((id) => id.startsWith('p'));
    expect(headings).toEqual(s.outline.map((o) => o.id));
    expect(paragraphs).toEqual(paragraphs.map((_, i) => `p${i + 1}`));
    expect(headings.length + paragraphs.length).toBe(ids.length);
    for (const id of headings) expect(id).toMatch(/^s\d+(-\d+)*$/u);
  });
});

describe('the seeds', () => {
  it('are published from content/speeches byte for byte, as the fixture site holds them', () => {
    const seeds = readdirSync(site('content/speeches')).filter((f) => /^00[0-4]_[0-9a-f]{16}\.txt$/u.test(f));
    expect(seeds.length).toBeGreaterThan(0);
    for (const f of seeds)
      expect(readFileSync(`content/speeches/${f}`)).toEqual(readFileSync(site('content/speeches', f)));
  });
});

describe('collection index', () => {
  it('lists the newest speeches first, a page at a time, with year, level, occasion and length', async () => {
    await t.page.goto(`${inject('baseUrl')}/`);
    const hrefs = await t.page.$$eval('ol.speeches > li > a', (as) => as.map((a) => a.getAttribute('href')));
    const newest = [...speeches].sort((a, b) => a.order - b.order).slice(0, PER_PAGE);
    expect(hrefs).toEqual(newest.map((s) => `/speeches/${s.slug}/`));
    const metas = await t.page.$$eval('ol.speeches > li .meta', (ms) => ms.map((m) => m.textContent));
    for (const [i, meta] of metas.entries()) {
      const s = newest[i]!;
      if (s.level) expect(meta).toContain(`${s.level}级`);
      for (const o of s.occasions) expect(meta).toContain(o);
      expect(meta).toContain(`${s.counts.characters.toLocaleString('zh-CN')}字`);
    }
  });
});
