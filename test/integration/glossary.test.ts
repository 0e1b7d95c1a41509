import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { loadGlossary, TermMatcher } from '../../src/annotate/glossary.ts';
import { useChromium } from '../helpers/browser.ts';
import { LINES_PER_SPEECH } from '../../src/collection/terms.ts';
import { converted, site } from '../helpers/site.ts';

/**
 * A glossary term is linked from a seed's page on its first occurrence in each section (the
 * opening, then each top-level heading with what follows it; where a longer term covers it, that
 * one; inside a noted quote, the quote's link to its note), later ones stay text, and the term's
 * own page lists every occurrence, linked or not.
 */
const glossary = loadGlossary(site('content/glossary.yaml'));
const slugOfForm = new Map(glossary.flatMap((t) => [t.term, ...t.aliases].map((f) => [f, t.slug] as const)));
const matcher = new TermMatcher(glossary);
const speeches = converted();

const t = useChromium({ perTest: false });

interface Block {
  id: string;
  /** An h2: a top-level heading, which starts a section. */
  top: boolean;
  text: string;
  links: Array<{ slug: string; start: number; end: number }>;
  quotes: Array<{ start: number; end: number }>;
}
/** Each block's speech text (notes excluded) and where its glossary links sit in it. */
function blocksOf(p: Page): Promise<Block[]> {
  return p.$$eval('article .text > :not(.pn)', (els) =>
    els.map((el) => {
      let text = '';
      const links: Block['links'] = [];
      const quotes: Block['quotes'] = [];
      const walk = (n: Node) => {
        if (n.nodeType === Node.TEXT_NODE) {
          text += (n as Text).data;
          return;
        }
        const href = n instanceof HTMLAnchorElement ? (n.getAttribute('href') ?? '') : '';
        const start = text.length;
        n.childNodes.forEach(walk);
        if (href.startsWith('/glossary/')) links.push({ slug: href.split('/')[2]!, start, end: text.length });
        if (href.startsWith('#note-')) quotes.push({ start, end: text.length });
      };
      walk(el);
      return { id: el.id, top: el.tagName === 'H2', text, links, quotes };
    }),
  );
}

/** Term occurrences outside noted quotes (links cannot nest), block by block, leftmost-longest. */
const occurrences = (b: Block) =>
  matcher.find(b.text).filter((h) => !b.quotes.some((q) => q.start < h.end && q.end > h.start));

describe.each(speeches.map((s) => [s.slug] as const))('%s', (slug) => {
  it("links each term's first occurrence in each section and no other (longest match wins)", async () => {
    await t.page.goto(`${inject('baseUrl')}/speeches/${slug}/`);
    const blocks = await blocksOf(t.page);
    const want: string[] = [];
    const got: string[] = [];
    let linked = new Set<string>();
    let all = 0;
    for (const b of blocks) {
      if (b.top) linked = new Set();
      for (const h of occurrences(b)) {
        all++;
        if (linked.has(h.term.slug)) continue;
        linked.add(h.term.slug);
        want.push(`${b.id} ${h.start} ${h.term.slug}`);
      }
      for (const l of b.links) {
        got.push(`${b.id} ${l.start} ${l.slug}`);
        expect(slugOfForm.get(b.text.slice(l.start, l.end))).toBe(l.slug);
      }
    }
    expect(got).toEqual(want);
    // The seeds repeat their terms: fewer links than occurrences, but some in every speech.
    expect(got.length).toBeGreaterThan(3);
    expect(got.length).toBeLessThan(all);
  });

  it("lists every occurrence, linked or not, noted or not, on the term's own page", async () => {
    await t.page.goto(`${inject('baseUrl')}/speeches/${slug}/`);
    const blocks = await blocksOf(t.page);
    // Every use, inside noted quotes too (there it is the quote that links, to its note).
    const want = new Map<string, string[]>();
    for (const b of blocks)
      for (const h of matcher.find(b.text)) want.set(h.term.slug, [...(want.get(h.term.slug) ?? []), b.id]);
    for (const [termSlug, ids] of want) {
      await t.page.goto(`${inject('baseUrl')}/glossary/${termSlug}/`);
      const listed = await t.page.$$eval(`.kwic a[href^="/speeches/${slug}/"]`, (as) =>
        as.map((a) => new URL(a.getAttribute('href')!, location.href).hash.slice(1)),
      );
      // The first few in context, the rest counted (a term page does not grow with the collection).
      expect(listed, termSlug).toEqual(ids.slice(0, LINES_PER_SPEECH));
      const more = await t.page
        .locator('section[aria-label]')
        .filter({ has: t.page.locator(`h3 a[href="/speeches/${slug}/"]`) })
        .locator('.more')
        .allTextContents();
      if (ids.length > LINES_PER_SPEECH) expect(more.join('')).toContain(`另有 ${ids.length - LINES_PER_SPEECH} 处`);
      else expect(more).toEqual([]);
    }
  });
});

describe('glossary index', () => {
  it('lists every term, grouped by pinyin, with its occurrence count', async () => {
    await t.page.goto(`${inject('baseUrl')}/glossary/`);
    const items = await t.page.$$eval('.terms li', (lis) =>
      lis.map((li) => ({
        href: li.querySelector('a')!.getAttribute('href')!,
        count: li.querySelector('.count')!.textContent,
      })),
    );
    expect(items.map((i) => i.href).sort()).toEqual(glossary.map((t) => `/glossary/${t.slug}/`).sort());
    const liuWen = items.find((i) => i.href === '/glossary/liu-wen/')!;
    await t.page.goto(`${inject('baseUrl')}/glossary/liu-wen/`);
    const lines = await t.page.locator('.kwic li').count();
    const more = (await t.page.locator('.more').allTextContents()).map((m) =>
      Number(/另有 (\d+) 处/u.exec(m)?.[1] ?? 0),
    );
    const n = lines + more.reduce((a, b) => a + b, 0);
    expect(lines).toBeGreaterThan(0);
    expect(liuWen.count).toMatch(new RegExp(`^${n} 处 · \\d 篇$`, 'u'));
    const letters = await t.page
      .goto(`${inject('baseUrl')}/glossary/`)
      .then(() => t.page.$$eval('section h2', (hs) => hs.map((h) => h.textContent)));
    expect(letters).toEqual([...letters].sort());
  });
});
