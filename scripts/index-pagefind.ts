/**
 * The Pagefind phase of `scripts/build.ts`, run as its own process so that the build sees how it
 * ended. Indexes the finding aids the collection stage wrote (`.generated/pagefind/`: titles and
 * headings of every speech) plus the glossary, and writes the index to `.generated/pagefind-out/`.
 * Pagefind's Node API drives its binary over a pipe and never settles if that binary dies (killed
 * for memory, crashed): the process would just run out of work and exit 0. So exit 0 only after
 * the index is written; an exit for any other reason is a failure with one line (exit code 2).
 *
 * Usage: node scripts/index-pagefind.ts ROOT
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import type { GlossaryEntry } from '../src/schemas/generated.ts';

const root = resolve(process.argv[2] ?? '.');
/** Exit code meaning "failed, and the one line saying why is already printed" (see scripts/build.ts). */
const REPORTED = 2;
let done = false;
// Pagefind's Node wrapper reports a dead backend with console.error and a stack trace; the
// reason reaches us as a rejected call, so keep only our own line.
const say = console.error.bind(console);
console.error = () => {};
process.on('beforeExit', () => {
  if (!done) {
    say(
      "build: Pagefind's indexer stopped before writing the index (killed, out of memory or crashed); dist/ is incomplete",
    );
    process.exitCode = REPORTED;
  }
});

const fail = (what: string, errors: readonly string[]) => {
  throw new Error(`Pagefind ${what}: ${errors.join('; ')}`);
};

try {
  const out = join(root, '.generated/pagefind-out');
  rmSync(out, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) fail('could not start', errors);
  const added = await index!.addDirectory({ path: join(root, '.generated/pagefind') });
  if (added.errors.length) fail('could not read the records', added.errors);
  const glossary = JSON.parse(readFileSync(join(root, '.generated/data/glossary.json'), 'utf8')) as GlossaryEntry[];
  for (const t of glossary) {
    const r = await index!.addCustomRecord({
      url: `/glossary/${t.slug}/`,
      content: `${t.term} ${t.aliases.join(' ')} ${t.definition}`,
      language: 'zh-cn',
      meta: { title: t.term },
      filters: { kind: ['术语'] },
    });
    if (r.errors.length) fail(`could not add ${t.slug}`, r.errors);
  }
  const written = await index!.writeFiles({ outputPath: out });
  if (written.errors.length) fail('could not write the index', written.errors);
  console.log(`index: Pagefind indexed ${added.page_count} speeches and ${glossary.length} terms`);
  done = true;
  await pagefind.close();
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  say(
    /backend closed/u.test(reason)
      ? `build: Pagefind's indexer stopped before writing the index (${reason}); dist/ is incomplete`
      : `build: ${reason}; dist/ is incomplete`,
  );
  process.exitCode = REPORTED;
  done = true;
  await pagefind.close();
}
