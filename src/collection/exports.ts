import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { speechPath } from '../lib/format.ts';
import { loadSite } from '../lib/site.ts';
import { exportFile, speechDocument, type ExportInput } from '../exports/document.ts';
import { speechMarkdown, speechText } from '../exports/text.ts';
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
  /** Milliseconds per Word file, over the workers (0 when none was written). */
  docxMs: number;
  /** Worker threads used for the Word files. */
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

/** Run Word jobs on a pool of worker threads; reject on the first failure, naming its file. */
async function runDocx(jobs: Array<{ input: ExportInput; path: string; file: string }>, size: number): Promise<void> {
  if (!jobs.length) return;
  const queue = [...jobs];
  const workers = Array.from({ length: size }, () => new Worker(new URL('../exports/docx-worker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((done, fail) => {
            let current: (typeof jobs)[number] | undefined;
            const next = () => {
              current = queue.shift();
              if (current) w.postMessage({ input: current.input, path: current.path });
              else done();
            };
            w.on('message', (m: { ok: boolean; error?: string }) => {
              if (m.ok) next();
              else fail(new ExportError(`${current!.file}: Word file not written (${m.error ?? 'error'})`));
            });
            w.on('error', (e: Error) =>
              fail(new ExportError(`${current?.file ?? 'exports'}: Word file not written (${e.message})`)),
            );
            w.on('exit', (code) => {
              if (code !== 0)
                fail(new ExportError(`${current?.file ?? 'exports'}: Word worker stopped (exit code ${code})`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Write every speech's downloads (Word in the layout of GB/T 9704-2012, plain text, Markdown, the
 * open-data JSON) and the collection's JSON Lines parts and schema, from what the collection stage
 * wrote. A speech's files are made again only when their inputs changed (its front matter, text,
 * notes, the site's name and url, or the exporters' code: a content hash per speech); the Word
 * files, the costly part, on worker threads, one per core. Throws an ExportError (one line) when
 * a file cannot be written.
 */
export async function writeExports(
  root: string,
  opts: { force?: boolean; workers?: number } = {},
): Promise<ExportReport> {
  const at = (p: string) => join(root, p);
  const site = loadSite(root);
  const absolute = (path: string) => new URL(path.replace(/^\//u, ''), site.url).href;
  const schemaUrl = absolute('/data/speech.schema.json');
  const metas = Object.values(readJson<Record<string, SpeechMeta>>(at(`${DATA_DIR}/speeches.json`))).sort(
    (a, b) => a.order - b.order,
  );
  const old = opts.force || !existsSync(at(MANIFEST)) ? {} : readJson<Record<string, string>>(at(MANIFEST));
  const next: Record<string, string> = {};
  const code = codeHash();
  const jobs: Array<{ input: ExportInput; path: string; file: string }> = [];
  const docs: string[] = [];
  let unchanged = 0;

  for (const m of metas) {
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
      docs.push(readFileSync(out('json'), 'utf8'));
      unchanged++;
      continue;
    }
    try {
      mkdirSync(dir, { recursive: true });
      const json = JSON.stringify(speechDocument(input));
      writeFileSync(out('json'), json);
      writeFileSync(out('txt'), speechText(input));
      writeFileSync(out('md'), speechMarkdown(input));
      // A Word file left from before must not pass for this one if its job fails.
      rmSync(out('docx'), { force: true });
      docs.push(json);
    } catch (e) {
      throw new ExportError(`${m.source.file}: downloads not written (${(e as Error).message.split('\n')[0]})`);
    }
    jobs.push({ input, path: out('docx'), file: m.source.file });
  }

  // The Word files: the costly part, on worker threads (one per core, fewer for a few files).
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), Math.ceil(jobs.length / 4)));
  const t0 = performance.now();
  await runDocx(jobs, workers);
  const docxMs = jobs.length ? ((performance.now() - t0) * workers) / jobs.length : 0;

  // Folders of speeches that are gone.
  const speechesDir = at(`${EXPORTS_DIR}/speeches`);
  const slugs = new Set(metas.map((m) => m.slug));
  for (const d of existsSync(speechesDir) ? readdirSync(speechesDir) : [])
    if (!slugs.has(d)) rmSync(join(speechesDir, d), { recursive: true, force: true });

  // The collection: JSON Lines parts of at most PART_BYTES each, newest speech first, and the schema.
  const dataDir = at(`${EXPORTS_DIR}/data`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const index: DataIndex = { speeches: docs.length, schema: schemaUrl, parts: [] };
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
  for (const doc of docs) {
    const size = Buffer.byteLength(doc) + 1;
    if (bytes + size > PART_BYTES) close();
    part.push(doc);
    bytes += size;
  }
  close();
  writeFileSync(join(dataDir, 'speech.schema.json'), `${JSON.stringify(speechJsonSchema(schemaUrl), null, 2)}\n`);
  writeFileSync(join(dataDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(at(MANIFEST), JSON.stringify(next));
  return { written: jobs.length, unchanged, docxMs, workers: jobs.length ? workers : 0 };
}
