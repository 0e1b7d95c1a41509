/**
 * `npm run build`: the whole site, or nothing. Phases: convert (the collection stage and the
 * downloads), then Astro's build, then Pagefind's index (each its own process), then Pagefind's
 * files are moved into dist/, the search index and the downloads are linked in and the result is checked. Each phase prints
 * `[yanlu] phase <name> start` and `[yanlu] phase <name> done <ms>ms`; any failure (a bad file, a
 * process that exits non-zero or is killed, a missing index) ends the build with one line and
 * exit code 1, and stops whatever else runs. Exit 0 means dist/ is complete.
 *
 * Usage: node scripts/build.ts [--root DIR] [--force]
 */
import { loadSite } from '../src/lib/site.ts';
import { SHARED_ROWS_MARK, sharedRowsFile } from '../src/lib/render-shared.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = resolve(rootAt >= 0 ? (args[rootAt + 1] ?? '.') : '.');
const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));

class BuildError extends Error {}

/** Hard-link every file under `from` into `to` (copying where links cannot be made). */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [a, b] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(a, b);
    else {
      rmSync(b, { force: true });
      try {
        linkSync(a, b);
      } catch {
        copyFileSync(a, b);
      }
    }
  }
}

async function phase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  console.log(`[yanlu] phase ${name} start`);
  const t0 = performance.now();
  const out = await run();
  console.log(`[yanlu] phase ${name} done ${Math.round(performance.now() - t0)}ms`);
  return out;
}

/** Children still running: when one phase fails, the others are stopped (the build has failed). */
const running = new Set<ChildProcess>();
let stopping = false;

/**
 * Run a Node script as a child; resolve when it exits 0, else reject with how it ended. Astro runs
 * in the repository (its chunks import its packages); for a collection outside the repository it
 * keeps its scratch files in the repository's .astro/, so build such collections one at a time
 * (the scale benchmark keeps its collections under .cache/, inside the repository).
 */
function node(
  label: string,
  script: string,
  scriptArgs: string[],
  extraEnv: Record<string, string> = {},
): Promise<void> {
  // BASE_URL in the environment (Vitest sets it to /) would win over Astro's base: the base path
  // comes from the site file or BASE_PATH only.
  const { BASE_URL, ...env } = process.env;
  void BASE_URL;
  return new Promise((done, fail) => {
    // Node's default heap limit (about 4 GB here) would abort the collection stage of a very large
    // collection mid-way; the memory budget is measured (npm run bench:scale), not enforced by a crash.
    const child = spawn(process.execPath, ['--max-old-space-size=12288', script, ...scriptArgs], {
      cwd: repo,
      env: { ...env, ...extraEnv, YANLU_ROOT: root, YANLU_REPO: repo, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (e) => fail(new BuildError(`build: ${label} could not start (${e.message})`)));
    running.add(child);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (stopping) done();
      else if (code === 0) done();
      // The child has printed its one line already.
      else if (code === 2) fail(new BuildError(''));
      else if (label === 'convert' && code === 1)
        fail(new BuildError('build: the input problems above stop the build; nothing built'));
      else if (label === 'convert' && code === 3)
        fail(new BuildError('build: the collection stage failed; nothing built'));
      else
        fail(
          new BuildError(
            signal
              ? `build: ${label} was killed (${signal}${signal === 'SIGKILL' ? ', perhaps for memory' : ''}); dist/ is incomplete`
              : `build: ${label} failed (exit code ${code}); dist/ is incomplete`,
          ),
        );
    });
  });
}

/**
 * The last build's dist/, moved aside at once and deleted while the phases run: Astro would
 * otherwise empty it file by file before building (84 s for the 124,000 files of 10,000 speeches).
 * Leftovers of a build that was stopped are deleted with it.
 */
function clearDist(): Promise<void> {
  const dist = join(root, 'dist');
  try {
    // Not a link (its target is where the site goes) nor a mount point (it cannot be moved):
    // those Astro empties, as it would any dist/.
    if (existsSync(dist) && !lstatSync(dist).isSymbolicLink()) renameSync(dist, join(root, `.dist-old-${process.pid}`));
  } catch {
    // Left where it is, for Astro to empty.
  }
  const old = readdirSync(root).filter((f) => f.startsWith('.dist-old-'));
  // A leftover that cannot be deleted is no part of the site: it is left, and the build goes on.
  return Promise.all(old.map((f) => rm(join(root, f), { recursive: true, force: true }))).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Each reuse page's rows (scripts/shared-rows.ts) into the mark Astro left for them, a few pages
 * at a time without blocking (Pagefind indexes meanwhile). A page without its mark or its rows
 * fails the build.
 */
async function spliceRows(): Promise<void> {
  const slugs = Object.keys(JSON.parse(readFileSync(join(root, '.generated/data/speeches.json'), 'utf8')) as object);
  const one = async (slug: string) => {
    const page = join(root, 'dist', 'speeches', slug, 'shared', 'index.html');
    const [html, rows] = await Promise.all([
      readFile(page, 'utf8').catch(() => ''),
      readFile(join(root, '.generated', sharedRowsFile(slug)), 'utf8').catch(() => null),
    ]);
    const at = html.indexOf(SHARED_ROWS_MARK);
    if (at < 0 || rows === null)
      throw new BuildError(
        `build: the reuse page of ${slug} is incomplete (${at < 0 ? 'no place for its rows' : 'no rows written'})`,
      );
    await writeFile(page, html.slice(0, at) + rows + html.slice(at + SHARED_ROWS_MARK.length));
  };
  let next = 0;
  const lane = async () => {
    while (next < slugs.length) await one(slugs[next++]!);
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}

let cleared: Promise<void> | undefined;
try {
  // Each phase is its own process, so the memory one phase used is returned before the next starts.
  const force = args.includes('--force') ? ['--force'] : [];
  // The collection stage, with the downloads (a Word file a speech: the costly part) written
  // while its reuse pass runs on a thread of its own. Before Astro: the source pages show the
  // files' sizes and /data/ lists the collection's parts.
  await phase('convert', () => node('convert', join(repo, 'scripts/convert.ts'), ['--root', root, ...force]));

  // Astro and Pagefind one after the other, not side by side: at 10,000 speeches Astro peaks at
  // 1.3 GB and Pagefind at 2.1 GB, 3.6 GB together, too close to the 4 GB budget.
  // The last site is moved aside only now, once the collection has converted without a problem
  // (a failed build leaves it as it was), and deleted while the next phases run.
  cleared = clearDist();
  // The reuse pages' rows are written beside Astro, on the other core (Astro is one thread),
  // and put in place when both are done (finish).
  await Promise.all([
    phase('astro', () =>
      node('Astro', join(repo, 'node_modules/astro/bin/astro.mjs'), ['build', '--silent'], {
        YANLU_SHARED_ROWS: 'splice',
      }),
    ),
    phase('rows', () => node('the reuse rows', join(repo, 'scripts/shared-rows.ts'), [root])),
  ]);
  // Pagefind's index (a process of its own) while the reuse pages' rows are put in place.
  await Promise.all([
    phase('index', () => node("Pagefind's index", join(repo, 'scripts/index-pagefind.ts'), [root])),
    phase('splice', spliceRows),
  ]);

  await phase('finish', () => {
    const dist = join(root, 'dist');
    const index = join(root, '.generated/pagefind-out');
    if (!existsSync(join(index, 'pagefind-entry.json'))) throw new BuildError('build: Pagefind wrote no index');
    rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
    renameSync(index, join(dist, 'pagefind'));
    // The exact-search index: hard links, not copies (10,000 speech texts at 10,000 speeches).
    linkTree(join(root, '.generated/search'), join(dist, 'search'));
    // The downloads and open data (src/collection/exports.ts), likewise.
    linkTree(join(root, '.generated/exports'), dist);
    // The site is complete only with every speech page and the search index.
    const slugs = Object.keys(JSON.parse(readFileSync(join(root, '.generated/data/speeches.json'), 'utf8')) as object);
    const missing = slugs.filter((slug) => !existsSync(join(dist, 'speeches', slug, 'index.html')));
    if (missing.length)
      throw new BuildError(`build: ${missing.length} speech page(s) missing from dist/, e.g. ${missing[0]}`);
    if (!existsSync(join(dist, 'search/meta.json')))
      throw new BuildError('build: the search index is missing from dist/');
    const noDocx = slugs.filter((slug) => !existsSync(join(dist, 'speeches', slug, `${slug}.docx`)));
    if (noDocx.length)
      throw new BuildError(`build: ${noDocx.length} speech download(s) missing from dist/, e.g. ${noDocx[0]}.docx`);
    if (!existsSync(join(dist, 'data/index.json'))) throw new BuildError('build: the open data is missing from dist/');
    // @astrojs/sitemap logs its failures and carries on; a site without its sitemap is not complete.
    for (const f of ['sitemap-index.xml', 'robots.txt', 'feed.xml'])
      if (!existsSync(join(dist, f))) throw new BuildError(`build: ${f} is missing from dist/`);
  });
  await cleared;
  const speeches = Object.keys(JSON.parse(readFileSync(join(root, '.generated/data/speeches.json'), 'utf8')) as object);
  console.log(`[yanlu] built ${speeches.length} speeches into ${join(root, 'dist')}`);
  // Citations and canonical links name the site's url: say so when it is still the local default.
  const { url } = loadSite(root);
  if (new URL(url).hostname === '127.0.0.1')
    console.log(
      `[yanlu] note: citations and canonical links point to ${url}; set url in content/site.yaml or SITE_URL before publishing`,
    );
} catch (e) {
  stopping = true;
  for (const child of running) child.kill();
  if (!(e instanceof BuildError)) throw e;
  if (e.message) console.error(e.message);
  process.exitCode = 1;
}
