/**
 * `npm run convert`: the collection stage. Every `content/speeches/**\/*.txt` becomes
 * `.generated/speeches/<slug>.mdx` (the interchange format) and the data the site renders from
 * (`.generated/data/`, `.generated/search/`). Only arguments, files and exit codes here.
 *
 * Then the downloads of every speech (src/collection/exports.ts).
 *
 * Usage: node scripts/convert.ts [--quiet] [--force] [--keep] [--root DIR]
 *          [--no-downloads | --downloads-only [--workers N]]
 * (`scripts/build.ts` runs the two as phases of their own, so each is timed and measured.)
 * (`--keep`: a failing speech stays published as it last was; for the dev server, see
 * CollectionOptions.keep.)
 */
import { convertCollection } from '../src/collection/convert.ts';
import { ExportError, writeExports } from '../src/collection/exports.ts';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args[rootAt + 1] : process.cwd();
if (!root) {
  console.error('usage: convert [--quiet] [--force] [--keep] [--root DIR]');
  process.exit(2);
}
if (!args.includes('--downloads-only')) {
  let report;
  try {
    report = await convertCollection(root, { force: args.includes('--force'), keep: args.includes('--keep') });
  } catch (e) {
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
}
if (args.includes('--no-downloads')) process.exit(0);

// The downloads (Word, text, Markdown, open data), from what the collection stage wrote.
try {
  const t0 = performance.now();
  const workersAt = args.indexOf('--workers');
  const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : undefined;
  const out = await writeExports(root, { force: args.includes('--force'), ...(workers ? { workers } : {}) });
  if (!args.includes('--quiet'))
    console.log(
      `convert: downloads of ${out.written} speeches written, ${out.unchanged} unchanged${out.written ? `; Word ${Math.round(out.docxMs)} ms a file on ${out.workers} worker(s)` : ''}; ${Math.round(performance.now() - t0)} ms`,
    );
} catch (e) {
  // Exit code 2: this one line is the build's message (scripts/build.ts adds none).
  console.error(
    e instanceof ExportError
      ? `convert: ${e.message}; nothing built`
      : `convert: the downloads failed, please report it: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
  );
  process.exit(2);
}
