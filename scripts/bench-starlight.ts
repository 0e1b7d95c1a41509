/**
 * Measure what Starlight (the Astro docs theme) serves for each seed speech, as the yardstick of
 * the performance budget: a Yanlu speech page must weigh at most half of the Starlight page.
 *
 * Builds a scratch Starlight project outside the repository (default: <tmpdir>/yanlu-starlight),
 * installs the latest `@astrojs/starlight` with the newest `astro` its peer range allows, writes
 * one Markdown page per `content/speeches/*.txt`, runs `astro build` (default setup: zh-CN root
 * locale, Pagefind search on) and gzips (level 9) each page's HTML plus every stylesheet and
 * script it loads eagerly. Writes `bench/starlight.json` and prints a table.
 *
 * With `--time` (used by scripts/bench-scale.ts): build the speeches of `--speeches DIR` (e.g. a
 * generated collection of 1,000) instead of the seeds, and only time it: wall time and peak RSS
 * of the whole `astro build` process tree (Pagefind included), measured as bench-scale measures
 * Yanlu's build. Writes {speeches, wallMs, peakRss, …} to --out (default DIR/time.json of the
 * scratch project, so the page-weight yardstick bench/starlight.json is left alone).
 *
 * Usage: node scripts/bench-starlight.ts [--dir DIR] [--starlight VERSION] [--out FILE]
 *        node scripts/bench-starlight.ts --time --speeches DIR [--interval MS] [--dir DIR] [--out FILE]
 *   Run with Node ≥ 22.12 (Astro 7), e.g. node_modules/.bin/node scripts/bench-starlight.ts.
 *   Needs the npm registry (npm on PATH); nothing else from the network.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}

const work = path.resolve(option('--dir', path.join(os.tmpdir(), 'yanlu-starlight')));
const starlightSpec = option('--starlight', 'latest');
const timeOnly = process.argv.includes('--time');
const outFile = path.resolve(repo, option('--out', timeOnly ? path.join(work, 'time.json') : 'bench/starlight.json'));
const seedsDir = path.resolve(repo, option('--speeches', path.join('content', 'speeches')));

if (work === repo || work.startsWith(repo + path.sep)) {
  throw new Error(`the scratch project must be outside the repository: ${work}`);
}
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  throw new Error(`Astro 7 needs Node >= 22.12, this is ${process.version}: run node_modules/.bin/node`);
}

// Child processes (npm, astro) run on this same Node.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};

function run(cmd: string, args: string[], cwd: string, capture = false): string {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return capture ? r.stdout : '';
}

// ---------------------------------------------------------------------------------------------
// 1. Scratch project

interface Viewed {
  version: string;
  peerDependencies?: Record<string, string>;
}
const viewed = JSON.parse(
  run(
    'npm',
    ['view', `@astrojs/starlight@${starlightSpec}`, 'version', 'peerDependencies', '--json'],
    os.tmpdir(),
    true,
  ),
) as Viewed | Viewed[];
const starlightInfo = Array.isArray(viewed) ? viewed[viewed.length - 1] : viewed;
if (!starlightInfo) throw new Error(`no @astrojs/starlight@${starlightSpec}`);
const astroRange = starlightInfo.peerDependencies?.astro ?? 'latest';

fs.mkdirSync(work, { recursive: true });
const pkgFile = path.join(work, 'package.json');
const pkg = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>) : {};
// esbuild's install script only checks its binary; allowing it keeps npm quiet.
const scratchPkg = {
  ...pkg,
  name: 'yanlu-starlight-bench',
  private: true,
  type: 'module',
  allowScripts: { esbuild: true },
};
fs.writeFileSync(pkgFile, JSON.stringify(scratchPkg, null, 2) + '\n');
console.log(`bench-starlight: installing @astrojs/starlight@${starlightInfo.version}, astro@${astroRange} in ${work}`);
run(
  'npm',
  ['install', '--no-audit', '--no-fund', `@astrojs/starlight@${starlightInfo.version}`, `astro@${astroRange}`],
  work,
);
const installed = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(work, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
const versions = { starlight: installed('@astrojs/starlight'), astro: installed('astro') };

fs.writeFileSync(
  path.join(work, 'astro.config.mjs'),
  `import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

// Starlight's default setup for a single-language Chinese site; Pagefind search is on by default.
export default defineConfig({
  integrations: [
    starlight({
      title: '言录',
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
    }),
  ],
});
`,
);
fs.mkdirSync(path.join(work, 'src'), { recursive: true });
fs.writeFileSync(
  path.join(work, 'src', 'content.config.ts'),
  `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
`,
);

// ---------------------------------------------------------------------------------------------
// 2. One Markdown page per seed

/** Cleaned lines of a seed: advertising block and signature lines dropped, whitespace trimmed. */
function cleanLines(text: string): string[] {
  let lines = text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((l) => l.trim());
  if (lines[0]?.startsWith('仅供学习')) {
    const end = lines.findIndex((l, i) => i < 20 && l.startsWith('会员群'));
    if (end >= 0) lines = lines.slice(end + 1);
  }
  return lines.filter((l) => l !== '' && !/^酷乐文行整理，?咨询QQ/u.test(l));
}

/** Backslash-escape ASCII punctuation that Markdown could read as syntax, so the text is literal. */
function escapeMarkdown(text: string): string {
  let s = text.replace(/[\\`*_[\]<>&#|~!{}$]/gu, (c) => `\\${c}`);
  // Block syntax that only counts at the start of a line: lists, quotes, setext underlines.
  s = s.replace(/^([-+=>])/u, '\\$1').replace(/^(\d+)([.)])/u, '$1\\$2');
  return s;
}

const CN_NUM = '[一二三四五六七八九十]+';
const H2 = new RegExp(`^${CN_NUM}、`, 'u');
const H3 = new RegExp(`^[（(]${CN_NUM}[）)]`, 'u');
/** 第一，… standing alone on its line (no sentence end) is a section heading; in running text it is not. */
const H2_ORDINAL = new RegExp(`^第${CN_NUM}，[^。！？]{1,100}$`, 'u');
const TITLE = /^在.+讲话/u;

interface Doc {
  title: string;
  markdown: string;
  /** Every text block, for checking that the built page carries the speech's text. */
  blocks: string[];
  headings: number;
}

function toDoc(text: string): Doc {
  const lines = cleanLines(text);
  const hasTitle = lines.length > 0 && TITLE.test(lines[0] ?? '');
  const title = hasTitle ? (lines[0] ?? '讲话') : '讲话';
  const body = hasTitle ? lines.slice(1) : lines;
  const out: string[] = [];
  const blocks: string[] = [];
  let headings = 0;
  for (const line of body) {
    const level = H2.test(line) || H2_ORDINAL.test(line) ? '##' : H3.test(line) ? '###' : '';
    if (level) {
      // A heading that shares its line with body text ends at the first sentence end.
      const end = line.search(/[。！？]/u);
      const head = end < 0 || end === line.length - 1 ? line : line.slice(0, end + 1);
      if (head.length <= 100) {
        out.push(`${level} ${escapeMarkdown(head)}`);
        blocks.push(head);
        headings++;
        const rest = line.slice(head.length);
        if (rest) {
          out.push(escapeMarkdown(rest));
          blocks.push(rest);
        }
        continue;
      }
    }
    out.push(escapeMarkdown(line));
    blocks.push(line);
  }
  const markdown = `---\ntitle: ${JSON.stringify(title)}\n---\n\n${out.join('\n\n')}\n`;
  return { title, markdown, blocks, headings };
}

const seeds = fs
  .readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
if (seeds.length === 0) throw new Error(`no seeds in ${seedsDir}`);

/** The text of a UTF-8 file, or null if it is not valid UTF-8 or holds NUL bytes (binary data). */
function strictUtf8(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\0') ? null : text;
  } catch {
    return null;
  }
}

const docsDir = path.join(work, 'src', 'content', 'docs');
fs.rmSync(docsDir, { recursive: true, force: true });
fs.mkdirSync(docsDir, { recursive: true });
const docs = new Map<string, Doc>();
let skipped = 0;
for (const seed of seeds) {
  const bytes = fs.readFileSync(path.join(seedsDir, seed));
  // A collection for --time may hold broken files on purpose (bench-scale --broken): skip them.
  const text = timeOnly ? strictUtf8(bytes) : bytes.toString('utf8');
  if (text === null || text.trim() === '') {
    skipped++;
    continue;
  }
  const doc = toDoc(text);
  docs.set(seed, doc);
  fs.writeFileSync(path.join(docsDir, `${path.basename(seed, '.txt')}.md`), doc.markdown);
}

// ---------------------------------------------------------------------------------------------
// 3. Build

const dist = path.join(work, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const astroArgs = [path.join(work, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'];
if (timeOnly) {
  await timeBuild();
  // Timing is all --time is for: the per-page measurement below is about the seeds.
  process.exit(0);
}
run(process.execPath, astroArgs, work);
if (!fs.existsSync(path.join(dist, 'pagefind'))) {
  throw new Error('the build made no Pagefind index: is search still on by default?');
}

/** --time: the build, measured like Yanlu's in bench-scale (same sampler), to `outFile`. */
async function timeBuild(): Promise<void> {
  const { runMeasured } = await import('./bench-scale.ts');
  const interval = Number(option('--interval', '150'));
  const logFile = path.join(work, 'build.log');
  console.log(
    `bench-starlight: timing astro build of ${docs.size} pages (${skipped} files skipped), log in ${logFile}`,
  );
  // Cold, like Yanlu's build in bench-scale: no content cache left from a previous run.
  fs.rmSync(path.join(work, '.astro'), { recursive: true, force: true });
  fs.rmSync(path.join(work, 'node_modules', '.astro'), { recursive: true, force: true });
  const m = await runMeasured(process.execPath, astroArgs, { cwd: work, env, intervalMs: interval, logFile });
  if (m.exitCode !== 0) {
    throw new Error(`astro build failed (exit ${m.exitCode}): ${m.stderrTail.at(-1) ?? `see ${logFile}`}`);
  }
  if (!fs.existsSync(path.join(dist, 'pagefind'))) throw new Error('the build made no Pagefind index');
  const result = {
    measured: new Date().toISOString(),
    starlight: versions.starlight,
    astro: versions.astro,
    speeches: docs.size,
    skipped,
    wallMs: m.wallMs,
    peakRss: m.peakRss,
    samples: m.samples,
    method: `astro build (Pagefind included) as one child process; RSS summed over its process tree, sampled every ${interval} ms`,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
  console.log(
    `bench-starlight: ${docs.size} pages built in ${(m.wallMs / 1000).toFixed(1)} s, peak RSS ${(m.peakRss / 1024 ** 2).toFixed(0)} MB; wrote ${outFile}`,
  );
}

// ---------------------------------------------------------------------------------------------
// 4. Measure

const gzipSize = (data: Buffer | string): number => zlib.gzipSync(data, { level: 9 }).length;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gu)) {
    const name = m[1];
    if (name) out[name.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

/** The file in dist/ that a URL on page `pageUrl` points at, or null if it is not local. */
function localFile(ref: string, pageUrl: URL): string | null {
  const url = new URL(ref.replace(/&amp;/gu, '&'), pageUrl);
  if (url.origin !== pageUrl.origin) return null;
  const file = path.join(dist, decodeURIComponent(url.pathname));
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

interface Asset {
  file: string;
  kind: 'css' | 'js';
}

const STATIC_IMPORT = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+)["']/gu;
/** `import('…')` with a literal specifier (minifiers may write it with backticks). */
const DYNAMIC_IMPORT = /\bimport\(\s*(?:"([^"]+)"|'([^']+)'|`([^`$]+)`)\s*\)/gu;
const isPath = (ref: string) => /^(?:\.{0,2}\/)/u.test(ref);

interface Loads {
  /** Loaded with the page, before anyone interacts with it. */
  eager: Asset[];
  /** Reached only through dynamic import() from eager scripts (Starlight's Pagefind UI, at idle). */
  deferred: Asset[];
  missing: string[];
}

/** Stylesheets and scripts a page loads. */
function pageLoads(html: string, pageUrl: URL): Loads {
  type Job = { ref: string; base: URL; kind: 'css' | 'js'; deferred: boolean };
  const eager = new Map<string, Asset>();
  const deferred = new Map<string, Asset>();
  const missing: string[] = [];
  const queue: Job[] = [];
  const scanJs = (text: string, base: URL, isDeferred: boolean) => {
    for (const i of text.matchAll(STATIC_IMPORT)) {
      if (i[1] && isPath(i[1])) queue.push({ ref: i[1], base, kind: 'js', deferred: isDeferred });
    }
    for (const i of text.matchAll(DYNAMIC_IMPORT)) {
      const ref = i[1] ?? i[2] ?? i[3];
      if (ref && isPath(ref)) queue.push({ ref, base, kind: 'js', deferred: true });
    }
  };
  // Comments hide tags.
  const live = html.replace(/<!--[\s\S]*?-->/gu, '');
  for (const m of live.matchAll(/<link\b[^>]*>/giu)) {
    const a = attrs(m[0].slice(5, -1));
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/u);
    if (!a.href) continue;
    const job = (kind: 'css' | 'js') => queue.push({ ref: a.href ?? '', base: pageUrl, kind, deferred: false });
    if (rel.includes('stylesheet') && !('disabled' in a)) job('css');
    else if (rel.includes('modulepreload')) job('js');
    else if (rel.includes('preload') && a.as === 'script') job('js');
    else if (rel.includes('preload') && a.as === 'style') job('css');
  }
  for (const m of live.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/giu)) {
    const a = attrs(m[1] ?? '');
    if (a.src) queue.push({ ref: a.src, base: pageUrl, kind: 'js', deferred: false });
    else if ((a.type ?? '').toLowerCase() === 'module') scanJs(m[2] ?? '', pageUrl, false);
  }
  // Eager jobs first, so a file loaded both ways counts as eager.
  const next = (): Job | undefined => {
    const i = queue.findIndex((j) => !j.deferred);
    return i >= 0 ? queue.splice(i, 1)[0] : queue.shift();
  };
  for (let job = next(); job; job = next()) {
    const file = localFile(job.ref, job.base);
    if (!file) {
      missing.push(job.ref);
      continue;
    }
    if (eager.has(file) || (job.deferred && deferred.has(file))) continue;
    deferred.delete(file);
    (job.deferred ? deferred : eager).set(file, { file, kind: job.kind });
    const text = fs.readFileSync(file, 'utf8');
    const fileUrl = new URL(path.relative(dist, file).split(path.sep).join('/'), `${pageUrl.origin}/`);
    if (job.kind === 'css') {
      // @import is fetched with the stylesheet; url() fonts and images are not CSS.
      for (const i of text.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gu)) {
        if (i[1]) queue.push({ ref: i[1], base: fileUrl, kind: 'css', deferred: job.deferred });
      }
    } else {
      scanJs(text, fileUrl, job.deferred);
    }
  }
  return { eager: [...eager.values()], deferred: [...deferred.values()], missing };
}

/** Visible text of the page's Markdown content, for the sanity check. */
function pageText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/giu, '')
    .replace(/<style\b[\s\S]*?<\/style>/giu, '')
    .replace(/<[^>]+>/gu, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (e, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
        return String.fromCodePoint(n);
      }
      return (
        ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[
          code.toLowerCase()
        ] ?? e
      );
    });
}

interface Row {
  seed: string;
  htmlGzip: number;
  cssGzip: number;
  jsGzip: number;
  totalGzip: number;
  deferredGzip: number;
  css: number;
  js: number;
}

const rows: Row[] = [];
const problems: string[] = [];
for (const seed of seeds) {
  const stem = path.basename(seed, '.txt');
  const pageFile = path.join(dist, stem, 'index.html');
  if (!fs.existsSync(pageFile)) throw new Error(`the build made no ${path.relative(work, pageFile)}`);
  const html = fs.readFileSync(pageFile, 'utf8');
  const pageUrl = new URL(`http://localhost/${stem}/`);
  const { eager: assets, deferred, missing } = pageLoads(html, pageUrl);
  for (const m of missing) problems.push(`${seed}: asset not in dist/: ${m}`);
  for (const a of assets) {
    if (/\/pagefind\//u.test(a.file)) problems.push(`${seed}: Pagefind file loaded eagerly: ${a.file}`);
  }
  // Starlight keeps Astro's default SmartyPants, which curls straight quotes.
  const quotes = (t: string) => t.replace(/[“”"]/gu, '"').replace(/[‘’']/gu, "'");
  const text = quotes(pageText(html));
  const doc = docs.get(seed) as Doc;
  for (const b of doc.blocks) {
    if (!text.includes(quotes(b))) problems.push(`${seed}: text not on the page: ${b.slice(0, 30)}…`);
  }
  const htmlGzip = gzipSize(html);
  const total = (list: Asset[]) => list.reduce((n, a) => n + gzipSize(fs.readFileSync(a.file)), 0);
  const sum = (kind: 'css' | 'js') => total(assets.filter((a) => a.kind === kind));
  const cssGzip = sum('css');
  const jsGzip = sum('js');
  rows.push({
    seed,
    htmlGzip,
    cssGzip,
    jsGzip,
    totalGzip: htmlGzip + cssGzip + jsGzip,
    deferredGzip: total(deferred),
    css: assets.filter((a) => a.kind === 'css').length,
    js: assets.filter((a) => a.kind === 'js').length,
  });
  if (seed === seeds[0]) {
    console.log(`\n${seed}: eager assets`);
    for (const a of assets) {
      console.log(`  ${a.kind} ${path.relative(dist, a.file)} ${gzipSize(fs.readFileSync(a.file))} B gz`);
    }
    for (const a of deferred) {
      console.log(
        `  (not counted, dynamic import) ${a.kind} ${path.relative(dist, a.file)} ${gzipSize(fs.readFileSync(a.file))} B gz`,
      );
    }
  }
}

const result = {
  measured: new Date().toISOString(),
  starlight: versions.starlight,
  astro: versions.astro,
  method:
    'Default Starlight site (root locale zh-CN, Pagefind search on) with one Markdown page per seed; per page, the gzip -9 (Node zlib) sizes of the built HTML (inline scripts and styles included) plus each linked stylesheet and each eagerly loaded script (script src, modulepreload and their static imports), each file compressed on its own and summed; lazily loaded Pagefind files and dynamic imports not counted.',
  pages: Object.fromEntries(rows.map((r) => [r.seed, { htmlGzip: r.htmlGzip, totalGzip: r.totalGzip }])),
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
console.log(`\nStarlight ${versions.starlight}, Astro ${versions.astro} (gzip -9, KiB)`);
console.log(
  `${'seed'.padEnd(26)}  ${'html'.padStart(6)}  ${'css'.padStart(6)}  ${'js'.padStart(6)}  ${'total'.padStart(6)}  ${'+idle'.padStart(6)}  headings`,
);
for (const r of rows) {
  console.log(
    `${r.seed.padEnd(26)}  ${kb(r.htmlGzip)}  ${kb(r.cssGzip)}  ${kb(r.jsGzip)}  ${kb(r.totalGzip)}  ${kb(r.deferredGzip)}  ${docs.get(r.seed)?.headings ?? 0}`,
  );
}
console.log('total = html + css + js. +idle (not counted): dynamic imports fetched with no interaction (Pagefind UI).');
console.log(`\nwrote ${path.relative(repo, outFile)}`);
for (const p of problems) console.warn(`warning: ${p}`);
process.exitCode = problems.length ? 1 : 0;
