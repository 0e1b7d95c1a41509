import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.ts';
import { loadSite } from '../../src/lib/site.ts';
import { useChromium } from '../helpers/browser.ts';
import { blocksOf, bySource, SITE_ROOT } from '../helpers/site.ts';

/**
 * A maintainer's own collection, published under a sub-path: a copy of the fixture site with a
 * second site file (every field its own), built with BASE_PATH=/yanlu/ and served under /yanlu/
 * only (any other address is a bare 404, as on a GitHub Pages project site). Nothing of the
 * defaults' identity may reach a page, and every link, script, fetch and fragment must land.
 */
const BASE = '/yanlu/';
const SITE_FILE = `name: 某县档案馆馆藏讲话
shortName: 县档
description: 某县历年讲话稿原文，附提纲与编者注。
publisher: 某县档案馆编研科
sources: 讲话稿由县档案馆从馆藏文书中选录并录入。
url: https://archive.example.org/
language: zh-CN
licence:
  texts:
    name: 政府公开信息
  notes:
    name: 知识共享 署名 4.0
    url: https://creativecommons.org/licenses/by/4.0/
contact:
  email: bianyan@archive.example.org
logo: emblem.svg
`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

/** Every string of a site file's identity: what must not appear when another site file is used. */
function identity(s: ReturnType<typeof loadSite>): string[] {
  return [s.name, s.shortName, s.description, s.publisher, s.sources, s.licence.texts.name, s.licence.notes.name];
}

let root: string;
let server: Server;
let origin: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'yanlu-publish-'));
  cpSync(join(SITE_ROOT, 'content'), join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'content/site.yaml'), SITE_FILE);
  writeFileSync(join(root, 'content/emblem.svg'), SVG);
  execFileSync(process.execPath, ['scripts/build.ts', '--root', root], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BASE_PATH: BASE, SITE_URL: '' },
  });
  return serve(join(root, 'dist'), 0, BASE).then((s) => {
    server = s.server;
    origin = s.url;
  });
}, 300_000);
afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Every file under dir, as paths relative to it. */
function walk(dir: string, at = dir): string[] {
  return readdirSync(at).flatMap((f) => {
    const p = join(at, f);
    return statSync(p).isDirectory() ? walk(dir, p) : [relative(dir, p)];
  });
}

describe('a second site file', () => {
  it('names the collection on every page, and none of the default identity appears in any text file', () => {
    const dist = join(root, 'dist');
    const defaults = [...identity(loadSite(join(tmpdir(), 'no-such-collection'), {})), ...identity(loadSite('.', {}))];
    expect(defaults).toContain('言录');
    const texts = walk(dist).filter((f) => /\.(?:html|xml|json|txt|js|css)$/u.test(f));
    const pages = texts.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const f of texts) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const d of defaults) if (text.includes(d)) leaks.push(`${f}: ${d}`);
      if (f.endsWith('.html')) {
        expect(text, f).toContain('<title>');
        expect(text, f).toMatch(/<a class="brand" href="\/yanlu\/"><img src="\/yanlu\/logo\.svg"[^>]*>县档<\/a>/u);
        expect(text, f).toContain('<meta property="og:site_name" content="某县档案馆馆藏讲话">');
      }
    }
    expect(leaks).toEqual([]);
    expect(readFileSync(join(dist, 'logo.svg'), 'utf8')).toBe(SVG);
  });

  it('gives the about page its sources, licences with their links, and contact', () => {
    const about = readFileSync(join(root, 'dist/about/index.html'), 'utf8');
    for (const s of ['关于某县档案馆馆藏讲话', '讲话稿由县档案馆从馆藏文书中选录并录入。', '政府公开信息'])
      expect(about).toContain(s);
    expect(about).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">知识共享 署名 4.0</a>');
    expect(about).toContain('<a href="mailto:bianyan@archive.example.org">bianyan@archive.example.org</a>');
    // Citations name the collection as the publisher of the electronic resource.
    const slug = bySource('004_fd46211088a2c3db.txt').slug;
    const source = readFileSync(join(root, `dist/speeches/${slug}/source/index.html`), 'utf8');
    expect(source).toContain(`[EB/OL]. 某县档案馆馆藏讲话, `);
    expect(source).toContain(`https://archive.example.org/yanlu/speeches/${slug}/`);
  });
});

describe('sitemap, robots.txt and feeds under the sub-path', () => {
  const xml = new XMLParser({ ignoreAttributes: false });
  const read = (f: string) => readFileSync(join(root, 'dist', f), 'utf8');

  it('writes well-formed XML: sitemaps and every feed', () => {
    const files = walk(join(root, 'dist')).filter((f) => f.endsWith('.xml'));
    expect(files).toEqual(
      expect.arrayContaining(['sitemap-index.xml', 'sitemap-0.xml', 'feed.xml', 'feeds/level/xian.xml']),
    );
    for (const f of files) expect(XMLValidator.validate(read(f)), f).toBe(true);
  });

  it('lists every speech page once, with its date, at its absolute address', () => {
    const index = xml.parse(read('sitemap-index.xml')) as {
      sitemapindex: { sitemap: { loc: string } | Array<{ loc: string }> };
    };
    const maps = [index.sitemapindex.sitemap].flat().map((m) => m.loc);
    expect(maps.length).toBeGreaterThan(0);
    const urls = maps.flatMap((loc) => {
      expect(loc.startsWith('https://archive.example.org/yanlu/')).toBe(true);
      const set = xml.parse(read(new URL(loc).pathname.slice(BASE.length))) as {
        urlset: { url: Array<{ loc: string; lastmod?: string }> };
      };
      return set.urlset.url;
    });
    for (const u of urls) expect(u.loc.startsWith('https://archive.example.org/yanlu/')).toBe(true);
    const speeches = urls.filter((u) => /\/speeches\/[^/]+\/$/u.test(u.loc));
    const all = walk(join(root, 'dist/speeches')).filter((f) => /^[^/]+\/index\.html$/u.test(f));
    expect(speeches.map((u) => u.loc).sort()).toEqual(
      all.map((f) => `https://archive.example.org/yanlu/speeches/${f.split('/')[0]}/`).sort(),
    );
    const s = bySource('004_fd46211088a2c3db.txt');
    const entry = speeches.find((u) => u.loc.endsWith(`/${s.slug}/`))!;
    expect(entry.lastmod!.slice(0, 4)).toBe(String(s.date.year));
    expect(urls.some((u) => u.loc.endsWith('/search/') || u.loc.endsWith('/404/'))).toBe(false);
    expect(read('robots.txt')).toContain('Sitemap: https://archive.example.org/yanlu/sitemap-index.xml\n');
  });

  it('has a feed of the newest speeches and one per level and theme, read by a feed reader', async () => {
    const reader = new Parser();
    const feed = await reader.parseString(read('feed.xml'));
    expect(feed.title).toBe('某县档案馆馆藏讲话：最新讲话');
    expect(feed.link).toBe('https://archive.example.org/yanlu/');
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.link).toMatch(/^https:\/\/archive\.example\.org\/yanlu\/speeches\/[^/]+\/$/u);
      expect(item.guid).toBe(item.link);
    }
    // Newest first, as the home page lists them.
    const home = read('index.html');
    const first = /<ol class="speeches"[^>]*><li><a href="\/yanlu\/speeches\/([^/]+)\/">/u.exec(home)![1];
    expect(feed.items[0]!.link).toBe(`https://archive.example.org/yanlu/speeches/${first}/`);
    const level = await reader.parseString(read('feeds/level/xian.xml'));
    expect(level.title).toBe('某县档案馆馆藏讲话：县级的讲话');
    expect(level.items.length).toBeGreaterThan(0);
    expect(level.items.length).toBeLessThanOrEqual(feed.items.length);
    // A browse page links its own feed, and every page the main one.
    const browse = read('browse/level/xian/index.html');
    expect(browse).toContain(
      '<link rel="alternate" type="application/rss+xml" title="县级的讲话" href="/yanlu/feeds/level/xian.xml">',
    );
    expect(browse).toContain('href="/yanlu/feed.xml"');
  });
});

describe('served under /yanlu/ only', () => {
  const t = useChromium({ perTest: false });
  const at = (path: string) => `${origin}${BASE}${path.replace(/^\//u, '')}`;

  it('every page, link, script, stylesheet, image and fetch stays under the base path and lands, and so does every fragment', async () => {
    const queue = [at('/')];
    // Every page the sitemap names is crawled too, whether or not a link leads there.
    const sitemap = readFileSync(join(root, 'dist/sitemap-0.xml'), 'utf8');
    for (const m of sitemap.matchAll(/<loc>https:\/\/archive\.example\.org(\/[^<]*)<\/loc>/gu))
      queue.push(`${origin}${m[1]}`);
    queue.push(at('/404.html'));
    const seen = new Set<string>();
    const ids = new Map<string, Set<string>>();
    const fragments: Array<[from: string, page: string, id: string]> = [];
    const resources = new Set<string>();
    const bad: string[] = [];
    let from = '';
    t.page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.origin !== origin) return;
      if (!u.pathname.startsWith(BASE)) bad.push(`${from}: requested ${u.pathname} outside ${BASE}`);
      else if (r.status() >= 400 && !u.pathname.endsWith('/404.html'))
        bad.push(`${from}: ${u.pathname} → ${r.status()}`);
    });
    // A request the next page's navigation cancels (a script a page loads on its own, such as the
    // trends page's) is aborted, not failed; where it points is checked by the response above.
    t.page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED')
        bad.push(`${from}: ${r.url()} failed (${r.failure()?.errorText})`);
    });
    while (queue.length) {
      const url = queue.shift()!.split('#')[0]!;
      // Each page once, with the first query a link gave it (/search/?q=… is one page).
      from = new URL(url).pathname;
      if (seen.has(from)) continue;
      seen.add(from);
      const res = await t.page.goto(url);
      if (!res || res.status() !== 200) {
        bad.push(`${from}: status ${res?.status()}`);
        continue;
      }
      const found = await t.page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href),
        actions: [...document.querySelectorAll<HTMLFormElement>('form[action]')].map((f) => f.action),
        refs: [
          ...[...document.querySelectorAll<HTMLLinkElement>('link[href]')].map((l) => l.href),
          ...[...document.querySelectorAll<HTMLScriptElement | HTMLImageElement>('script[src], img[src]')].map(
            (e) => e.src,
          ),
        ],
      }));
      ids.set(from, new Set(found.ids));
      for (const link of [...found.links, ...found.actions, ...found.refs]) {
        const u = new URL(link);
        if (u.protocol === 'mailto:' || u.origin !== origin) continue;
        if (!u.pathname.startsWith(BASE)) {
          bad.push(`${from}: links ${u.pathname} outside ${BASE}`);
          continue;
        }
        if (u.hash) fragments.push([from, u.pathname, decodeURIComponent(u.hash.slice(1))]);
        if (u.pathname.endsWith('/')) queue.push(`${u.origin}${u.pathname}${u.search}`);
        else resources.add(`${u.origin}${u.pathname}`);
      }
    }
    for (const r of resources) {
      const status = (await fetch(r)).status;
      if (status !== 200) bad.push(`${r} → ${status}`);
    }
    for (const [page, target, id] of fragments)
      if (!ids.get(target)?.has(id)) bad.push(`${page}: #${id} not found on ${target}`);
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
    expect(fragments.length).toBeGreaterThan(100);
    // The script and the stylesheet each page loads, the feed, the search bundle were all reached.
    for (const p of ['print.css', 'feed.xml', 'logo.svg']) expect(resources).toContain(at(p));
    // Outside the prefix is another site: a bare 404.
    expect((await fetch(`${origin}/speeches/`)).status).toBe(404);
  }, 600_000);

  it('searches from the header, finds a phrase and lands on its paragraph, marked', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    await t.page.goto(at('/'));
    await t.page.locator('header input[name=q]').fill('四个意识');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL((u) => u.pathname === `${BASE}search/`);
    const link = t.page.locator(`.hits a[href^="${BASE}speeches/${s.slug}/"][href*="#"]`).first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await t.page.waitForURL((u) => u.hash !== '');
    const id = new URL(href, origin).hash.slice(1);
    expect(blocksOf(s.source.file).find((b) => b.id === id)!.text).toContain('四个意识');
    await expect.poll(() => t.page.locator(`#${id} mark.hl`).count()).toBeGreaterThan(0);
    expect(new URL(t.page.url()).pathname).toBe(`${BASE}speeches/${s.slug}/`);
    // Near matches come from Pagefind, loaded from under the base path, and link under it.
    await t.page.goto(at(`/search/?q=${encodeURIComponent('六稳六保')}`));
    await expect.poll(() => t.page.locator('.near a').count()).toBeGreaterThan(0);
    for (const h of await t.page.locator('.near a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))
      expect(h.startsWith(BASE)).toBe(true);
  });

  it('loads the glossary popover, whose link leads to the term under the base path', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    await t.page.goto(at(`/speeches/${s.slug}/`));
    const term = t.page.locator(`.text a[href^="${BASE}glossary/"]`).first();
    await term.hover();
    await expect
      .poll(() => t.page.evaluate(() => document.querySelector('#gloss')?.matches(':popover-open') ?? false))
      .toBe(true);
    expect((await t.page.locator('#gloss-d').textContent())!.length).toBeGreaterThan(4);
    const go = await t.page.locator('#gloss .go a').getAttribute('href');
    expect(go).toBe(await term.getAttribute('href'));
    expect((await fetch(new URL(go!, origin))).status).toBe(200);
  });

  it('heads every page in one line at 320 px, logo and short name included', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    await t.page.setViewportSize({ width: 320, height: 700 });
    for (const p of [`/speeches/${s.slug}/`, '/', '/about/']) {
      await t.page.goto(at(p));
      expect((await t.page.locator('header.site').boundingBox())!.height, p).toBeLessThan(60);
      expect(
        await t.page.locator('header.site .brand img').evaluate((i: HTMLImageElement) => i.naturalWidth),
      ).toBeGreaterThan(0);
      expect(await t.page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(320);
    }
    await t.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('copies a paragraph link with the base path in it', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await t.page.goto(at(`/speeches/${s.slug}/`));
    await t.page.mouse.move(5, 5);
    await t.page.locator('#p3 .pl').click();
    await expect.poll(() => t.page.evaluate(() => navigator.clipboard.readText())).toBe(at(`/speeches/${s.slug}/#p3`));
  });
});
