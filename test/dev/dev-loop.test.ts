import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { useChromium } from '../helpers/browser.ts';
import { SITE_ROOT } from '../helpers/site.ts';
import type { SpeechMeta } from '../../src/schemas/generated.ts';

/**
 * `npm run dev`'s editing loop, for real: Astro's dev server on a temporary copy of the fixture
 * collection, edited file by file while Chromium keeps a page open. Nothing reloads the page but
 * the dev server, and the server is never restarted.
 */
const root = mkdtempSync(join(tmpdir(), 'yanlu-dev-'));
cpSync(join(SITE_ROOT, 'content'), join(root, 'content'), { recursive: true });
const SOURCE = 'content/speeches/003_e3fdc6f72dd66975.txt';
const SIDECAR = 'content/speeches/003_e3fdc6f72dd66975.yaml';
const NOTES = 'content/annotations/003_e3fdc6f72dd66975.yaml';
const GLOSSARY = 'content/glossary.yaml';
const file = (rel: string) => join(root, rel);
const read = (rel: string) => readFileSync(file(rel), 'utf8');
const edit = (rel: string, change: (text: string) => string) => {
  const before = read(rel);
  const after = change(before);
  expect(after, `${rel} changed`).not.toBe(before);
  writeFileSync(file(rel), after);
};

const ASTRO = resolve('node_modules/astro/bin/astro.mjs');
/** A GET that gives up rather than wait on a server that does not answer. */
const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(30_000) });

const t = useChromium({ perTest: false });
let dev: ChildProcess;
let base = '';
let terminal = '';
let slug = '';
const pid = () => dev.pid;

/**
 * The environment a terminal gives `npm run dev`: without what Vitest adds (VITEST, MODE, BASE_URL …),
 * with which Astro's dev server answers every page with 404.
 */
const VITEST_VARS = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);
const terminalEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !VITEST_VARS.has(k)));

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.on('error', fail);
  });

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // As `npm run dev` starts it; its own process group, so every process it starts ends with it.
  dev = spawn(process.execPath, [ASTRO, 'dev', '--ignore-lock', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...terminalEnv(), YANLU_ROOT: root, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const s of [dev.stdout!, dev.stderr!]) s.setEncoding('utf8').on('data', (c: string) => (terminal += c));
  // The first start converts the collection before it serves (a loaded 2-core machine: minutes).
  const until = Date.now() + 150_000;
  let answer = '';
  while (answer !== '200') {
    answer = await get(`${base}/`).then(
      (r) => String(r.status),
      (e: Error) => `${e.message} (${String((e.cause as { code?: string } | undefined)?.code)})`,
    );
    if (dev.exitCode !== null || Date.now() > until)
      throw new Error(`the dev server did not start (${answer}):\n${terminal}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const metas = JSON.parse(read('.generated/data/speeches.json')) as Record<string, SpeechMeta>;
  slug = Object.values(metas).find((m) => m.source.file === SOURCE)!.slug;
}, 180_000);

afterAll(() => {
  if (dev.pid && dev.exitCode === null) process.kill(-dev.pid);
  rmSync(root, { recursive: true, force: true });
});

const speechUrl = () => `${base}/speeches/${slug}/`;
const text = () =>
  t.page
    .locator('.text')
    .innerText({ timeout: 10_000 })
    .catch(() => '');
/** The error overlay's text ('' for none; '(reloading)' while the page reloads). */
const overlay = () =>
  t.page
    .evaluate(() => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent?.replace(/\s+/gu, ' ') ?? '')
    .catch(() => '(reloading)');
/** Go to a page; the dev server may reload the page meanwhile (a collection pass ending): again. */
async function open(url: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await t.page.goto(url, { waitUntil: 'domcontentloaded' });
      return;
    } catch (e) {
      // The reload may interrupt the navigation (Chromium: by another navigation, or aborted).
      if (attempt === 3 || !/interrupted by another navigation|net::ERR_ABORTED/u.test(String(e))) throw e;
    }
  }
}
/** Waits, as a reader would, for the open page to show it (the dev server reloads the page). */
const POLL = { timeout: 45_000, interval: 100 };

/** The one problem line the terminal printed that names `rel` and contains `part`. */
const terminalLine = (rel: string, part: string) =>
  terminal
    .split('\n')
    .map((l) => l.slice(l.indexOf(rel)))
    .find((l) => l.startsWith(rel) && l.includes(part));

describe('npm run dev', () => {
  let started: number | undefined;
  const alive = async () => {
    expect(dev.exitCode, terminal).toBeNull();
    expect(pid()).toBe(started);
    expect((await get(`${base}/`)).status).toBe(200);
  };

  it("shows an edit to a speech's text on the open page, without a restart", async () => {
    started = pid();
    await open(speechUrl());
    await expect.poll(text, POLL).toContain('全县政府系统深入贯彻');
    const at = performance.now();
    edit(SOURCE, (s) => s.replace('全县政府系统深入贯彻', '全县街道办事处深入贯彻'));
    await expect.poll(text, POLL).toContain('全县街道办事处深入贯彻');
    console.log(`speech edit → open page: ${Math.round(performance.now() - at)} ms`);
    expect(await text()).not.toContain('全县政府系统深入贯彻');
    await alive();
  });

  it("shows an edit to a note's text", async () => {
    const notes = parse(read(NOTES)) as { notes: Array<{ exact: string; body: string }> };
    const note = notes.notes.find((n) => n.exact === '来XX考察')!;
    const body = `${note.body}（编者已核对）`;
    edit(NOTES, (s) => s.replace(note.body, body));
    await expect.poll(text, POLL).toContain(body);
    await alive();
  });

  it('shows an edit to the glossary: a new form links on the page, a definition on its term page', async () => {
    const terms = parse(read(GLOSSARY)) as Array<{ slug: string; aliases: string[]; definition: string }>;
    const term = terms.find((x) => x.slug === 'si-feng')!;
    term.aliases.push('街道办事处');
    term.definition = `${term.definition}（编者补充）`;
    writeFileSync(file(GLOSSARY), stringify(terms));
    const link = t.page.locator('.text a[href="/glossary/si-feng/"]', { hasText: '街道办事处' });
    await expect.poll(() => link.count(), POLL).toBe(1);
    // The link is there once the speech's marks are written; the collection pass goes on to the
    // glossary's own file after the reuse pass. A page opened before that, while its live-reload
    // socket is not yet connected, misses the reload the file's change sends (CI under load): so
    // the page is opened again until it shows the new definition, as a reader would reload it.
    await expect
      .poll(
        async () => {
          await open(`${base}/glossary/si-feng/`);
          return t.page.locator('main').innerText();
        },
        { timeout: 45_000, interval: 500 },
      )
      .toContain('（编者补充）');
    await alive();
  });

  it('shows a note that no longer anchors in the overlay, with the terminal line, and recovers when fixed', async () => {
    await open(speechUrl());
    const good = read(NOTES);
    edit(NOTES, (s) => s.replace('exact: 来XX考察', 'exact: 来YY考察'));
    await expect.poll(overlay, POLL).toContain('来YY考察');
    await expect.poll(() => terminalLine(NOTES, '来YY考察'), POLL).toBeDefined();
    const line = terminalLine(NOTES, '来YY考察')!;
    expect(line).toMatch(/: note \d+ \(“来YY考察”\): quote not found in the speech; fix exact\/prefix\/suffix$/u);
    await expect.poll(overlay, POLL).toContain(line);
    // The speech stays readable, its text as edited, meanwhile.
    await expect.poll(text, POLL).toContain('全县街道办事处深入贯彻');
    await alive();

    writeFileSync(file(NOTES), good);
    await expect.poll(overlay, POLL).toBe('');
    await expect.poll(() => t.page.locator('.text a.q', { hasText: '来XX考察' }).count(), POLL).toBe(1);
    await alive();
  });

  it('shows a bad sidecar value in the overlay, keeps the last good page, and recovers when fixed', async () => {
    await open(speechUrl());
    const good = read(SIDECAR);
    writeFileSync(file(SIDECAR), `${good.trimEnd()}\nlevel: 乡\n`);
    await expect.poll(overlay, POLL).toContain(`${SIDECAR}: level:`);
    const line = terminalLine(SIDECAR, 'level:');
    expect(line).toBeDefined();
    await expect.poll(overlay, POLL).toContain(line!);
    await expect.poll(text, POLL).toContain('全县街道办事处深入贯彻');
    await alive();

    edit(SIDECAR, () => good);
    await expect.poll(overlay, POLL).toBe('');
    await expect.poll(text, POLL).toContain('全县街道办事处深入贯彻');
    // Edits after the fix still reach the page.
    edit(SOURCE, (s) => s.replace('全县街道办事处深入贯彻', '全县街道办事处认真贯彻'));
    await expect.poll(text, POLL).toContain('全县街道办事处认真贯彻');
    await alive();
  });
});
