import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNginx } from '../../scripts/ensure-nginx.ts';
import { useChromium } from '../helpers/browser.ts';
import { blocksOf, bySource, site } from '../helpers/site.ts';

/**
 * The nginx recipe for real: Debian's nginx serves the fixture site's dist/ with deploy/nginx.conf
 * (only its listen and root lines replaced), unprivileged (as nobody when the tests run as root),
 * on a free port with a scratch prefix for its pid, logs and temporary files. Through it Chromium
 * reads a speech, searches and lands, and the cache headers are the ones the README promises.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOBODY = 65534;

/** A TCP port nothing listens on now. */
const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

let nginx: ChildProcess;
let prefix: string;
let origin: string;
let log = '';
beforeAll(async () => {
  const binary = ensureNginx();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  prefix = mkdtempSync(join(tmpdir(), 'yanlu-nginx-'));
  for (const d of ['tmp', 'logs']) mkdirSync(join(prefix, d));
  const shipped = readFileSync('deploy/nginx.conf', 'utf8');
  const server = shipped
    .replace(/^ {4}listen 80;$/mu, `    listen 127.0.0.1:${port};`)
    .replace(/^ {4}root \/srv\/yanlu\/dist;$/mu, `    root ${site('dist')};`);
  // The test must serve the shipped file, not a variant of its own: exactly two lines differ.
  expect(server.split('\n').filter((l, i) => l !== shipped.split('\n')[i])).toHaveLength(2);
  writeFileSync(join(prefix, 'yanlu.conf'), server);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((k) => `  ${k}_temp_path ${join(prefix, 'tmp', k)};`)
    .join('\n');
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${join(prefix, 'nginx.pid')};\nerror_log ${join(prefix, 'logs/error.log')} warn;\n` +
      `events { worker_connections 64; }\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n` +
      `  access_log off;\n${temp}\n  include ${join(prefix, 'yanlu.conf')};\n}\n`,
  );
  const root = process.getuid?.() === 0;
  if (root) for (const p of [prefix, join(prefix, 'tmp'), join(prefix, 'logs')]) chownSync(p, NOBODY, NOBODY);
  nginx = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  nginx.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${log}`);
    try {
      await fetch(`${origin}/`);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx did not answer on ${origin}: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}, 300_000);
afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx.once('exit', r));
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

const head = async (path: string) => {
  const r = await fetch(`${origin}${path}`, { redirect: 'manual' });
  await r.arrayBuffer();
  return r;
};

describe('nginx with deploy/nginx.conf', () => {
  it('runs unprivileged', () => {
    const status = readFileSync(`/proc/${nginx.pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/mu.exec(status)![1]);
    expect(uid).not.toBe(0);
  });

  it('keeps hashed files a year, revalidates HTML and the search entry points, and serves the 404 page', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    const asset = readdirSync(site('dist/_astro'))[0]!;
    const meta = JSON.parse(readFileSync(site('dist/search/meta.json'), 'utf8')) as { v: string };
    const fragment = readdirSync(site('dist/pagefind/fragment'))[0]!;
    const revalidated = [
      `/speeches/${s.slug}/`,
      '/',
      '/search/meta.json',
      '/search/t2s.json',
      '/search/ui.js',
      '/speeches/read.js',
      '/pagefind/pagefind.js',
      '/pagefind/pagefind-entry.json',
      '/feed.xml',
      '/sitemap-index.xml',
      '/print.css',
    ];
    for (const p of revalidated) {
      const r = await head(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('cache-control'), p).toBe('no-cache');
      expect(r.headers.get('etag') ?? r.headers.get('last-modified'), p).toBeTruthy();
    }
    for (const p of [`/_astro/${asset}`, `/search/idx/i/0.bin?v=${meta.v}`, `/pagefind/fragment/${fragment}`]) {
      const r = await head(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('cache-control'), p).toBe(IMMUTABLE);
    }
    expect((await head(`/speeches/${s.slug}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await head('/feed.xml')).headers.get('content-type')).toMatch(/xml/u);
    const revisit = await fetch(`${origin}/speeches/${s.slug}/`, {
      headers: { 'if-none-match': (await head(`/speeches/${s.slug}/`)).headers.get('etag')! },
    });
    expect(revisit.status).toBe(304);
    const missing = await fetch(`${origin}/speeches/no-such-speech/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('找不到此页');
    const bare = await head(`/speeches/${s.slug}`);
    expect(bare.status).toBe(301);
    expect(new URL(bare.headers.get('location')!, origin).pathname).toBe(`/speeches/${s.slug}/`);
  });

  const t = useChromium();
  it('in Chromium: a speech reads, a search from its header lands on the paragraph, with the cache headers seen', async () => {
    const s = bySource('004_fd46211088a2c3db.txt');
    const seen = new Map<string, string>();
    t.page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.origin === origin) seen.set(u.pathname, r.headers()['cache-control'] ?? '');
    });
    const res = await t.page.goto(`${origin}/speeches/${s.slug}/`);
    expect(res!.status()).toBe(200);
    expect(await t.page.locator('h1').textContent()).toBe(s.title);
    const blocks = blocksOf(s.source.file);
    expect(await t.page.locator(`#${blocks.at(-1)!.id}`).textContent()).toContain(blocks.at(-1)!.text.slice(0, 20));
    await t.page.locator('header input[name=q]').fill('四个意识');
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL((u) => u.pathname === '/search/');
    const link = t.page.locator(`.hits a[href^="/speeches/${s.slug}/"][href*="#"]`).first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await t.page.waitForURL((u) => u.hash !== '');
    const id = new URL(href, origin).hash.slice(1);
    expect(blocks.find((b) => b.id === id)!.text).toContain('四个意识');
    await expect.poll(() => t.page.locator(`#${id} mark.hl`).count()).toBeGreaterThan(0);
    expect(seen.get('/search/meta.json')).toBe('no-cache');
    expect(seen.get('/search/ui.js')).toBe('no-cache');
    const shards = [...seen].filter(([p]) => p.startsWith('/search/idx/'));
    expect(shards.length).toBeGreaterThan(0);
    for (const [p, cc] of shards) expect(cc, p).toBe(IMMUTABLE);
  });
});
