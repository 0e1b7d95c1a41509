import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOSSARY_FILE, loadGlossary, TermMatcher } from '../annotate/glossary.ts';
import { notesFile } from '../annotate/notes.ts';
import { dateKey, formatDate, speechPath } from '../lib/format.ts';
import { FACETS, facetValues } from '../lib/listing.ts';
import { convertSpeech } from '../pipeline/convert.ts';
import { InputError } from '../pipeline/errors.ts';
import { loadSite } from '../lib/site.ts';
import { trace } from '../lib/trace.ts';
import { writeReuseAside } from './reuse.ts';
import { ThreadPool } from '../lib/threads.ts';
import { loadCleaningRules, loadTaxonomy, readYaml } from '../pipeline/rules.ts';
import { buildT2S } from '../search/t2s-table.ts';
import { NOTE_KINDS, type GlossaryTerm } from '../schemas/annotations.ts';
import type { CollectionData, NoteDoc, SpeechMeta, SpeechText } from '../schemas/generated.ts';
import { sidecarSchema, type Speech } from '../schemas/speech.ts';
import { annotateSpeech, renderBlocks } from './annotate.ts';
import { writeSpeechRecord } from './finding-aids.ts';
import { SearchIndexWriter } from './search-index.ts';
import { listSources } from './sources.ts';
import { TermStats, textCharacters } from './terms.ts';

/** Where sources are, relative to the project root. */
export const SPEECHES_DIR = 'content/speeches';
/** Everything the collection stage writes (build output, never committed). */
export const GENERATED = '.generated';
/** The interchange format: one MDX file per speech (front matter + body). */
export const MDX_DIR = `${GENERATED}/speeches`;
/** Data the site renders from. */
export const DATA_DIR = `${GENERATED}/data`;
/** The search index and the speeches' search texts, served at /search/ (linked into dist/ by the build). */
export const SEARCH_DIR = `${GENERATED}/search`;
/** Pagefind's records: every speech's title and headings (see finding-aids.ts). */
export const PAGEFIND_DIR = `${GENERATED}/pagefind`;
/** Per source file: the hash of what it was converted from, and its slug. */
export const MANIFEST = `${GENERATED}/manifest.json`;

export interface ManifestEntry {
  hash: string;
  slug: string;
}

export interface CollectionReport {
  converted: string[];
  unchanged: string[];
  deleted: string[];
  /** One line per problem: `content/speeches/x.txt: reason`. */
  errors: string[];
  /** Speeches published (converted or unchanged, and annotated). */
  speeches: number;
  /** Worker threads that converted speeches (0: all on the main thread). */
  threads: number;
}

export interface CollectionOptions {
  /** Convert every speech again, even one whose inputs did not change. */
  force?: boolean;
  /**
   * Keep a failing speech published as it last was (a bad sidecar), or without its notes (a note
   * whose quote no longer occurs), instead of leaving it out; the problem is reported all the
   * same. The dev server's choice (src/integrations/dev-loop.ts), so an open page survives an
   * edit in progress; a build never uses it, it fails.
   */
  keep?: boolean;
  /**
   * Worker threads converting speeches when at least PARALLEL_FROM are to be converted (default:
   * one per core); 0 converts them all on this thread.
   */
  workers?: number;
  /**
   * Work that needs only the speeches as published (their metadata, text/, marks/), run while the
   * reuse pass does (scripts/convert.ts: the downloads). Given the report so far, so it can skip
   * its work when a speech failed, the metadata speeches.json will hold, and a signal aborted when
   * the reuse pass fails (so its one line comes at once, not after the downloads). What it throws
   * is thrown, and ends the reuse pass: the first failure of the two is the one thrown.
   */
  meanwhile?: (report: CollectionReport, metas: Record<string, SpeechMeta>, signal: AbortSignal) => Promise<void>;
}

/** Speeches to convert from which the first step uses worker threads (fewer are not worth starting them). */
export const PARALLEL_FROM = 64;
/** Where worker threads write what they converted, until it is moved into place: one per process, so two runs on one root never share it. */
const STAGING = `${GENERATED}/staging-${process.pid}`;

/** A speech converted on a worker: from the bytes with this hash, its metadata and staging files, or its one line. */
type Staged = { hash: string; data: Speech; mdx: string; text: string } | { hash: string; error: string };

/** A speech for a conversion thread (src/collection/convert-worker.ts) to convert. */
export interface ConvertJob {
  file: string;
  name: string;
  path: string;
  sidecar: string;
  /** Where to write the MDX and the text file. */
  mdx: string;
  text: string;
}
/** A conversion thread's answer: the speech's metadata, or its one line. */
export type ConvertAnswer = { ok: true; data: Speech } | { ok: false; error: string };

/**
 * The speeches of `sources` that need converting (their inputs changed), converted on worker
 * threads (src/collection/convert-worker.ts) into STAGING: per source file, its metadata and
 * staging files, or its one line. Empty when there are fewer than PARALLEL_FROM (or no workers):
 * those are converted in turn by the caller. Unreadable sources are left to the caller too, which
 * reports them.
 */
async function convertAside(
  root: string,
  sources: ReturnType<typeof listSources>,
  old: Record<string, ManifestEntry>,
  oldMetas: Record<string, SpeechMeta>,
  base: string,
  workers = availableParallelism(),
): Promise<{ staged: Map<string, Staged>; threads: number }> {
  const at = (p: string) => join(root, p);
  const jobs: ConvertJob[] = [];
  const hashes = new Map<string, string>();
  for (const source of sources) {
    if (source.error) continue;
    const file = toPosix(relative(root, source.path));
    const sidecar = source.path.replace(/\.txt$/iu, '.yaml');
    try {
      const hash = speechHash(base, readFileSync(source.path), existsSync(sidecar) ? readFileSync(sidecar) : null);
      const prev = old[file];
      const kept = prev?.hash === hash ? oldMetas[prev.slug] : undefined;
      if (kept && existsSync(at(`${MDX_DIR}/${kept.slug}.mdx`)) && existsSync(at(`${DATA_DIR}/text/${kept.slug}.json`)))
        continue;
      hashes.set(file, hash);
    } catch {
      continue;
    }
    const n = jobs.length;
    jobs.push({
      file,
      name: toPosix(relative(at(SPEECHES_DIR), source.path)),
      path: source.path,
      sidecar,
      mdx: at(`${STAGING}/${n}.mdx`),
      text: at(`${STAGING}/${n}.json`),
    });
  }
  const out = new Map<string, Staged>();
  if (jobs.length < PARALLEL_FROM || workers < 1) return { staged: out, threads: 0 };
  rmSync(at(STAGING), { recursive: true, force: true });
  mkdirSync(at(STAGING), { recursive: true });
  // Each job to whichever thread is free.
  const pool = new ThreadPool<ConvertJob, ConvertAnswer>(new URL('./convert-worker.ts', import.meta.url), {
    size: Math.min(workers, jobs.length),
    workerData: { root },
  });
  try {
    await Promise.all(
      jobs.map((job) =>
        pool.run(job).then(
          (m) => {
            const hash = hashes.get(job.file)!;
            out.set(job.file, m.ok ? { hash, data: m.data, mdx: job.mdx, text: job.text } : { hash, error: m.error });
          },
          // A thread that ends before its work is done (it cannot, unless something calls exit).
          (e: Error) => {
            throw new Error(`a conversion thread failed (${e.message})`);
          },
        ),
      ),
    );
  } finally {
    await pool.close();
  }
  return { staged: out, threads: pool.count };
}

export const toPosix = (p: string) => p.split(sep).join('/');

/**
 * The site file's logo (a file in content/, checked by loadSite), copied beside the data the
 * pages render from: the /logo.<ext> endpoint serves it from there, so no page reads content/.
 */
function copyLogo(root: string, logo: string | undefined): void {
  for (const f of readdirSync(join(root, DATA_DIR))) if (f.startsWith('logo.')) rmSync(join(root, DATA_DIR, f));
  if (logo) copyFileSync(join(root, 'content', logo), join(root, DATA_DIR, `logo${extname(logo)}`));
}

/** Read an input file; failing to read it (a folder, no permission) is an input problem. */
export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readJson<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/**
 * One line for a problem with an input file: its message with the project root taken off the
 * front of paths. File-system errors are problems with the input too; anything else is a bug,
 * reported as one line naming the file all the same.
 */
export function problem(e: unknown, root: string): string {
  const fsCode = (e as NodeJS.ErrnoException | null)?.code;
  // A bug met on one file is still one line naming the file; the other files go on.
  const message =
    e instanceof InputError
      ? e.message
      : fsCode && /^E[A-Z]+$/u.test(fsCode)
        ? `cannot read (${fsCode})`
        : `internal error, please report it: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  const prefix = `${resolve(root)}${sep}`;
  return toPosix(message.split(prefix).join(''));
}

/** Hash of the converter's own code, so a change to the pipeline regenerates every speech. */
function pipelineHash(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const dir of [join(here, '../pipeline'), join(here, '../schemas')]) {
    for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  // The text files are written by renderBlocks (annotate.ts): a change there rewrites them too.
  h.update(readFileSync(join(here, 'annotate.ts')));
  return h.digest('hex');
}

/**
 * Write JSON whole or not at all (a temporary file renamed over the old one): the dev server
 * reads these files while a conversion rewrites them.
 */
export function writeJson(path: string, value: unknown, space?: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, space));
  renameSync(tmp, path);
}

/** What every speech's hash starts from: the pipeline's code and the cleaning and taxonomy rules. */
export function baseHash(root: string): string {
  return createHash('sha256')
    .update(pipelineHash())
    .update(readFileSync(join(root, 'content/cleaning.yaml')))
    .update(readFileSync(join(root, 'content/taxonomy.yaml')))
    .digest('hex');
}

/** A speech's hash: the base, its bytes and its sidecar's. Unchanged, it is not converted again. */
export const speechHash = (base: string, bytes: Buffer, sidecar: Buffer | null) =>
  createHash('sha256')
    .update(base)
    .update(bytes)
    .update(sidecar ?? '')
    .digest('hex');

/** The collection's order: newest first, then by title. */
export const newestFirst = (a: Pick<Speech, 'date' | 'title'>, b: Pick<Speech, 'date' | 'title'>) =>
  dateKey(b.date) - dateKey(a.date) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);

/** A published speech's metadata without what the collection pass adds (its place, its notes). */
export function speechOf(meta: SpeechMeta): Speech {
  const { order, notes, older, newer, ...front } = meta;
  void [order, notes, older, newer];
  return front;
}

/** Remove files in `dir` (not recursively) whose names are not in `keep`. */
function prune(dir: string, keep: ReadonlySet<string>, report?: string[]): void {
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    if (!keep.has(f)) {
      rmSync(join(dir, f), { recursive: true, force: true });
      report?.push(f);
    }
  }
}

/**
 * The collection stage, run by `npm run convert`. Each source is read once: a speech is converted
 * again only when its bytes, its sidecar, the rules or the pipeline changed (otherwise its cached
 * result is read back). Then, once over the whole collection, newest first: notes are anchored,
 * glossary terms found, term statistics and facets counted, and the search index built. Bad
 * files are reported, one line each, and do not stop the others.
 */
export async function convertCollection(dir: string, opts: CollectionOptions = {}): Promise<CollectionReport> {
  const root = resolve(dir);
  const at = (p: string) => join(root, p);
  const report: CollectionReport = {
    converted: [],
    unchanged: [],
    deleted: [],
    errors: [],
    speeches: 0,
    threads: 0,
  };
  let rules, taxonomy, site;
  let glossary: GlossaryTerm[] = [];
  try {
    rules = loadCleaningRules(at('content/cleaning.yaml'));
    taxonomy = loadTaxonomy(at('content/taxonomy.yaml'));
    site = loadSite(root);
  } catch (e) {
    report.errors.push(problem(e, root));
    return report;
  }
  try {
    glossary = loadGlossary(at(GLOSSARY_FILE));
  } catch (e) {
    report.errors.push(problem(e, root));
  }
  const base = baseHash(root);

  const old = readJson<Record<string, ManifestEntry>>(at(MANIFEST), {});
  // What the last run published: an unchanged source's front matter is read back from it.
  const oldMetas = opts.force ? {} : readJson<Record<string, SpeechMeta>>(at(`${DATA_DIR}/speeches.json`), {});
  const next: Record<string, ManifestEntry> = {};
  const slugOwner = new Map<string, string>();
  const metas: Speech[] = [];
  const sourceFiles: string[] = [];
  for (const d of [MDX_DIR, `${DATA_DIR}/text`, `${DATA_DIR}/marks`]) mkdirSync(at(d), { recursive: true });
  copyLogo(root, site.logo);

  // 1. Per speech: convert what changed, read back what did not. Many to convert (a first build):
  // on worker threads, into staging files moved into place below, in order.
  const sources = listSources(at(SPEECHES_DIR), at('content'));
  const { staged, threads } = await convertAside(root, sources, old, oldMetas, base, opts.workers);
  report.threads = threads;
  for (const source of sources) {
    const file = toPosix(relative(root, source.path));
    sourceFiles.push(file);
    if (source.error) {
      report.errors.push(`${file}: ${source.error}`);
      continue;
    }
    const name = toPosix(relative(at(SPEECHES_DIR), source.path));
    try {
      const bytes = readInput(source.path);
      const sidecarPath = source.path.replace(/\.txt$/iu, '.yaml');
      const sidecarBytes = existsSync(sidecarPath) ? readInput(sidecarPath) : null;
      const hash = speechHash(base, bytes, sidecarBytes);
      const prev = old[file];
      const kept = prev?.hash === hash ? oldMetas[prev.slug] : undefined;
      const cached =
        kept && existsSync(at(`${MDX_DIR}/${kept.slug}.mdx`)) && existsSync(at(`${DATA_DIR}/text/${kept.slug}.json`));
      let data: Speech;
      if (kept && cached) {
        data = speechOf(kept);
      } else if (staged.get(file)?.hash === hash) {
        // Converted on a worker from these very bytes (a source edited since is converted below).
        const done = staged.get(file)!;
        if ('error' in done) throw new InputError(done.error);
        data = done.data;
        if (!slugOwner.has(data.slug)) {
          try {
            renameSync(done.mdx, at(`${MDX_DIR}/${data.slug}.mdx`));
            renameSync(done.text, at(`${DATA_DIR}/text/${data.slug}.json`));
          } catch (e) {
            // Not a problem with the source: the staging files are gone.
            throw new Error(`its converted files could not be moved into place (${(e as Error).message})`, {
              cause: e,
            });
          }
        }
      } else {
        const sidecar = sidecarBytes ? readYaml(sidecarPath, sidecarSchema) : undefined;
        const out = convertSpeech({ file, name, bytes, sidecar, rules, taxonomy });
        data = out.data;
        if (!slugOwner.has(data.slug)) {
          writeFileSync(at(`${MDX_DIR}/${data.slug}.mdx`), out.mdx);
          writeJson(at(`${DATA_DIR}/text/${data.slug}.json`), {
            blocks: renderBlocks(out.blocks),
          } satisfies SpeechText);
        }
      }
      const owner = slugOwner.get(data.slug);
      if (owner) {
        throw new InputError(
          `slug "${data.slug}" is already used by ${owner}; set another \`slug\` in ${toPosix(relative(root, sidecarPath))}`,
        );
      }
      slugOwner.set(data.slug, file);
      next[file] = { hash, slug: data.slug };
      metas.push(data);
      (cached ? report.unchanged : report.converted).push(file);
    } catch (e) {
      const msg = problem(e, root);
      report.errors.push(msg.startsWith('content/') ? msg : `${file}: ${msg}`);
      // Keeping: the speech as it was last converted, if that is still there and its slug free.
      const prev = old[file];
      const last = opts.keep && prev ? oldMetas[prev.slug] : undefined;
      if (
        last &&
        !slugOwner.has(last.slug) &&
        existsSync(at(`${MDX_DIR}/${last.slug}.mdx`)) &&
        existsSync(at(`${DATA_DIR}/text/${last.slug}.json`))
      ) {
        slugOwner.set(last.slug, file);
        next[file] = prev!;
        metas.push(speechOf(last));
      }
    }
  }
  rmSync(at(STAGING), { recursive: true, force: true });
  const slugs = new Set(metas.map((m) => m.slug));
  prune(at(MDX_DIR), new Set([...slugs].map((s) => `${s}.mdx`)), report.deleted);
  prune(at(`${DATA_DIR}/text`), new Set([...slugs].map((s) => `${s}.json`)));
  writeJson(at(MANIFEST), next, 2);
  trace('speeches converted');

  // 2. Once over the collection, newest first: annotations, term statistics, facets, search.
  metas.sort(newestFirst);
  const matcher = new TermMatcher(glossary);
  const stats = new TermStats(glossary);
  mkdirSync(at(SEARCH_DIR), { recursive: true });
  mkdirSync(at(`${PAGEFIND_DIR}/speeches`), { recursive: true });
  const t2s = buildT2S();
  writeJson(at(`${SEARCH_DIR}/t2s.json`), t2s);
  const index = new SearchIndexWriter(at(SEARCH_DIR), t2s);
  const facetCounts = {
    year: new Map<string, number>(),
    level: new Map<string, number>(),
    occasion: new Map<string, number>(),
    theme: new Map<string, number>(),
  };
  let characters = 0;
  const published = new Set<string>();
  const written: Record<string, SpeechMeta> = {};
  // Each speech's notes are one search document, added after every speech (see search-index.ts).
  const noteDocs: Array<[NoteDoc, Record<string, string[]>]> = [];
  // The same facet values the browse pages list (one definition of what a facet is).
  const facetsOf = metas.map((data) => Object.fromEntries(FACETS.map((f) => [f.name, facetValues(data, f.name)])));
  // Text reuse over the whole collection (src/collection/reuse.ts), on a thread of its own while
  // this one annotates and indexes; it reads the speeches' blocks from text/ itself. Whichever of
  // it and the work beside it fails first stops the other, and is what this pass throws.
  const stop = new AbortController();
  const reuse = writeReuseAside(
    {
      dataDir: at(DATA_DIR),
      textDir: at(`${DATA_DIR}/text`),
      speeches: metas.map((m, order) => ({
        meta: { slug: m.slug, order, date: m.date },
        facets: facetsOf[order]!,
      })),
    },
    stop.signal,
  );
  // Settled before anything can throw below, so a failure of the pass is never left unheard.
  const reuseResult = reuse.then(
    (formulations) => ({ formulations }),
    (error: Error) => {
      stop.abort(error);
      return { error };
    },
  );

  metas.forEach((data, order) => {
    const { blocks } = readJson<SpeechText>(at(`${DATA_DIR}/text/${data.slug}.json`), { blocks: [] });
    let annotated;
    try {
      annotated = annotateSpeech(data, blocks, root, matcher);
    } catch (e) {
      report.errors.push(problem(e, root));
      if (!opts.keep) return;
      annotated = annotateSpeech(data, blocks, root, matcher, []);
    }
    const { marks } = annotated;
    stats.add(data, textCharacters(blocks), annotated.hits);
    const meta: SpeechMeta = {
      ...data,
      order,
      notes: marks.notes.length,
      newer: order > 0 ? metas[order - 1]!.slug : null,
      older: order + 1 < metas.length ? metas[order + 1]!.slug : null,
    };
    written[data.slug] = meta;
    writeJson(at(`${DATA_DIR}/marks/${data.slug}.json`), marks);
    const facets = facetsOf[order]!;
    for (const [name, values] of Object.entries(facets)) {
      const counts = facetCounts[name as keyof typeof facetCounts];
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    characters += data.counts.characters;
    const head = {
      u: speechPath(data.slug),
      t: data.title,
      d: formatDate(data.date),
      k: dateKey(data.date),
      l: data.level ?? '',
    };
    const id = index.add(
      {
        ...head,
        b: [
          ...(data.titleDerived ? [] : [['title', data.title] as [string, string]]),
          ...blocks.map((b) => [b.id, b.text] as [string, string]),
        ],
      },
      facets,
    );
    if (marks.notes.length) {
      const doc: NoteDoc = {
        ...head,
        s: id,
        b: marks.notes.map((n) => [`note-${n.n}`, n.body]),
        q: marks.notes.map((n) => [NOTE_KINDS[n.kind], n.exact]),
      };
      noteDocs.push([doc, facets]);
    }
    writeSpeechRecord(at(PAGEFIND_DIR), data);
    published.add(data.slug);
  });
  trace('annotated and indexed');
  prune(at(`${DATA_DIR}/marks`), new Set([...published].map((s) => `${s}.json`)));
  // The speeches are written (text, marks; their metadata is given): what needs only them runs
  // now, beside the reuse pass (the downloads, in a build), and a failure of either is reported.
  // speeches.json is written after both, as the last of the pass's files but two: the dev
  // server's content collection watches it, and would show the collection half written.
  const [reused] = await Promise.all([
    reuseResult,
    Promise.resolve()
      .then(() => opts.meanwhile?.(report, written, stop.signal))
      .catch((error: unknown) => stop.abort(error instanceof Error ? error : new Error(String(error)))),
  ]);
  if (stop.signal.aborted) throw stop.signal.reason;
  if ('error' in reused) throw reused.error;
  const { formulations } = reused;
  trace('reuse written');
  // All metadata in one file (one read for Astro's file() loader, not one per speech).
  writeJson(at(`${DATA_DIR}/speeches.json`), written);
  prune(at(`${PAGEFIND_DIR}/speeches`), published);
  for (const [doc, facets] of noteDocs) index.addNotes(doc, facets);
  index.addFormulations(formulations.map((f) => [f.text, f.speeches] as const));
  index.glossary(glossary.map((t) => [t.slug, t.term, t.aliases, t.definition.trim()]));
  index.finish();
  trace('search index written');
  writeJson(at(`${DATA_DIR}/glossary.json`), stats.write(at(`${DATA_DIR}/terms`)));
  const LEVELS = ['国家', '省', '市', '县'];
  const sorted = (m: Map<string, number>, order: (a: string, b: string) => number) =>
    [...m].sort((a, b) => order(a[0], b[0]));
  const collection: CollectionData = {
    speeches: published.size,
    characters,
    years: stats.years(),
    facets: {
      year: sorted(facetCounts.year, (a, b) => Number(b) - Number(a)),
      level: sorted(facetCounts.level, (a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b)),
      occasion: sorted(
        facetCounts.occasion,
        (a, b) => facetCounts.occasion.get(b)! - facetCounts.occasion.get(a)! || a.localeCompare(b, 'zh-CN'),
      ),
      theme: sorted(
        facetCounts.theme,
        (a, b) => facetCounts.theme.get(b)! - facetCounts.theme.get(a)! || a.localeCompare(b, 'zh-CN'),
      ),
    },
  };
  writeJson(at(`${DATA_DIR}/collection.json`), collection);
  report.speeches = published.size;

  // Notes files that belong to no speech are mistakes (a renamed .txt): say so.
  const known = new Set(sourceFiles.map(notesFile));
  const notesDir = at('content/annotations');
  for (const f of existsSync(notesDir) ? readdirSync(notesDir).sort() : []) {
    if (f.endsWith('.yaml') && !known.has(`content/annotations/${f}`)) {
      report.errors.push(`content/annotations/${f}: no speech content/speeches/${f.replace(/\.yaml$/u, '.txt')}`);
    }
  }
  return report;
}
