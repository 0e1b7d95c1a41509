/**
 * `npm run convert`: the collection stage. Every `content/speeches/**\/*.txt` becomes
 * `.generated/speeches/<slug>.mdx` (the interchange format) and the data the site renders from
 * (`.generated/data/`, `.generated/search/`). Only arguments, files and exit codes here.
 *
 * And the downloads of every speech (src/collection/exports.ts), written while the collection
 * stage's reuse pass runs.
 *
 * Usage: node scripts/convert.ts [--quiet] [--force] [--keep] [--root DIR]
 *          [--no-downloads | --downloads-only [--workers N]]
 * (`--keep`: a failing speech stays published as it last was; for the dev server, see
 * CollectionOptions.keep.)
 */
import { convertCollection } from '../src/collection/convert.ts';
import { ReuseError } from '../src/collection/reuse.ts';
import { ExportError, writeExports, type ExportReport } from '../src/collection/exports.ts';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args[rootAt + 1] : process.cwd();
if (!root) {
  console.error('usage: convert [--quiet] [--force] [--keep] [--root DIR]');
  process.exit(2);
}
const force = args.includes('--force');
const workersAt = args.indexOf('--workers');
const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : undefined;
if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) {
  console.error('convert: --workers takes a whole number of threads, at least 1');
  process.exit(2);
}
const downloadsOnly = args.includes('--downloads-only');
const downloads = !args.includes('--no-downloads');

/** The downloads' (or the reuse pass's files') one line and exit code 2 (the build adds nothing to it). */
function exportFailed(e: unknown): never {
  console.error(
    e instanceof ExportError || e instanceof ReuseError
      ? `convert: ${e.message}; nothing built`
      : `convert: the downloads failed, please report it: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
  );
  process.exit(2);
}
const t0 = performance.now();
let out: ExportReport | undefined;
if (!downloadsOnly) {
  let report;
  let failed: unknown;
  try {
    report = await convertCollection(root, {
      force,
      keep: args.includes('--keep'),
      // The downloads need only the speeches as published: they are written while the reuse
      // pass runs on its thread (on one worker of their own unless told otherwise), not after it.
      ...(downloads
        ? {
            meanwhile: async (so, metas, signal) => {
              if (so.errors.length) return;
              try {
                out = await writeExports(root, { force, workers: workers ?? 1, metas, signal });
              } catch (e) {
                // The downloads' own line, unless they were stopped because the reuse pass failed.
                if (!signal.aborted) failed = e;
                throw e;
              }
            },
          }
        : {}),
    });
  } catch (e) {
    if ((failed !== undefined && e === failed) || e instanceof ReuseError) exportFailed(e);
    // Not a problem with one file (those are reported below, one line each): a bug.
    console.error(`convert: internal error, please report it: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(3);
  }
  for (const e of report.errors) console.error(e);
  if (!args.includes('--quiet') || report.errors.length) {
    console.log(
      `convert: ${report.converted.length} converted, ${report.unchanged.length} unchanged, ${report.deleted.length} removed, ${report.errors.length} failed; ${report.speeches} published`,
    );
  }
  if (report.errors.length) process.exit(1);
} else {
  // The downloads alone, from what the collection stage wrote.
  try {
    out = await writeExports(root, { force, ...(workers ? { workers } : {}) });
  } catch (e) {
    exportFailed(e);
  }
}
if (out && !args.includes('--quiet'))
  console.log(
    `convert: downloads of ${out.written} speeches written, ${out.unchanged} unchanged${out.written ? `; Word ${Math.round(out.docxMs)} ms a file on ${out.workers} worker(s)` : ''}; ${Math.round(performance.now() - t0)} ms`,
  );
