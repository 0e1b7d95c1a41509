import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { speechPath } from '../lib/format.ts';
import { ThreadPool, ThreadStopped } from '../lib/threads.ts';
import { loadSite } from '../lib/site.ts';
import { exportFile, type ExportInput } from '../exports/document.ts';
import type { DownloadsAnswer, DownloadsJob } from '../exports/downloads-worker.ts';
import type { SpeechMarks, SpeechMeta, SpeechText } from '../schemas/generated.ts';
import { speechJsonSchema, type DataIndex } from '../schemas/export.ts';
import { DATA_DIR, GENERATED } from './convert.ts';

/**
 * The downloads, linked into dist/ by the build as they are laid out here:
 * `speeches/<slug>/<slug>.{docx,txt,md,json}` and `data/` (the JSON Lines parts, their index and
 * the JSON Schema).
 */
export const EXPORTS_DIR = `${GENERATED}/exports`;
/** Which inputs each speech's files were made from (kept outside EXPORTS_DIR: not published). */
const MANIFEST = `${GENERATED}/exports-manifest.json`;
/** A JSON Lines part is closed before it passes this size, so every file stays within the file limits of static hosts. */
export const PART_BYTES = 20 * 1024 * 1024;

export interface ExportReport {
  /** Speeches whose files were made again. */
  written: number;
  /** Speeches whose files were kept (same inputs). */
  unchanged: number;
  /** Milliseconds a Word file took to make and write, in its worker (0 when none was written). */
  docxMs: number;
  /** Worker threads that wrote the downloads. */
  workers: number;
}

/** A problem writing the downloads: one line naming the speech's source file. */
export class ExportError extends Error {}

/** Hash of the exporters' own code: a change to a layout makes every file again. */
function codeHash(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const dir of [join(here, '../exports')]) {
    for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  for (const f of ['../lib/cite.ts', '../schemas/export.ts', './exports.ts']) h.update(readFileSync(join(here, f)));
  return h.digest('hex');
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Jobs a worker is given ahead of its answers: enough that it never waits for the main thread. */
const AHEAD = 8;

/**
 * Write every speech's downloads (Word in the layout of GB/T 9704-2012, plain text, Markdown, the
 * open-data JSON) and the collection's JSON Lines parts and schema, from what the collection stage
 * wrote. A speech's files are made again only when their inputs changed (its front matter, text,
 * notes, the site's name and url, or the exporters' code: a content hash per speech). The main
 * thread reads each speech and hands it to a pool of worker threads (one per core) that write its
 * files, so the Word files, the costly part, are made from the first speech on. Throws an
 * ExportError (one line) when a file cannot be written; stops (the signal's reason) once `signal`
 * is aborted: the reuse pass beside it failed.
 */
export async function writeExports(
  root: string,
  opts: { force?: boolean; workers?: number; metas?: Record<string, SpeechMeta>; signal?: AbortSignal } = {},
): Promise<ExportReport> {
  const at = (p: string) => join(root, p);
  const site = loadSite(root);
  const absolute = (path: string) => new URL(path.replace(/^\//u, ''), site.url).href;
  const schemaUrl = absolute('/data/speech.schema.json');
  // The collection stage's metadata, as given (inside the stage) or as it wrote it.
  const metas = Object.values(opts.metas ?? readJson<Record<string, SpeechMeta>>(at(`${DATA_DIR}/speeches.json`))).sort(
    (a, b) => a.order - b.order,
  );
  const old = opts.force || !existsSync(at(MANIFEST)) ? {} : readJson<Record<string, string>>(at(MANIFEST));
  const next: Record<string, string> = {};
  const code = codeHash();
  // Each speech's JSON, in order: read back (unchanged) or to come from its worker.
  const docs: Array<Promise<string>> = [];
  // Threads that write the files (src/exports/downloads-worker.ts); a new one only once those
  // running have AHEAD speeches each, so a few changed speeches take one thread.
  const pool = new ThreadPool<DownloadsJob, DownloadsAnswer>(
    new URL('../exports/downloads-worker.ts', import.meta.url),
    {
      size: opts.workers ?? availableParallelism(),
      ahead: AHEAD,
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
  );
  let docxMs = 0;
  let failed: Error | undefined;
  let written = 0;
  let unchanged = 0;
  let texts: string[];

  try {
    for (const m of metas) {
      opts.signal?.throwIfAborted();
      const { order, notes: count, older, newer, ...meta } = m;
      void [order, count, older, newer];
      const dir = at(`${EXPORTS_DIR}${speechPath(m.slug)}`);
      const out = (ext: 'docx' | 'txt' | 'md' | 'json') => join(dir, exportFile(m.slug, ext));
      const { blocks } = readJson<SpeechText>(at(`${DATA_DIR}/text/${m.slug}.json`));
      const { notes } = readJson<SpeechMarks>(at(`${DATA_DIR}/marks/${m.slug}.json`));
      const input: ExportInput = {
        meta,
        blocks,
        notes,
        url: absolute(speechPath(m.slug)),
        siteName: site.name,
        files: { base: absolute(speechPath(m.slug)), schema: schemaUrl },
      };
      const hash = createHash('sha256').update(code).update(JSON.stringify(input)).digest('hex');
      next[m.slug] = hash;
      if (old[m.slug] === hash && (['docx', 'txt', 'md', 'json'] as const).every((e) => existsSync(out(e)))) {
        docs.push(Promise.resolve(readFileSync(out('json'), 'utf8')));
        unchanged++;
        continue;
      }
      // Written as soon as it is read, while the next are read; the first failure ends the run.
      await pool.room();
      if (failed) throw failed;
      const file = m.source.file;
      const json = pool.run({ input, dir }).then(
        (a) => {
          if (!a.ok) throw new ExportError(`${file}: ${a.error}`);
          docxMs += a.docxMs;
          return a.json;
        },
        (e: Error) => {
          throw e instanceof ThreadStopped ? new ExportError(`${file}: downloads not written (${e.message})`) : e;
        },
      );
      json.catch((e: unknown) => (failed ??= e instanceof Error ? e : new Error(String(e))));
      docs.push(json);
      written++;
    }
    texts = await Promise.all(docs);
  } finally {
    await pool.close();
  }
  const docxMsEach = written ? docxMs / written : 0;

  // Folders of speeches that are gone.
  const speechesDir = at(`${EXPORTS_DIR}/speeches`);
  const slugs = new Set(metas.map((m) => m.slug));
  for (const d of existsSync(speechesDir) ? readdirSync(speechesDir) : [])
    if (!slugs.has(d)) rmSync(join(speechesDir, d), { recursive: true, force: true });

  // The collection: JSON Lines parts of at most PART_BYTES each, newest speech first, and the schema.
  const dataDir = at(`${EXPORTS_DIR}/data`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const index: DataIndex = { speeches: texts.length, schema: schemaUrl, parts: [] };
  let part: string[] = [];
  let bytes = 0;
  const close = () => {
    if (!part.length) return;
    const name = `speeches-${String(index.parts.length + 1).padStart(3, '0')}.jsonl`;
    const body = `${part.join('\n')}\n`;
    writeFileSync(join(dataDir, name), body);
    index.parts.push({
      url: absolute(`/data/${name}`),
      speeches: part.length,
      bytes: Buffer.byteLength(body),
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    part = [];
    bytes = 0;
  };
  for (const doc of texts) {
    const size = Buffer.byteLength(doc) + 1;
    if (bytes + size > PART_BYTES) close();
    part.push(doc);
    bytes += size;
  }
  close();
  writeFileSync(join(dataDir, 'speech.schema.json'), `${JSON.stringify(speechJsonSchema(schemaUrl), null, 2)}\n`);
  writeFileSync(join(dataDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(at(MANIFEST), JSON.stringify(next));
  return { written, unchanged, docxMs: docxMsEach, workers: pool.count };
}
