import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { align, type Row } from '../../src/compare/align.ts';
import { suggestions } from '../../src/lib/partner.ts';
import type { SpeechShared, SpeechText } from '../../src/schemas/generated.ts';
import { useChromium } from '../helpers/browser.ts';
import { bySource, converted, site } from '../helpers/site.ts';

/**
 * Issue 14, the compare page in real Chromium against the built fixture site: the 比较 link on
 * every speech page, the partner it preselects, the rows exactly as the alignment of the two
 * speeches' converted blocks gives them (so the page read the right words from the two speech
 * pages), the known differences of the fixture pair (005 is 004's previous year, made from it),
 * folding, keyboard, links into folded text, axe in light and dark, 320 px, side by side, print.
 */
const base = () => inject('baseUrl');
const all = converted();
const byOrder = [...all].sort((a, b) => a.order - b.order);
const older = bySource('005_2019_xian_zuofeng.txt');
const newer = bySource('004_fd46211088a2c3db.txt');
const textOf = (slug: string) =>
  (JSON.parse(readFileSync(site('.generated/data/text', `${slug}.json`), 'utf8')) as SpeechText).blocks.map((b) => ({
    id: b.id,
    depth: b.depth ?? 0,
    text: b.text,
  }));
const sharedOf = (slug: string) =>
  JSON.parse(readFileSync(site('.generated/data/shared', `${slug}.json`), 'utf8')) as SpeechShared;
const pairUrl = `/compare/?a=${older.slug}&b=${newer.slug}`;
const expectedRows = align(textOf(older.slug), textOf(newer.slug)).rows;
/** A row as the page must show it: kind, A's text, B's text. */
const asShown = (r: Row) => [r.kind, 'a' in r ? r.a.text : '', 'b' in r ? r.b.text : ''];

const t = useChromium();

/** Every row on the page: kind, and each side's words (labels, notices and the other side's marks left out). */
const shownRows = () =>
  t.page.$$eval('.cp-row', (rows) =>
    rows.map((row) => {
      const words = (sel: string, drop: string) => {
        const c = row.querySelector(sel)?.cloneNode(true) as HTMLElement | undefined;
        if (!c) return '';
        for (const n of c.querySelectorAll(`.vh, .cp-none, .cp-moved, ${drop}`)) n.remove();
        return c.textContent.trim();
      };
      const kind = [...row.classList].find((c) => c !== 'cp-row')!.slice(3);
      const both = words('.cp-ab', 'x-none');
      return [kind, both || words('.cp-a', 'ins'), both || words('.cp-b', 'del')];
    }),
  );

async function openPair(path = pairUrl) {
  await t.page.goto(`${base()}${path}`);
  await expect.poll(() => t.page.locator('.cp-row').count()).toBeGreaterThan(0);
}

describe('the 比较 link', () => {
  it('is added to every speech page by read.js and leads to the compare page for that speech', async () => {
    for (const s of all) {
      await t.page.goto(`${base()}/speeches/${s.slug}/`);
      await t.page.mouse.move(5, 5);
      const link = t.page.locator('footer.about .links a', { hasText: '比较' });
      await expect.poll(() => link.count()).toBe(1);
      expect(await link.getAttribute('href')).toBe(`/compare/?a=${s.slug}`);
    }
  });

  it('preselects what each shared.json suggests: the same kind of speech from the year before, older first', async () => {
    for (const s of all) {
      const res = await fetch(`${base()}/speeches/${s.slug}/shared.json`);
      const { compare } = (await res.json()) as { compare: unknown[] };
      expect(compare).toEqual(suggestions(s, byOrder, sharedOf(s.slug)));
    }
    // The fixture pair: 2020's speech is compared with 2019's, at the same kind of meeting.
    await t.page.goto(`${base()}/speeches/${newer.slug}/`);
    await t.page.mouse.move(5, 5);
    await t.page.locator('footer.about .links a', { hasText: '比较' }).click();
    await expect.poll(() => t.page.locator('.cp-row').count()).toBeGreaterThan(0);
    expect(new URL(t.page.url()).search).toBe(`?a=${older.slug}&b=${newer.slug}`);
  });
});

describe('the comparison', () => {
  it('shows exactly the rows of the alignment of the two converted speeches', async () => {
    await openPair();
    expect(await shownRows()).toEqual(expectedRows.map(asShown));
  });

  it('finds the known differences of the fixture pair', async () => {
    await openPair();
    const rows = await shownRows();
    const of = (kind: string) => rows.filter((r) => r[0] === kind);
    expect(of('del').map((r) => r[1])).toEqual([
      '要以“不忘初心、牢记使命”主题教育为契机，认真查找作风方面的突出问题。',
    ]);
    expect(of('ins').map((r) => r[2]!.slice(0, 8))).toEqual(['当前，首要的是要', '要在全县政府系统']);
    expect(of('out').map((r) => r[1]!.slice(0, 8))).toEqual(['要主动邀请人大代', '要坚持“项目为王']);
    expect(of('changed').map((r) => [r[1], r[2]])).toContainEqual([
      '（四）坚持自我革命，建设服务型政府。',
      '（四）坚持刀刃向内，建设服务型政府。',
    ]);
    expect(of('changed').map((r) => r[2])).toContainEqual(
      '要始终坚持严字当头，层层传导压力，推动政府系统党风廉政建设和反腐败工作向纵深发展。',
    );
    // Changed words are <ins>/<del> with words for screen readers, not colour alone.
    const del = t.page.locator('.cp-changed del').first();
    expect(await del.locator('.vh').first().textContent()).toBe('〔删除：');
    expect(await t.page.locator('.cp-changed ins .vh').first().textContent()).toBe('〔新增：');
    const table = await t.page.$$eval('.cp-nums tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent)),
    );
    expect(table).toContainEqual(['年份', '2018年', '2019年']);
    const items = (n: number) =>
      t.page.locator('.cp-sum .cp-fm').nth(n).locator('li > a:first-child').allTextContents();
    expect(await items(0)).toContain('新官不理旧账');
    expect(await items(1)).toContain('不忘初心、牢记使命');
    // Each number links to its row.
    const first = t.page.locator('.cp-nums tbody a').first();
    await first.click();
    const id = (await first.getAttribute('href'))!.slice(1);
    expect(await t.page.evaluate(() => document.querySelector(':target')?.id)).toBe(id);
  });

  it('folds unchanged sentences with their count, and opens them by mouse and keyboard', async () => {
    await openPair();
    const fold = t.page.locator('.cp-fold').first();
    const button = fold.locator('> button');
    const hidden = fold.locator('> .cp-folded');
    const n = await hidden.locator('.cp-row').count();
    expect(await button.textContent()).toContain(`两篇相同的 ${n} 句`);
    expect(await hidden.isVisible()).toBe(false);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await hidden.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await button.focus();
    await t.page.keyboard.press('Enter');
    expect(await hidden.isVisible()).toBe(false);
    await t.page.keyboard.press('Space');
    expect(await hidden.isVisible()).toBe(true);
    // Every sentence folded is one the two speeches share.
    const same = expectedRows.filter((r) => r.kind === 'same' && !r.a.depth).length;
    const folded = await t.page.$$eval('.cp-folded .cp-row', (rs) => rs.length);
    expect(folded).toBe(same);
    await t.page.getByRole('button', { name: '全部展开' }).click();
    expect(await t.page.locator('.cp-folded:not([hidden])').count()).toBe(await t.page.locator('.cp-folded').count());
  });

  it('Tab reaches the tools, the number links, the outline and every fold', async () => {
    await openPair();
    const reached = new Set<string>();
    const folds = await t.page.locator('.cp-fold > button').count();
    let foldsReached = 0;
    for (let i = 0; i < 600 && foldsReached < folds; i++) {
      await t.page.keyboard.press('Tab');
      const what = await t.page.evaluate(() => {
        const e = document.activeElement!;
        return e.closest('.cp-fold')
          ? 'fold'
          : (e.closest('.cp-tools, .cp-nums, .cp-pairs, .cp-pick')?.className ?? '');
      });
      if (what === 'fold') foldsReached++;
      reached.add(what);
    }
    expect(foldsReached).toBe(folds);
    for (const part of ['cp-pick', 'cp-tools', 'cp-nums', 'cp-pairs']) expect(reached).toContain(part);
  });

  it('is linkable: an address to a folded sentence opens its fold and shows it', async () => {
    const row = expectedRows.findIndex((r) => r.kind === 'same' && !r.a.depth && r.a.section > 0);
    await openPair(`${pairUrl}#r${row}`);
    const target = t.page.locator(`#r${row}`);
    await expect.poll(() => target.isVisible()).toBe(true);
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(800);
  });

  it('is linked from the outline comparison of two speeches, and links back to it', async () => {
    await t.page.goto(`${base()}/skeletons/compare/?s=${older.slug},${newer.slug}`);
    const link = t.page.locator('.cmp-text a');
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await expect.poll(() => t.page.locator('.cp-row').count()).toBeGreaterThan(0);
    expect(new URL(t.page.url()).search).toBe(`?a=${older.slug}&b=${newer.slug}`);
    expect(await t.page.locator('.cp-tools a', { hasText: '只看提纲' }).getAttribute('href')).toBe(
      `/skeletons/compare/?s=${older.slug},${newer.slug}`,
    );
  });

  it('says so when a speech does not exist', async () => {
    await t.page.goto(`${base()}/compare/?a=no-such-speech`);
    await expect.poll(() => t.page.locator('.cp-status').textContent()).toContain('没有找到讲话：no-such-speech');
  });
});

describe('every screen, and paper', () => {
  it('passes axe (every rule) in light and dark, folds open and closed', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await t.open({ colorScheme });
      await openPair();
      for (const open of [false, true]) {
        if (open) await t.page.getByRole('button', { name: '全部展开' }).click();
        const { violations } = await new AxeBuilder({ page: t.page }).analyze();
        expect(violations.map((v) => `${colorScheme} ${open}: ${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
      }
    }
  });

  it('stacks A over B at 320 px without scrolling sideways, and sets them side by side at 1024 px', async () => {
    for (const [width, side] of [
      [320, false],
      [1024, true],
    ] as const) {
      await t.open({ viewport: { width, height: 800 } });
      await openPair();
      await t.page.getByRole('button', { name: '全部展开' }).click();
      const [scroll, inner] = await t.page.evaluate(() => [document.scrollingElement!.scrollWidth, innerWidth]);
      expect(scroll).toBeLessThanOrEqual(inner);
      const [a, b] = await t.page.$$eval('.cp-changed', (rows) => {
        const r = rows[0]!;
        return ['.cp-a', '.cp-b'].map((s) => r.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect);
      });
      if (side) {
        expect(b!.left).toBeGreaterThan(a!.right);
        expect(Math.round(b!.top)).toBe(Math.round(a!.top));
      } else expect(b!.top).toBeGreaterThanOrEqual(a!.bottom);
    }
  });

  it('prints one column, with the words of the deletion and insertion marks, without the controls', async () => {
    await openPair();
    await t.page.emulateMedia({ media: 'print' });
    const style = await t.page.evaluate(() => {
      const vh = document.querySelector('.cp-changed del .vh')!;
      return {
        mark: getComputedStyle(vh).position,
        tools: getComputedStyle(document.querySelector('.cp-tools')!).display,
        form: getComputedStyle(document.querySelector('.cp-pick')!).display,
        row: getComputedStyle(document.querySelector('.cp-changed')!).display,
      };
    });
    expect(style).toEqual({ mark: 'static', tools: 'none', form: 'none', row: 'block' });
  });
});
