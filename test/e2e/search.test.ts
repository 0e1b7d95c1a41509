import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../helpers/browser.ts';
import { expected, expectedFormulations, expectedNotes, expectedTerms, oracleTerms } from '../helpers/oracle.ts';
import { bySource, converted } from '../helpers/site.ts';

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
    const all = await t.page.locator('.hits > li.hit').count();
    expect(all).toBe(expected('放管服').length);

    await t.page.selectOption('select[name=level]', '市');
    await expect.poll(() => new URL(t.page.url()).searchParams.get('level')).toBe('市');
    await expect.poll(() => t.page.locator('.hits > li.hit').count()).toBe(1);

    await t.page.fill('form.search-page input[name=q]', '营商环境');
    await t.page.press('form.search-page input[name=q]', 'Enter');
    await expect.poll(() => new URL(t.page.url()).searchParams.get('q')).toBe('营商环境');
    await t.page.goBack();
    await expect.poll(() => t.page.inputValue('form.search-page input[name=q]')).toBe('放管服');
    expect(await t.page.inputValue('select[name=level]')).toBe('市');
    await expect.poll(() => t.page.locator('.hits > li.hit').count()).toBe(1);
  });

  it('sorts newest first on request', async () => {
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('廉政')}&sort=date`);
    await expect.poll(() => t.page.locator('.hits > li.hit').count()).toBe(expected('廉政').length);
    const dates = await t.page.$$eval('.hits > li.hit .meta', (ms) => ms.map((m) => /\d{4}/u.exec(m.textContent)![0]));
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('says so when nothing matches', async () => {
    const q = '量子纠缠政务';
    expect([expected(q), expectedNotes(q), expectedTerms(q)]).toEqual([[], [], []]);
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
    await expect.poll(() => t.page.locator('.status').textContent()).toBe(`没有找到“${q}”`);
  });

  it('says where it found a phrase that no speech holds but a term does (新质生产力)', async () => {
    const q = '新质生产力';
    expect(expected(q)).toEqual([]);
    expect(expectedTerms(q).length).toBeGreaterThan(0);
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
    await expect
      .poll(() => t.page.locator('.status').textContent())
      .toBe(`讲话原文中没有找到“${q}”；术语 ${expectedTerms(q).length} 条`);
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
    await expect.poll(() => dialog.locator('[role=status]').textContent()).toMatch(/^找到 \d+ 篇讲话，\d+ 段(；|$)/u);
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

/** Where the speeches listed under `.hits` link to (their titles, without `?hl=`), in order. */
const listed = () =>
  t.page.$$eval('.hits > li.hit > h2 > a', (as) => as.map((a) => a.getAttribute('href')!.split('?')[0]!));
const status = () => t.page.locator('.status').textContent();
const settled = () => expect.poll(async () => /^(正在|$)/u.test((await status()) ?? '')).toBe(false);
const yearOf = (slug: string) => String(converted().find((s) => s.slug === slug)!.date.year);

describe('filters', () => {
  it('say when they cause the empty result, with the count without them, and clear in one click', async () => {
    // A query some speeches hold, and a year that none of them, nor their notes, has.
    const years = [...new Set(converted().map((s) => String(s.date.year)))];
    const picks = queries.flatMap((q) => {
      const want = expected(q).map((w) => w.slug);
      const noted = expectedNotes(q).map((u) => u.split('/')[2]!);
      const year = years.find((y) => ![...want, ...noted].some((slug) => yearOf(slug) === y));
      return want.length && year ? [[q.trim(), year] as const] : [];
    });
    expect(picks.length).toBeGreaterThan(0);
    const [q, year] = picks[0]!;
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}&year=${year}`);
    await expect.poll(status).toBe(`“${q}”在所选筛选条件下没有结果；不加筛选有 ${expected(q).length} 篇`);
    expect(await t.page.inputValue('select[name=year]')).toBe(year);
    await t.page.click('.hits button.clear');
    await expect.poll(() => new URL(t.page.url()).searchParams.get('year')).toBeNull();
    expect(new URL(t.page.url()).searchParams.get('q')).toBe(q);
    expect(await t.page.inputValue('select[name=year]')).toBe('');
    await expect.poll(status).toMatch(new RegExp(`^找到 ${expected(q).length} 篇讲话`, 'u'));
    await expect.poll(listed).toHaveLength(expected(q).length);
  });

  it('without a query list every speech that has them, newest first or oldest first', async () => {
    const all = [...converted()].sort((a, b) => a.order - b.order);
    const level = all[0]!.level!;
    const want = all.filter((s) => s.level === level).map((s) => `/speeches/${s.slug}/`);
    await t.page.goto(`${base()}/search/?level=${encodeURIComponent(level)}`);
    await expect.poll(listed).toEqual(want);
    expect(await status()).toBe(`所选筛选条件下共 ${want.length} 篇讲话，按时间由近及远`);
    await t.page.selectOption('select[name=sort]', 'oldest');
    await expect.poll(listed).toEqual([...want].reverse());
    // Two filters: the speeches that have both.
    const year = yearOf(all[0]!.slug);
    await t.page.goto(`${base()}/search/?level=${encodeURIComponent(level)}&year=${year}`);
    await expect
      .poll(listed)
      .toEqual(all.filter((s) => s.level === level && String(s.date.year) === year).map((s) => `/speeches/${s.slug}/`));
  });

  it('find a value exactly as written, with a `|` and a run of spaces (a sidecar gives one)', async () => {
    const value = '作风  整顿|整改';
    const owners = converted().filter((s) => s.occasions.includes(value));
    expect(owners.length).toBeGreaterThan(0);
    const q = queries.find((x) => expected(x).some((w) => owners.some((o) => o.slug === w.slug)))!.trim();
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
    await settled();
    const index = await t.page.$$eval(
      'select[name=occasion] option',
      (os, v) => os.findIndex((o) => o.textContent === v),
      value,
    );
    await t.page.selectOption('select[name=occasion]', { index });
    await expect.poll(() => new URL(t.page.url()).searchParams.get('occasion')).toBe(value);
    const want = expected(q)
      .filter((w) => owners.some((o) => o.slug === w.slug))
      .map((w) => `/speeches/${w.slug}/`);
    await expect.poll(listed).toEqual(want);
    // Without a query, and from a shared link.
    await t.page.goto(`${base()}/search/?occasion=${encodeURIComponent(value)}`);
    await expect.poll(listed).toEqual(owners.map((o) => `/speeches/${o.slug}/`));
    expect(await t.page.inputValue('select[name=occasion]')).toBe(value);
  });
});

describe('back from a result', () => {
  it('returns to the same place in the same results', async () => {
    // The query with the most passages makes the longest page.
    const q = [...queries].sort(
      (a, b) =>
        expected(b).reduce((n, w) => n + w.sections.length, 0) - expected(a).reduce((n, w) => n + w.sections.length, 0),
    )[0]!;
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
    await settled();
    const links = t.page.locator('.hits > li.hit ol a');
    const target = links.nth(Math.floor((await links.count()) * 0.7));
    await target.evaluate((a) => a.scrollIntoView({ block: 'center' }));
    await t.page.waitForTimeout(200);
    const before = await target.evaluate((a) => ({ y: scrollY, top: a.getBoundingClientRect().top }));
    expect(before.y).toBeGreaterThan(1600);
    const href = (await target.getAttribute('href'))!;
    await target.click();
    await t.page.waitForURL((u) => u.pathname.startsWith('/speeches/'));
    await t.page.goBack();
    await t.page.waitForURL((u) => u.pathname === '/search/');
    await expect.poll(() => t.page.evaluate(() => scrollY)).toBe(before.y);
    const top = await t.page.locator(`.hits a[href="${href}"]`).evaluate((a) => a.getBoundingClientRect().top);
    expect(Math.abs(top - before.top)).toBeLessThan(2);
  });
});

describe('再核对 (check more)', () => {
  it('checks exactly the candidates its label names, and the status says how many are left', async () => {
    const q = queries.find((x) => expected(x).length > 1)!.trim();
    await t.page.goto(`${base()}/search/`);
    const speeches = await t.page.evaluate(
      async () => ((await (await fetch('/search/meta.json')).json()) as { speeches: number }).speeches,
    );
    const texts: string[] = [];
    t.page.on('request', (r) => {
      const m = /\/search\/idx\/d\/(\d+)\.json/u.exec(r.url());
      if (m && Number(m[1]) < speeches) texts.push(m[1]!);
    });
    // The page's own searcher, stopping after one speech and checking two candidates a click.
    await t.page.addScriptTag({
      type: 'module',
      content: `import('/search/ui.js').then((m) => {
        const list = document.createElement('ol');
        const status = document.createElement('p');
        list.className = 'probe';
        status.className = 'probe-status';
        document.querySelector('main').append(status, list);
        void m.searcher(list, status, 'h2', { limit: 1, step: 2 })(${JSON.stringify(q)});
      })`,
    });
    const probe = () => t.page.locator('.probe-status').textContent();
    const left = /^找到 (\d+) 篇讲话，\d+ 段；已核对 (\d+) 篇候选，另有 (\d+) 篇候选未核对/u;
    await expect.poll(probe).toMatch(left);
    let [, , checked, unverified] = left.exec((await probe())!)!.map(Number) as [number, number, number, number];
    expect(checked).toBe(texts.length);
    while (unverified > 0) {
      const n = Math.min(2, unverified);
      const button = t.page.locator('.probe button.more');
      expect(await button.textContent()).toBe(n < unverified ? `再核对 ${n} 篇候选` : `核对其余 ${n} 篇候选`);
      const fetched = texts.length;
      await button.click();
      // Settled: no longer searching, and either n more checked or none left to check.
      await expect
        .poll(async () => {
          const text = (await probe()) ?? '';
          return !text.startsWith('正在') && (text.includes(`已核对 ${checked + n} 篇`) || !left.test(text));
        })
        .toBe(true);
      expect(texts.length - fetched).toBe(n);
      checked += n;
      unverified -= n;
      const m = left.exec((await probe())!);
      expect(m ? Number(m[3]) : 0).toBe(unverified);
    }
    expect(await probe()).toMatch(new RegExp(`^找到 ${expected(q).length} 篇讲话，\\d+ 段(；|$)`, 'u'));
    expect(await t.page.locator('.probe button.more').count()).toBe(0);
  });
});

describe('notes and glossary', () => {
  it('are result groups of their own after the speeches, linking to the note and to the term', async () => {
    const qs = ['陕西用语', '六稳', '廉政'];
    for (const q of qs) {
      await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
      await settled();
      const got = await t.page.evaluate(() => ({
        order: [...document.querySelectorAll('.hits > li')].flatMap((li) =>
          li.matches('.hit') ? ['讲话'] : li.matches('.group') ? [li.querySelector('h2')!.textContent] : [],
        ),
        notes: [...document.querySelectorAll('.hits > li.notes li.hit ol a')].map((a) => a.getAttribute('href')),
        terms: [...document.querySelectorAll('.hits > li.terms li.hit h3 a')].map((a) => a.getAttribute('href')),
      }));
      expect(got.notes.sort(), q).toEqual(expectedNotes(q).sort());
      expect(got.terms.sort(), q).toEqual(expectedTerms(q).sort());
      const groups = [
        ...(expectedNotes(q).length ? ['注释'] : []),
        ...(expectedTerms(q).length ? ['术语'] : []),
        ...(expectedFormulations(q).length ? ['常见提法（至少 3 篇讲话用过）'] : []),
      ];
      expect(got.order, q).toEqual([...expected(q).map(() => '讲话'), ...groups]);
    }
    expect(qs.filter((q) => expectedNotes(q).length && expectedTerms(q).length).length).toBeGreaterThan(0);
    expect(qs.filter((q) => expectedNotes(q).length && !expected(q).length).length).toBeGreaterThan(0);
    // A note's link leads to the note on its speech's page.
    const note = expectedNotes('陕西用语')[0]!;
    await t.page.goto(`${base()}/search/?q=${encodeURIComponent('陕西用语')}`);
    await t.page.click(`.hits > li.notes a[href="${note}"]`);
    await t.page.waitForURL((u) => u.pathname + u.hash === note);
    expect(await t.page.locator(`#${note.split('#')[1]}`).textContent()).toContain('陕西用语');
  });
});

describe('formulations', () => {
  it('are a result group listing every formulation that holds the phrase, most used first, each searching its uses', async () => {
    // Phrases from the fixture's own formulations: a word inside one, and a whole one.
    const all = expectedFormulations('');
    expect(all.length).toBeGreaterThan(0);
    const whole = all[0]!;
    const word = [...all.at(-1)!].slice(2, 5).join('');
    for (const q of [word, whole]) {
      await t.page.goto(`${base()}/search/?q=${encodeURIComponent(q)}`);
      await settled();
      const want = expectedFormulations(q);
      expect(want.length, q).toBeGreaterThan(0);
      // Listed 10 at a time: 列出更多提法 until every one is there.
      for (;;) {
        const more = t.page.locator('.hits > li.formulations button');
        if (!(await more.count())) break;
        await more.click();
        await settled();
      }
      const got = await t.page.$$eval('.hits > li.formulations li.hit > a', (as) =>
        as.map((a) => ({
          text: a.textContent,
          href: a.getAttribute('href'),
          marked: a.querySelector('mark')?.textContent,
        })),
      );
      expect(
        got.map((g) => g.text),
        q,
      ).toEqual(want);
      for (const g of got) expect(new URL(g.href!, base()).searchParams.get('q')).toBe(g.text);
      expect(
        got.every((g) => g.marked),
        q,
      ).toBe(true);
    }
    // Following one searches the formulation's every use.
    await t.page.click(`.hits > li.formulations li.hit > a >> text="${whole}"`);
    await settled();
    await expect.poll(() => t.page.inputValue('form.search-page input[name=q]')).toBe(whole);
    const speeches = await t.page.$$eval('.hits > li.hit h2 a', (as) =>
      as.map((a) => a.getAttribute('href')!.split('/')[2]),
    );
    expect(speeches.length).toBeGreaterThan(0);
    for (const s of speeches) expect(expected(whole).map((e) => e.slug)).toContain(s);
  });
});

describe('result titles', () => {
  it('are the plain title, also where the page h1 holds a note link', async () => {
    const withLinks: string[] = [];
    for (const s of converted().filter((x) => !x.titleDerived)) {
      await t.page.goto(`${base()}/speeches/${s.slug}/`);
      if ((await t.page.locator('article h1 a').count()) > 0) withLinks.push(s.slug);
    }
    expect(withLinks.length).toBeGreaterThan(0);
    for (const slug of withLinks) {
      const title = converted().find((s) => s.slug === slug)!.title;
      await t.page.goto(`${base()}/search/?q=${encodeURIComponent(title)}`);
      await settled();
      const shown = t.page.locator(`.hits > li.hit > h2 > a[href^="/speeches/${slug}/"]`);
      expect(await shown.textContent()).toBe(title);
      // Pagefind's titles (near matches) too.
      await t.page.addScriptTag({
        type: 'module',
        content: `import('/search/ui.js').then(async (m) => {
          window.near = (await m.wordSearch(${JSON.stringify(title)})).map((w) => [w.url, w.title]);
        })`,
      });
      await t.page.waitForFunction(() => 'near' in window);
      const near = await t.page.evaluate(() => (window as unknown as { near: string[][] }).near);
      const mine = near.filter(([u]) => u === `/speeches/${slug}/`);
      expect(mine.length).toBeGreaterThan(0);
      for (const [, t2] of mine) expect(t2).toBe(title);
    }
  });
});

describe('accessibility of the search page with results', () => {
  it('has distinct names for its search landmarks and passes axe in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await t.open({ colorScheme });
      await t.page.goto(`${base()}/search/?q=${encodeURIComponent('六稳')}`);
      await settled();
      await expect.poll(() => t.page.locator('.hits > li.group').count()).toBeGreaterThan(0);
      const names = await t.page.$$eval('[role=search]', (fs) => fs.map((f) => f.getAttribute('aria-label')));
      expect(names.length).toBeGreaterThan(1);
      expect(new Set(names).size).toBe(names.length);
      const { violations } = await new AxeBuilder({ page: t.page }).analyze();
      expect(violations.map((v) => `${colorScheme}: ${v.id} (${v.nodes.length})`)).toEqual([]);
    }
  });
});
