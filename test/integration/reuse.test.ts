import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { canonical, clauses, FORMULATION_SPEECHES, MIN_SHARED } from '../../src/collection/passages.ts';
import { buildT2S } from '../../src/search/t2s-table.ts';
import { commonRuns } from '../helpers/common-runs.ts';
import type { SpeechText } from '../../src/schemas/generated.ts';
import { useChromium } from '../helpers/browser.ts';
import { converted, site } from '../helpers/site.ts';

/**
 * Issue 10's shared passages and formulations on the built fixture site, against brute force:
 * every pair of blocks of different speeches compared character by character.
 */
const base = () => inject('baseUrl');
const t2s = buildT2S();
// Oldest first, as the pages list them (the collection's order is newest first).
const speeches = [...converted()].sort((a, b) => b.order - a.order);
const texts = new Map(
  speeches.map((s) => [
    s.slug,
    (JSON.parse(readFileSync(site('.generated/data/text', `${s.slug}.json`), 'utf8')) as SpeechText).blocks,
  ]),
);

const canon = new Map(
  speeches.map((s) => [s.slug, texts.get(s.slug)!.map((b) => canonical(b.text, t2s).text)] as const),
);
const memo = new Map<string, string[]>();
/** For a block, the other speeches (oldest first) with a block sharing ≥ MIN_SHARED characters. */
function expectedOthers(slug: string, id: string): string[] {
  const key = `${slug}#${id}`;
  if (!memo.has(key)) {
    const mine = canon.get(slug)![texts.get(slug)!.findIndex((b) => b.id === id)]!;
    const others = speeches
      .filter((s) => s.slug !== slug)
      .filter((s) => canon.get(s.slug)!.some((c) => commonRuns(mine, c, MIN_SHARED).longest >= MIN_SHARED))
      .map((s) => s.slug);
    memo.set(key, others);
  }
  return memo.get(key)!;
}

const t = useChromium({ perTest: false });

describe('shared passages', () => {
  it('every paragraph lists exactly the other speeches that share a passage with it, oldest first', async () => {
    let shared = 0;
    for (const s of speeches) {
      await t.page.goto(`${base()}/speeches/${s.slug}/shared/`);
      const listed = new Map(
        await t.page.$$eval('main section', (ss) =>
          ss.map(
            (x) => [x.id, [...x.querySelectorAll('ol a')].map((a) => a.getAttribute('href')!.split('/')[2]!)] as const,
          ),
        ),
      );
      for (const b of texts.get(s.slug)!) {
        const expected = expectedOthers(s.slug, b.id);
        expect(`${s.slug}#${b.id}: ${(listed.get(b.id) ?? []).join(',')}`).toBe(
          `${s.slug}#${b.id}: ${expected.join(',')}`,
        );
        shared += expected.length;
      }
      // The speech page shows the same, at most five linked, beside the paragraph.
      await t.page.goto(`${base()}/speeches/${s.slug}/`);
      const lines = await t.page.$$eval('.text > .pn .sh', (ls) =>
        ls.map((l) => ({
          block: l.parentElement!.previousElementSibling!.id,
          links: [...l.querySelectorAll('a')].map((a) => a.getAttribute('href')!),
          text: l.textContent,
        })),
      );
      for (const l of lines) {
        const expected = expectedOthers(s.slug, l.block);
        expect(l.text).toContain(`同见于 ${expected.length} 篇`);
        const others = l.links.filter((h) => !h.includes('/shared/'));
        expect(others.map((h) => h.split('/')[2])).toEqual(expected.slice(0, 5));
        // Each link lands on a paragraph that exists in the other speech.
        for (const h of others)
          expect(texts.get(h.split('/')[2]!)!.some((b) => `#${b.id}` === new URL(h, base()).hash)).toBe(true);
      }
      expect(lines.length).toBe(texts.get(s.slug)!.filter((b) => expectedOthers(s.slug, b.id).length).length);
    }
    // The seeds share passages (the same county's speeches), so this checked something.
    expect(shared).toBeGreaterThan(0);
  });
});

describe('formulations', () => {
  // Brute force: every clause's canonical key, the speeches using it.
  const bySpeeches = new Map<string, Set<string>>();
  for (const s of speeches)
    for (const b of texts.get(s.slug)!)
      for (const c of clauses(b.text, t2s)) bySpeeches.set(c.key, (bySpeeches.get(c.key) ?? new Set()).add(s.slug));
  const expected = [...bySpeeches].filter(([, ss]) => ss.size >= FORMULATION_SPEECHES);

  it('lists every clause used in at least three speeches, with its count and first appearance', async () => {
    await t.page.goto(`${base()}/formulations/`);
    const items = await t.page.$$eval('ol.formulations > li', (ls) =>
      ls.map((l) => ({
        text: l.querySelector('.ft')!.textContent,
        href: l.querySelector('.ft')!.getAttribute('href')!,
        n: l.querySelector('.n')!.textContent,
        first: l.querySelector('.meta a')!.getAttribute('href')!,
        byYear: l.querySelector('.meta')!.textContent,
      })),
    );
    expect(items.length).toBe(expected.length);
    for (const item of items) {
      const key = canonical(item.text, t2s).text;
      const users = bySpeeches.get(key)!;
      expect(item.n).toBe(`${users.size} 篇`);
      // First appearance: the oldest speech using it.
      expect(item.first.split('/')[2]).toBe(speeches.find((s) => users.has(s.slug))!.slug);
      // Every use is one click away: the exact full-text search of the formulation.
      const link = new URL(item.href, base());
      expect(link.pathname).toBe('/search/');
      expect(link.searchParams.get('q')).toBe(item.text);
      // Speeches by year, against the brute-force count.
      const years = new Map<string, number>();
      for (const x of speeches.filter((x) => users.has(x.slug))) {
        const y = x.date.year ? `${x.date.year}年` : '年份不详';
        years.set(y, (years.get(y) ?? 0) + 1);
      }
      for (const [y, n] of years) expect(item.byYear).toContain(`${y} ${n}`);
    }
  });
});

describe('on the speech page', () => {
  it('marks, on request, the text shared with other speeches and the formulations, as the reuse page does', async () => {
    let checked = 0;
    for (const s of speeches) {
      await t.page.goto(`${base()}/speeches/${s.slug}/shared/`);
      const expected = await t.page.$$eval('main section', (ss) =>
        ss.map((x) => ({
          id: x.id,
          shared: [...x.querySelectorAll('blockquote mark')].map((m) => m.textContent).join(''),
          formulations: [...x.querySelectorAll<HTMLAnchorElement>('blockquote a.f')].map((a) => a.href),
        })),
      );
      await t.page.goto(`${base()}/speeches/${s.slug}/`);
      await t.page.mouse.move(5, 5);
      const button = t.page.locator('footer.about button', { hasText: '标出与他篇相同的文字和常见提法' });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      for (const e of expected) {
        const got = await t.page.locator(`[id="${e.id}"]`).evaluate((b) => ({
          shared: [...b.querySelectorAll('mark.sd')].map((m) => m.textContent).join(''),
          formulations: [...new Set([...b.querySelectorAll<HTMLAnchorElement>('a.fm')].map((a) => a.href))],
        }));
        expect(got.shared).toBe(e.shared);
        expect(got.formulations).toEqual([...new Set(e.formulations)]);
        checked++;
      }
      // Marking changes no text: the page still reads as the speech.
      const text = await t.page
        .locator('article .text')
        .evaluate((x) => [...x.querySelectorAll(':scope > :not(.pn)')].map((b) => b.textContent).join(''));
      expect(text).toBe(
        texts
          .get(s.slug)!
          .map((b) => b.text)
          .join(''),
      );
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    }
    expect(checked).toBeGreaterThan(0);
  });
});
