import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger, HookParameters } from 'astro';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type ViteDevServer, type WebSocketClient } from 'vite';
import { speechFiles, updateSpeeches } from '../collection/update.ts';

/** Astro's virtual module of the content layer's data (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** Changes closer together than this are one edit (an editor's save is several writes). */
const BATCH_MS = 80;
/**
 * Quiet time after the last edit before the collection pass runs; at least the last pass took
 * (up to a minute), so a large collection is not re-summed after every keystroke's save.
 */
const SETTLE_MS = 1000;
const SETTLE_MAX_MS = 60_000;

/** What a change under `content/` asks for: one speech's fast path, or the collection pass. */
export type Change = { speech: string } | 'collection' | undefined;

/**
 * Classify a changed file (root-relative, `/`-separated). A speech's text, sidecar and notes
 * concern that speech (`content/speeches/….txt`), found again by `exists` for the sidecar's and the
 * notes' file names; the glossary, the rules, the site file and anything else read from
 * `content/` concern the collection. Files that are neither `.txt` nor `.yaml` (an editor's swap
 * file) are nothing.
 */
export function classify(rel: string, exists: (rel: string) => boolean): Change {
  if (!rel.startsWith('content/') || !/\.(?:txt|yaml)$/iu.test(rel)) return undefined;
  const source = (stem: string) =>
    [`${stem}.txt`, `${stem}.TXT`].map((s) => ({ speech: s })).find((c) => exists(c.speech)) ?? 'collection';
  if (rel.startsWith('content/speeches/')) {
    return /\.txt$/iu.test(rel) ? { speech: rel } : source(rel.replace(/\.yaml$/iu, ''));
  }
  const note = /^content\/annotations\/(.+)\.yaml$/iu.exec(rel);
  if (note) return source(`content/speeches/${note[1]}`);
  return 'collection';
}

/** The file a problem line names (`content/…: reason`). */
const fileOf = (line: string) => /^(content\/.*?\.(?:txt|yaml))(?=:)/iu.exec(line)?.[1];

/**
 * `npm run dev`'s editing loop. The dev server watches `content/`; a speech's text, sidecar or
 * notes file goes through the fast path (src/collection/update.ts: that speech alone, in the dev
 * server's process, tens of milliseconds), and the open page reloads. Everything summed over the
 * collection (shared passages, formulations, term statistics, facet counts, the search index)
 * is recomputed by the collection pass, `scripts/convert.ts --keep` in a child process, once the
 * edits have settled; a change to the glossary, the rules or the site file, or one that adds,
 * removes or re-orders speeches, goes straight to it. Problems are the converter's own lines: in
 * the terminal, and in the browser's error overlay until the file is fixed. The server keeps
 * running throughout.
 */
export function devLoop(root: string): AstroIntegration {
  let loop: Loop | undefined;
  return {
    name: 'yanlu:dev-loop',
    hooks: {
      'astro:config:setup': async ({ command, isRestart, config, logger, addWatchFile, updateConfig }) => {
        if (command !== 'dev') return;
        loop = new Loop(root, config.root, logger);
        const current = loop;
        // The site file is read by astro.config.mjs (the site's URL): Astro restarts for it.
        addWatchFile(join(root, 'content/site.yaml'));
        // The loop says when the collection stage's output is ready; nothing should react to its
        // files being written one by one (Astro's file() loader would reload for every write).
        updateConfig({
          vite: {
            server: { watch: { ignored: [`${join(root, '.generated')}/**`] } },
            // A restart (the site file changed) closes this server without astro:server:done:
            // stop the pass it may be running.
            plugins: [{ name: 'yanlu:dev-loop-close', apply: 'serve', buildEnd: () => current.close() }],
          },
        });
        // Without data from an earlier run the server has nothing to show: convert first.
        if (!isRestart && !existsSync(join(root, '.generated/data/speeches.json'))) await loop.pass();
      },
      'astro:server:setup': ({ server, refreshContent }) => {
        loop?.attach(server, refreshContent);
      },
      'astro:server:done': () => loop?.close(),
    },
  };
}

type Refresh = HookParameters<'astro:server:setup'>['refreshContent'];

class Loop {
  private server: ViteDevServer | undefined;
  private refresh: Refresh;
  /** Problems now, one line each. */
  private errors: string[] = [];
  private shown: string[] = [];
  private pending = new Set<string>();
  private batchTimer: NodeJS.Timeout | undefined;
  private passTimer: NodeJS.Timeout | undefined;
  private child: ChildProcess | undefined;
  private passAgain = false;
  /** Speeches the fast path wrote while a pass ran: the pass may have written over them. */
  private touchedDuringPass = new Set<string>();
  private lastPassMs = 0;
  private closed = false;
  private passed = false;

  private readonly root: string;
  /** The repository's own files: scripts/convert.ts and src/lib/. */
  private readonly repo: URL;
  private readonly logger: AstroIntegrationLogger;

  constructor(root: string, repo: URL, logger: AstroIntegrationLogger) {
    this.root = root;
    this.repo = repo;
    this.logger = logger;
  }

  attach(server: ViteDevServer, refresh: Refresh): void {
    this.server = server;
    this.refresh = refresh;
    const content = join(this.root, 'content');
    server.watcher.add(content);
    server.watcher.on('all', (event, path) => {
      if (event === 'addDir' || event === 'unlinkDir' || !resolve(path).startsWith(content + sep)) return;
      this.changed(relative(this.root, path).split(sep).join('/'));
    });
    // The overlay belongs to the page: a page loaded while a problem stands shows it too.
    server.ws.on('vite:client:connect', (_data: unknown, client: WebSocketClient) => {
      if (this.errors.length) client.send(this.overlay());
    });
    // Started on data from an earlier run, or restarted (the site file changed): bring it up to date.
    if (!this.passed) this.schedulePass(0);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.batchTimer);
    clearTimeout(this.passTimer);
    if (this.child?.pid) process.kill(this.child.pid);
  }

  private changed(rel: string): void {
    const change = classify(rel, (p) => existsSync(join(this.root, p)));
    if (change === undefined || this.closed) return;
    if (change === 'collection') return this.schedulePass(BATCH_MS * 4);
    this.pending.add(change.speech);
    clearTimeout(this.batchTimer);
    this.batchTimer = setTimeout(() => void this.fastPath(), BATCH_MS);
    // Edits keep coming: the collection pass waits for them to settle.
    if (this.passTimer) this.schedulePass(this.settle());
  }

  private settle = () => Math.max(SETTLE_MS, Math.min(this.lastPassMs, SETTLE_MAX_MS));

  private async fastPath(): Promise<void> {
    const sources = [...this.pending];
    this.pending.clear();
    const started = performance.now();
    const r = this.update(sources);
    if (this.child) for (const s of sources) this.touchedDuringPass.add(s);
    if (r.updated.length) {
      const ms = Math.round(performance.now() - started);
      await this.publish();
      this.logger.info(`${r.updated.join(', ')}: converted in ${ms} ms, page reloaded`);
    }
    this.report();
    this.schedulePass(r.structural ? 0 : this.settle());
  }

  /** The fast path for some speeches; their problems replace what was said about their files. */
  private update(sources: readonly string[]) {
    const r = updateSpeeches(this.root, sources);
    const files = new Set(sources.flatMap(speechFiles));
    this.errors = [...this.errors.filter((l) => !files.has(fileOf(l) ?? '')), ...r.errors];
    return r;
  }

  private schedulePass(delay: number): void {
    clearTimeout(this.passTimer);
    this.passTimer = setTimeout(() => {
      this.passTimer = undefined;
      void this.pass();
    }, delay);
  }

  /**
   * The collection pass: the whole converter in a child process (its memory is returned when it
   * exits, and the dev server answers meanwhile). Unchanged speeches are read back, not converted.
   */
  pass(): Promise<void> {
    if (this.child) {
      this.passAgain = true;
      return Promise.resolve();
    }
    const started = performance.now();
    const args = [fileURLToPath(new URL('scripts/convert.ts', this.repo)), '--root', this.root, '--quiet', '--keep'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const finished = async (code: number | null, signal: NodeJS.Signals | null) => {
      this.child = undefined;
      if (this.closed || signal) return;
      this.passed = true;
      this.lastPassMs = performance.now() - started;
      this.errors = code === 0 ? [] : stderr.split('\n').filter(Boolean);
      if (code !== 0 && !this.errors.length) this.errors = [`convert: stopped (exit code ${code})`];
      // What the fast path wrote while the pass ran may be older in the pass's output: again.
      const again = [...this.touchedDuringPass];
      this.touchedDuringPass.clear();
      if (again.length) this.update(again);
      await this.publish();
      this.logger.info(`collection pass: ${Math.round(this.lastPassMs)} ms`);
      this.report();
      if (this.passAgain) {
        this.passAgain = false;
        this.schedulePass(this.settle());
      }
    };
    return new Promise<void>((done) => child.on('close', (code, signal) => void finished(code, signal).then(done)));
  }

  /**
   * Make the server show what is now in .generated/: the content collections read again, the
   * modules that keep collection data for a build (src/lib/) evaluated afresh, the page reloaded.
   */
  private async publish(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await this.refresh?.({});
    const time = Date.now();
    const libDir = fileURLToPath(new URL('src/lib/', this.repo));
    for (const env of Object.values(server.environments)) {
      if (env.name === 'client') continue;
      const seen = new Set<EnvironmentModuleNode>();
      const stale = [...env.moduleGraph.fileToModulesMap].flatMap(([f, mods]) =>
        f.startsWith(libDir) ? [...mods] : [],
      );
      // Astro's store of the content collections, and everything holding on to it: Astro reloads
      // the module itself, but not the singleton (astro/dist/content/data-store.js) that keeps it.
      const store = env.moduleGraph.getModuleById(DATA_STORE_MODULE);
      for (const m of store ? [...stale, store] : stale) env.moduleGraph.invalidateModule(m, seen, time, true);
      if (!isRunnableDevEnvironment(env)) continue;
      for (const m of seen) {
        const evaluated = m.id ? env.runner.evaluatedModules.getModuleById(m.id) : undefined;
        if (evaluated) env.runner.evaluatedModules.invalidateModule(evaluated);
      }
    }
    server.ws.send({ type: 'full-reload', path: '*' });
  }

  /** New problems to the terminal and the overlay; "fixed" once there are none. */
  private report(): void {
    const before = new Set(this.shown);
    for (const line of this.errors) if (!before.has(line)) this.logger.error(line);
    if (this.shown.length && !this.errors.length) this.logger.info('content: no problems left');
    if (this.errors.length) this.server?.ws.send(this.overlay());
    this.shown = [...this.errors];
  }

  private overlay() {
    return {
      type: 'error' as const,
      err: {
        name: 'InputError',
        title: 'A file in content/ needs fixing',
        // As text: Astro escapes it for its overlay (and shows `code` as code).
        message: this.errors.join('\n'),
        stack: '',
        hint: 'The server keeps running: save the fixed file and the page updates.',
      },
    };
  }
}
