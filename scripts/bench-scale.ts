/**
 * `npm run bench:scale` (issue 7): how the build and the search scale with the collection.
 *
 * For each size: generate a collection of that many speeches (scripts/gen-collection.ts, real
 * paragraphs recombined) into WORK/<size>/, build it cold as ONE child process
 * (`node scripts/build.ts --root WORK/<size>`) while sampling the resident memory of its whole
 * process tree, and attribute time and memory to the phases the build announces on stdout
 * (`[yanlu] phase <name> start` / `[yanlu] phase <name> done <ms>ms`). Then measure dist/: files,
 * bytes, search index, heaviest page (gzip -9). On the largest site, in Debian's Chromium: a first
 * query on a fresh /search/ (bytes over the wire and gzip -9 of the same files, time to results).
 * Optionally builds the 1,000 collection with Starlight (scripts/bench-starlight.ts --time) as the
 * yardstick. Prints a Markdown table with each target beside its figure and writes a JSON file.
 * Budgets are reported, not enforced; the exit code is 1 only when a build or a step failed.
 *
 * Usage: node scripts/bench-scale.ts [--sizes 1000,10000] [--work DIR] [--json FILE]
 *          [--skip-starlight] [--skip-search] [--broken K] [--seed S] [--interval MS]
 *          [--build-cmd 'shell command with {root}']   (or env YANLU_SCALE_BUILD_CMD)
 *        node scripts/bench-scale.ts --search-only DIST [--texts DIR]   (search on a built site)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, generateCollection, type GenerateReport } from './gen-collection.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The search page's DOM, in one place: the redesign may change it. */
export const SEARCH_PAGE = {
  path: '/search/',
  input: 'input[name=q], input[type=search]',
  status: '.status',
  hits: '.hits',
  /** Status text while a search runs; results have settled once it is gone and quiet. */
  busy: '正在搜索',
};

/**
 * Phrases people search for, two to eight characters; the first QUERY_COUNT that occur in the
 * collection are used. Common ones (in most speeches) and rarer ones (河长制, 老虎苍蝇一起打), so the
 * median is not only about the most frequent terms.
 */
const QUERY_CANDIDATES = [
  '营商环境',
  '全面从严治党',
  '乡村振兴',
  '脱贫攻坚',
  '放管服',
  '党风廉政建设',
  '河长制',
  '减税降费',
  '易地扶贫搬迁',
  '老虎苍蝇一起打',
  '高质量发展',
  '供给侧结构性改革',
  '形式主义',
  '生态环境',
  '新冠肺炎疫情',
  '政府债务',
];
const QUERY_COUNT = 10;
/** Results count as settled when the status has not changed for this long. */
const SETTLE_MS = 300;

/** The budgets of issue 7, printed beside the figures. */
const TARGETS = {
  starlightShare: 0.5,
  peak1k: 2 * 1024 ** 3,
  wall10k: 10 * 60_000,
  peak10k: 4 * 1024 ** 3,
  queryBytes: 600_000,
  queryMs: 1500,
  pageGz: 150 * 1024,
};

// ---------------------------------------------------------------------------------------------
// Memory of a process tree

const PAGE_SIZE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/** Kernels without CONFIG_PROC_CHILDREN have no task/<tid>/children: scan every /proc/<pid>/stat. */
const HAS_CHILDREN_FILE = fs.existsSync(`/proc/self/task/${process.pid}/children`);

function childrenFromTasks(pid: number): number[] {
  const out: number[] = [];
  try {
    // Each thread lists the children it forked; a multi-threaded node forks from any of them.
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
      for (const c of text.split(' ')) if (c.trim()) out.push(Number(c));
    }
  } catch {
    // The process (or a thread) ended while we looked.
  }
  return out;
}

function parentMap(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone already.
    }
  }
  return kids;
}

/** The pids of a process and all its descendants. */
export function processTree(root: number): number[] {
  const kids = HAS_CHILDREN_FILE ? null : parentMap();
  const seen = new Set<number>();
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    todo.push(...(kids ? (kids.get(pid) ?? []) : childrenFromTasks(pid)));
  }
  return [...seen];
}

/** Resident memory of a process in bytes (0 once it has ended). */
function rssOf(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

/** Summed resident memory of a process tree, in bytes (shared pages count once per process). */
export function treeRss(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + rssOf(pid), 0);
}

// ---------------------------------------------------------------------------------------------
// Running a build and watching it

/** Time and memory of one phase of a measured run. */
export interface PhaseFigures {
  /** When the start and done lines came, in ms since the command started. */
  startMs: number;
  endMs: number | null;
  /** From our clock: start line to done line. */
  wallMs: number;
  /** What the build itself printed on its done line, if it did. */
  reportedMs: number | null;
  /** Highest summed RSS of the tree sampled while the phase was open, in bytes. */
  peakRss: number;
  /** The command ended before the phase's done line (wall time then runs to the exit). */
  unfinished?: boolean;
}

/** What {@link runMeasured} saw. */
export interface Measured {
  command: string;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  peakRss: number;
  samples: number;
  /** Phases in the order they started. */
  phases: Record<string, PhaseFigures>;
  /** The last lines of stderr (a failed build explains itself there). */
  stderrTail: string[];
}

/** Options of {@link runMeasured}. */
export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  /** Everything the child prints goes here. */
  logFile?: string;
  /** Called with each phase line and each stderr line, for progress. */
  echo?: (line: string) => void;
}

const PHASE_LINE = /^\[yanlu\] phase (\S+) (start|done)(?: (\d+(?:\.\d+)?)\s*ms)?/u;

/**
 * Run a command, sampling the summed RSS of its whole process tree every `intervalMs` and
 * attributing samples to the phases that are open (announced by `[yanlu] phase` lines on stdout).
 */
export function runMeasured(cmd: string, args: string[], opts: MeasureOptions): Promise<Measured> {
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = opts.logFile ? fs.createWriteStream(opts.logFile) : null;
  const phases: Record<string, PhaseFigures> = {};
  const open = new Map<string, number>();
  const stderrTail: string[] = [];
  let peak = 0;
  let samples = 0;

  const sample = () => {
    if (!child.pid) return;
    const rss = treeRss(child.pid);
    samples++;
    peak = Math.max(peak, rss);
    for (const name of open.keys()) {
      const p = phases[name];
      if (p) p.peakRss = Math.max(p.peakRss, rss);
    }
  };
  const onPhase = (line: string) => {
    const m = PHASE_LINE.exec(line);
    if (!m) return;
    const [, name = '', what, ms] = m;
    const now = performance.now();
    // A sample at each transition, so a short phase gets at least one.
    sample();
    const at = Math.round(now - started);
    if (what === 'start') {
      phases[name] = { startMs: at, endMs: null, wallMs: 0, reportedMs: null, peakRss: 0 };
      open.set(name, now);
      sample();
    } else {
      const p = (phases[name] ??= { startMs: at, endMs: null, wallMs: 0, reportedMs: null, peakRss: 0 });
      p.endMs = at;
      p.wallMs = Math.round(now - (open.get(name) ?? now));
      p.reportedMs = ms ? Number(ms) : null;
      open.delete(name);
    }
    opts.echo?.(line);
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    log?.write(`${line}\n`);
    onPhase(line);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    log?.write(`[stderr] ${line}\n`);
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    opts.echo?.(line);
  });
  const timer = setInterval(sample, opts.intervalMs ?? 150);
  sample();

  return new Promise((resolve, reject) => {
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      log?.end();
      for (const [name, since] of open) {
        const p = phases[name];
        if (p) Object.assign(p, { wallMs: Math.round(performance.now() - since), unfinished: true });
      }
      resolve({
        command: [cmd, ...args].join(' '),
        exitCode: code,
        signal,
        wallMs: Math.round(performance.now() - started),
        peakRss: peak,
        samples,
        phases,
        stderrTail,
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// dist/

/** Size after gzip -9: GNU gzip when there is one (what hosts precompress with), else zlib. */
export function gzip9(data: Buffer): number {
  try {
    return execFileSync('gzip', ['-9c'], { input: data, maxBuffer: 1 << 28 }).length;
  } catch {
    return zlib.gzipSync(data, { level: 9 }).length;
  }
}

/** Figures of a built site. */
export interface DistStats {
  files: number;
  bytes: number;
  htmlPages: number;
  /** Bytes under each search index directory that exists (dist/pagefind, dist/search). */
  index: Record<string, number>;
  heaviest: { path: string; gzip: number; bytes: number } | null;
}

/** Files under a directory, recursively, with their sizes. */
function filesUnder(dir: string): { file: string; size: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const file = path.join(d.parentPath, d.name);
      return { file, size: fs.statSync(file).size };
    });
}

/** How many of the pages that pack worst at gzip level 1 are measured again at level 9. */
const GZIP_FINALISTS = 40;

/** Count and weigh dist/, and find the page that is heaviest gzipped. */
export function distStats(dist: string): DistStats {
  const files = filesUnder(dist);
  const index: Record<string, number> = {};
  for (const name of ['pagefind', 'search']) {
    const dir = path.join(dist, name);
    if (fs.existsSync(dir)) index[name] = filesUnder(dir).reduce((n, f) => n + f.size, 0);
  }
  // gzip -9 of ten thousand pages takes long; level 1 ranks pages nearly the same, so only the
  // worst-packing few are compressed again at level 9.
  const html = files.filter((f) => f.file.endsWith('.html'));
  const ranked = html
    .map((f) => ({ ...f, fast: zlib.gzipSync(fs.readFileSync(f.file), { level: 1 }).length }))
    .sort((a, b) => b.fast - a.fast)
    .slice(0, GZIP_FINALISTS);
  let heaviest: DistStats['heaviest'] = null;
  for (const f of ranked) {
    const gz = gzip9(fs.readFileSync(f.file));
    if (!heaviest || gz > heaviest.gzip) heaviest = { path: path.relative(dist, f.file), gzip: gz, bytes: f.size };
  }
  return {
    files: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    htmlPages: html.length,
    index,
    heaviest,
  };
}

// ---------------------------------------------------------------------------------------------
// Search in Chromium

/** One first query on a fresh page. */
export interface QueryFigures {
  query: string;
  /** Bytes over the wire (CDP encodedDataLength) loading /search/, before typing. */
  pageWire: number;
  /** Bytes over the wire after Enter, until the results settled and the network went quiet. */
  queryWire: number;
  /** The same responses as gzip -9 of the served files (what a compressing host would send). */
  pageGzip: number;
  queryGzip: number;
  requests: number;
  /** Every response: stage, URL path, bytes over the wire, gzip -9 of the served file. */
  responses: [Request['stage'], string, number, number][];
  /** Enter to the last change of the status text. */
  ms: number;
  status: string;
  hits: number;
}

/** Phrases from the candidates that occur in the texts, with how many speeches contain each. */
export function pickQueries(speechesDir: string, count = QUERY_COUNT): { query: string; speeches: number }[] {
  const found = new Map(QUERY_CANDIDATES.map((q) => [q, 0]));
  for (const f of fs.readdirSync(speechesDir).filter((n) => n.endsWith('.txt'))) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(path.join(speechesDir, f)));
    } catch {
      continue; // a broken file
    }
    for (const q of found.keys()) if (text.includes(q)) found.set(q, (found.get(q) ?? 0) + 1);
  }
  return [...found]
    .filter(([, n]) => n > 0)
    .slice(0, count)
    .map(([query, speeches]) => ({ query, speeches }));
}

/** The dist/ file a URL path is served from, as scripts/serve.ts resolves it. */
function servedFile(dist: string, url: string): string | null {
  let file = path.join(dist, decodeURIComponent(new URL(url).pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) ? file : null;
}

interface Request {
  url: string;
  stage: 'page' | 'query';
  wire: number;
  done: boolean;
}

/** Measure a first query for each phrase on the site in `dist`, each in a new browser context. */
export async function measureQueries(dist: string, queries: string[]): Promise<QueryFigures[]> {
  const { launch } = await import('../test/helpers/browser.ts');
  const { serve } = await import('./serve.ts');
  const { server, url } = await serve(dist);
  const browser = await launch();
  const gzCache = new Map<string, number>();
  const gzOf = (r: Request) => {
    const file = servedFile(dist, r.url);
    if (!file) return r.wire;
    if (!gzCache.has(file)) gzCache.set(file, gzip9(fs.readFileSync(file)));
    return gzCache.get(file) as number;
  };
  const out: QueryFigures[] = [];
  try {
    for (const query of queries) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        out.push(await oneQuery(context, `${url}${SEARCH_PAGE.path}`, query, gzOf));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

/** Wait until no request has been open for `quietMs` (or `timeoutMs` passed). */
async function networkQuiet(requests: Map<string, Request>, quietMs: number, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  let quietSince = Date.now();
  while (Date.now() - start < timeoutMs) {
    if ([...requests.values()].some((r) => !r.done)) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Wait for the status text to show a result (not empty, not busy) and stay unchanged for
 * SETTLE_MS; return the time from `since` to its last change. Watched from here, not from inside
 * the page, because submitting may navigate (GET /search/?q=…) and a new document forgets
 * everything a script put in the old one.
 */
async function settledStatus(page: Page, since: number): Promise<{ ms: number; text: string }> {
  const status = page.locator(SEARCH_PAGE.status).first();
  let text = '';
  let changed = since;
  for (;;) {
    const now = performance.now();
    if (now - since > 60_000) throw new Error(`no settled results after 60 s (status: "${text}")`);
    const current = ((await status.textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
    if (current !== text) {
      text = current;
      changed = now;
    } else if (text && !text.includes(SEARCH_PAGE.busy) && now - changed >= SETTLE_MS) {
      return { ms: changed - since, text };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function oneQuery(
  context: BrowserContext,
  pageUrl: string,
  query: string,
  gzOf: (r: Request) => number,
): Promise<QueryFigures> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map<string, Request>();
  let stage: Request['stage'] = 'page';
  // A request belongs to the stage in which it was sent (a fetch started by the page load that
  // ends after Enter is still the page's).
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, stage, wire: 0, done: false });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { wire: e.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.done = true;
  });
  await cdp.send('Network.enable');

  await page.goto(pageUrl, { waitUntil: 'load' });
  await networkQuiet(requests, 500);
  const input = page.locator(SEARCH_PAGE.input).first();
  await input.fill(query);
  stage = 'query';
  const pressed = performance.now();
  await input.press('Enter');
  const { ms, text } = await settledStatus(page, pressed);
  await networkQuiet(requests, 300);
  const hits = await page.locator(`${SEARCH_PAGE.hits} > li`).count();

  const sum = (s: Request['stage'], f: (r: Request) => number) =>
    [...requests.values()].filter((r) => r.stage === s).reduce((n, r) => n + f(r), 0);
  return {
    query,
    pageWire: sum('page', (r) => r.wire),
    queryWire: sum('query', (r) => r.wire),
    pageGzip: sum('page', gzOf),
    queryGzip: sum('query', gzOf),
    requests: requests.size,
    responses: [...requests.values()].map((r) => [r.stage, new URL(r.url).pathname, r.wire, gzOf(r)]),
    ms: Math.round(ms),
    status: text,
    hits,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Medians over the queries: first query = page load + query, as a fresh visitor pays it. */
export function queryMedians(q: QueryFigures[]) {
  return {
    wire: median(q.map((x) => x.pageWire + x.queryWire)),
    gzip: median(q.map((x) => x.pageGzip + x.queryGzip)),
    queryWire: median(q.map((x) => x.queryWire)),
    queryGzip: median(q.map((x) => x.queryGzip)),
    ms: median(q.map((x) => x.ms)),
  };
}

// ---------------------------------------------------------------------------------------------
// Starlight

/** Wall time and peak RSS of Starlight's `astro build` of the same speeches (bench-starlight --time). */
export interface StarlightTime {
  speeches: number;
  wallMs: number;
  peakRss: number;
  starlight: string;
  astro: string;
}

function runStarlight(speechesDir: string, work: string, intervalMs: number): StarlightTime {
  const out = path.join(work, 'starlight-time.json');
  fs.rmSync(out, { force: true });
  const r = spawnSync(
    process.execPath,
    [
      path.join(repo, 'scripts', 'bench-starlight.ts'),
      '--speeches',
      speechesDir,
      '--time',
      '--interval',
      String(intervalMs),
      '--dir',
      // Outside the repository: the scratch project installs its own Astro and must not resolve ours.
      path.join(os.tmpdir(), 'yanlu-starlight-scale'),
      '--out',
      out,
    ],
    // Its progress goes to our stderr: stdout is for the table.
    { cwd: repo, stdio: ['ignore', process.stderr, process.stderr] },
  );
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`bench-starlight --time failed (exit ${r.status})`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as StarlightTime;
}

// ---------------------------------------------------------------------------------------------
// The report

/** Everything measured for one collection size. */
export interface SizeResult {
  size: number;
  generate: GenerateReport;
  build: Measured | null;
  dist: DistStats | null;
  /** Lines on which the build named a bad input file (`content/…: reason`). */
  badFiles: string[];
  error: string | null;
}

const MB = 1024 ** 2;
const fmtMs = (ms: number) =>
  ms >= 120_000
    ? `${(ms / 60_000).toFixed(1)} min`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;
const fmtRss = (b: number) => (b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(2)} GB` : `${Math.round(b / MB)} MB`);
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const ok = (good: boolean) => (good ? '✓' : '✗');
const thousands = (n: number) => n.toLocaleString('en-US');

/** Phase names in the order of the contract first, then any others the build announced. */
function phaseOrder(results: SizeResult[]): string[] {
  const seen = results.flatMap((r) => Object.keys(r.build?.phases ?? {}));
  return [...new Set(['convert', 'astro', 'index', ...seen])];
}

/** The Markdown table, one row per size; the search figures go on the row of `searchSize`. */
export function table(
  results: SizeResult[],
  search: ReturnType<typeof queryMedians> | null,
  searchSize: number | null,
): string {
  const phases = phaseOrder(results);
  const head = [
    'size',
    ...phases.map((p) => `${p} (wall / peak)`),
    'total wall',
    'total peak RSS',
    'dist files',
    'HTML pages',
    'dist MB',
    'index MB',
    'heaviest page KB gz',
    'first query KB (wire / gz)',
    'first query ms',
  ];
  const rows = results.map((r) => {
    const b = r.build;
    const d = r.dist;
    const phase = (p: string) => {
      const f = b?.phases[p];
      if (!f) return '–';
      return `${fmtMs(f.reportedMs ?? f.wallMs)} / ${fmtRss(f.peakRss)}${f.unfinished ? ' (unfinished)' : ''}`;
    };
    const index = d ? Object.values(d.index).reduce((a, n) => a + n, 0) : 0;
    const q = r.size === searchSize && search;
    return [
      thousands(r.size),
      ...phases.map(phase),
      b ? fmtMs(b.wallMs) : '–',
      b ? fmtRss(b.peakRss) : '–',
      d ? thousands(d.files) : r.error ? `failed: ${r.error}` : '–',
      d ? thousands(d.htmlPages) : '–',
      d ? (d.bytes / MB).toFixed(1) : '–',
      d ? (index / MB).toFixed(1) : '–',
      d?.heaviest ? `${(d.heaviest.gzip / 1024).toFixed(1)} (${d.heaviest.path})` : '–',
      q ? `${kb(q.wire)} / ${kb(q.gzip)}` : '–',
      q ? String(Math.round(q.ms)) : '–',
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const notes = overlaps(results).map(
    ([a, b]) => `\n${a} and ${b} run at the same time: each one's peak is the whole tree's while it was open.`,
  );
  return [line(head), line(head.map(() => '---')), ...rows.map(line), ...new Set(notes)].join('\n');
}

/** Pairs of phases that were open at the same time in some build. */
function overlaps(results: SizeResult[]): [string, string][] {
  const out: [string, string][] = [];
  for (const r of results) {
    const list = Object.entries(r.build?.phases ?? {});
    for (const [i, [a, pa]] of list.entries()) {
      for (const [b, pb] of list.slice(i + 1)) {
        if (pa.startMs < (pb.endMs ?? Infinity) && pb.startMs < (pa.endMs ?? Infinity)) out.push([a, b]);
      }
    }
  }
  return out;
}

/** One line per target: the figure, the target, ✓ or ✗. */
export function targetLines(
  results: SizeResult[],
  starlight: StarlightTime | null,
  search: ReturnType<typeof queryMedians> | null,
  searchSize: number | null,
): string[] {
  const out: string[] = [];
  const bySize = new Map(results.map((r) => [r.size, r]));
  const k1 = bySize.get(1000)?.build;
  if (k1?.exitCode === 0) {
    if (starlight) {
      const share = k1.wallMs / starlight.wallMs;
      out.push(
        `1,000 speeches: wall ${fmtMs(k1.wallMs)} = ${share.toFixed(3)} × Starlight's ${fmtMs(starlight.wallMs)} ` +
          `(peak ${fmtRss(starlight.peakRss)}, Starlight ${starlight.starlight}) — target ≤ ${TARGETS.starlightShare} × ${ok(share <= TARGETS.starlightShare)}`,
      );
    } else out.push('1,000 speeches: wall vs Starlight — not measured (--skip-starlight)');
    out.push(`1,000 speeches: peak RSS ${fmtRss(k1.peakRss)} — target ≤ 2 GB ${ok(k1.peakRss <= TARGETS.peak1k)}`);
  }
  const k10 = bySize.get(10000)?.build;
  if (k10?.exitCode === 0) {
    out.push(`10,000 speeches: wall ${fmtMs(k10.wallMs)} — target ≤ 10 min ${ok(k10.wallMs <= TARGETS.wall10k)}`);
    out.push(`10,000 speeches: peak RSS ${fmtRss(k10.peakRss)} — target ≤ 4 GB ${ok(k10.peakRss <= TARGETS.peak10k)}`);
  }
  if (search && searchSize) {
    const largest = thousands(searchSize);
    out.push(
      `first query on ${largest}: median ${kb(search.wire)} over the wire ${ok(search.wire <= TARGETS.queryBytes)}, ` +
        `${kb(search.gzip)} gzipped ${ok(search.gzip <= TARGETS.queryBytes)} (of which the query itself ` +
        `${kb(search.queryWire)} / ${kb(search.queryGzip)}) — target ≤ 600 KB`,
    );
    out.push(
      `first query on ${largest}: median ${Math.round(search.ms)} ms to settled results — target ≤ 1.5 s ${ok(search.ms <= TARGETS.queryMs)}`,
    );
  }
  for (const r of results) {
    const h = r.dist?.heaviest;
    if (h) {
      out.push(
        `${thousands(r.size)} speeches: heaviest page ${(h.gzip / 1024).toFixed(1)} KB gz (${h.path}) — target ≤ 150 KB ${ok(h.gzip <= TARGETS.pageGz)}`,
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** Child processes run on this Node (Astro 7 needs ≥ 22.12), quietly. */
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};

/** The build of one collection root: the project's scripts/build.ts, or the --build-cmd given. */
function buildCommand(template: string | undefined, root: string): [string, string[]] {
  if (!template) return [process.execPath, [path.join(repo, 'scripts', 'build.ts'), '--root', root]];
  return ['sh', ['-c', template.replaceAll('{root}', root)]];
}

async function buildSize(size: number, work: string, args: string[]): Promise<SizeResult> {
  const root = path.join(work, String(size));
  const generate = generateCollection({
    count: size,
    out: root,
    seed: Number(option(args, '--seed') ?? 1),
    broken: Number(option(args, '--broken') ?? 0),
  });
  console.error(describe(generate, root));
  // A cold build: nothing left from the last run.
  for (const d of ['.generated', 'dist', '.astro']) fs.rmSync(path.join(root, d), { recursive: true, force: true });
  const [cmd, cmdArgs] = buildCommand(option(args, '--build-cmd') ?? process.env.YANLU_SCALE_BUILD_CMD, root);
  console.error(`[${size}] ${cmd} ${cmdArgs.join(' ')}`);
  const build = await runMeasured(cmd, cmdArgs, {
    cwd: repo,
    env: childEnv,
    intervalMs: Number(option(args, '--interval') ?? 150),
    logFile: path.join(root, 'build.log'),
    echo: (line) => console.error(`[${size}] ${line}`),
  });
  console.error(`[${size}] exit ${build.exitCode} after ${fmtMs(build.wallMs)}, peak ${fmtRss(build.peakRss)}`);
  const badFiles = fs
    .readFileSync(path.join(root, 'build.log'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('[stderr] content/'))
    .map((l) => l.slice('[stderr] '.length));
  if (build.exitCode !== 0) {
    const error = build.stderrTail.at(-1) ?? `exit ${build.exitCode ?? build.signal}`;
    return { size, generate, build, dist: null, badFiles, error };
  }
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(dist)) return { size, generate, build, dist: null, badFiles, error: 'the build wrote no dist/' };
  return { size, generate, build, dist: distStats(dist), badFiles, error: null };
}

async function searchOnly(args: string[]): Promise<void> {
  const dist = path.resolve(option(args, '--search-only') as string);
  const texts = path.resolve(option(args, '--texts') ?? path.join(dist, '..', 'content', 'speeches'));
  const queries = pickQueries(texts);
  console.error(`queries: ${queries.map((q) => `${q.query} (${q.speeches})`).join(', ')}`);
  const figures = await measureQueries(
    dist,
    queries.map((q) => q.query),
  );
  for (const f of figures) console.log(JSON.stringify(f));
  const m = queryMedians(figures);
  console.log(
    `median first query: ${kb(m.wire)} wire / ${kb(m.gzip)} gz (query part ${kb(m.queryWire)} / ${kb(m.queryGzip)}), ${Math.round(m.ms)} ms`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--search-only')) return searchOnly(args);
  const sizes = (option(args, '--sizes') ?? '1000,10000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes takes positive integers: 1000,10000');
  // Inside the repository (.cache/ is ignored): Astro then keeps each build's scratch files in its
  // own dist/, not in the repository's .astro/, which a test run or astro check may be using.
  const work = path.resolve(option(args, '--work') ?? path.join(repo, '.cache/yanlu-scale'));
  const cache = path.join(repo, '.cache');
  if ((work === repo || work.startsWith(repo + path.sep)) && !work.startsWith(cache + path.sep))
    throw new Error(`--work must be under .cache/ or outside the repository`);
  const jsonFile = path.resolve(repo, option(args, '--json') ?? 'bench/scale.json');
  const intervalMs = Number(option(args, '--interval') ?? 150);
  fs.mkdirSync(work, { recursive: true });

  const results: SizeResult[] = [];
  for (const size of [...sizes].sort((a, b) => a - b)) results.push(await buildSize(size, work, args));

  let starlight: StarlightTime | null = null;
  let starlightError: string | null = null;
  const yardstick = results.find((r) => r.size === 1000) ?? results[0];
  if (!args.includes('--skip-starlight') && yardstick) {
    try {
      starlight = runStarlight(path.join(work, String(yardstick.size), 'content', 'speeches'), work, intervalMs);
    } catch (e) {
      starlightError = (e as Error).message;
      console.error(starlightError);
    }
  }

  let search: { queries: { query: string; speeches: number }[]; figures: QueryFigures[] } | null = null;
  let searchError: string | null = null;
  // The largest site that built (the target is about 10,000; a smaller one still says something).
  const largest = results.filter((r) => r.dist).at(-1);
  if (!args.includes('--skip-search') && largest) {
    try {
      const root = path.join(work, String(largest.size));
      const queries = pickQueries(path.join(root, 'content', 'speeches'));
      console.error(`search on ${largest.size}: ${queries.map((q) => `${q.query} (${q.speeches})`).join(', ')}`);
      const figures = await measureQueries(
        path.join(root, 'dist'),
        queries.map((q) => q.query),
      );
      search = { queries, figures };
    } catch (e) {
      searchError = (e as Error).message.split('\n')[0] ?? 'failed';
      console.error(`search measurement failed: ${(e as Error).message}`);
    }
  }
  const medians = search ? queryMedians(search.figures) : null;
  const searchSize = search && largest ? largest.size : null;

  console.log(`\n## Yanlu at scale (${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 1024 ** 3)} GB)\n`);
  console.log(table(results, medians, searchSize));
  console.log('\nTargets:');
  for (const t of targetLines(results, starlight, medians, searchSize)) console.log(`- ${t}`);
  for (const r of results) {
    if (r.generate.broken.length) {
      console.log(
        `- ${thousands(r.size)} speeches + ${r.generate.broken.length} broken files: the build named ${r.badFiles.length} bad file(s)${r.badFiles.length ? `: ${r.badFiles.join('; ')}` : ''}`,
      );
    }
    if (r.error) console.log(`- ${thousands(r.size)} speeches: build failed: ${r.error}`);
  }
  if (starlightError) console.log(`- Starlight: ${starlightError}`);
  if (searchError) console.log(`- search: ${searchError}`);

  const report = {
    measured: new Date().toISOString(),
    node: process.version,
    machine: { cpus: os.cpus().length, memoryBytes: os.totalmem() },
    method:
      'Cold build of each generated collection as one child process; RSS summed over its whole process tree ' +
      `(/proc), sampled every ${intervalMs} ms and attributed to the phases open at the time. Heaviest page: GNU gzip -9 ` +
      `of the ${GZIP_FINALISTS} pages largest at zlib level 1. First query: fresh browser context on /search/, ` +
      'bytes = CDP encodedDataLength of every response (page load + query), gzip = gzip -9 of the same files; ' +
      `time = Enter to the last change of the status text, settled when unchanged for ${SETTLE_MS} ms.`,
    targets: targetLines(results, starlight, medians, searchSize),
    sizes: results,
    starlight: starlight ?? { error: starlightError ?? 'skipped' },
    search: search ? { size: searchSize, ...search, medians } : { error: searchError ?? 'skipped' },
  };
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  const shown = path.relative(process.cwd(), jsonFile);
  console.log(`\nwrote ${shown.startsWith('..') ? jsonFile : shown}`);
  if (results.some((r) => r.error) || starlightError || searchError) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
