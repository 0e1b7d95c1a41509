/**
 * The rows of every speech's reuse page (/speeches/<slug>/shared/), written to
 * `.generated/shared-rows/<slug>.html` while Astro builds the pages around them: Astro is one
 * thread, and at 10,000 speeches these rows (the text of every shared paragraph and the earliest
 * speeches sharing it) were most of its time. scripts/build.ts puts them in place after Astro.
 * Reads only what the collection stage wrote.
 *
 * Usage: node scripts/shared-rows.ts ROOT
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSite } from '../src/lib/site.ts';
import { sharedRowsFile, sharedRowsHtml } from '../src/lib/render-shared.ts';
import { otherSpeechIn } from '../src/lib/render-speech.ts';
import type { SpeechMeta, SpeechShared, SpeechText } from '../src/schemas/generated.ts';

const root = resolve(process.argv[2] ?? '.');
try {
  // Links are written as the pages' are: under the site's base path.
  process.env.YANLU_BASE_PATH = loadSite(root).base;
  const data = join(root, '.generated/data');
  const read = <T>(...parts: string[]) => JSON.parse(readFileSync(join(data, ...parts), 'utf8')) as T;
  const metas = Object.values(read<Record<string, SpeechMeta>>('speeches.json'));
  const byOrder: SpeechMeta[] = [];
  for (const m of metas) byOrder[m.order] = m;
  const lookup = otherSpeechIn(byOrder);
  const out = join(root, '.generated', 'shared-rows');
  mkdirSync(out, { recursive: true });
  const keep = new Set<string>();
  for (const m of metas) {
    const html = sharedRowsHtml(
      m.slug,
      read<SpeechText>('text', `${m.slug}.json`).blocks,
      read<SpeechShared>('shared', `${m.slug}.json`),
      lookup,
    );
    const file = join(root, '.generated', sharedRowsFile(m.slug));
    writeFileSync(file, html);
    keep.add(file);
  }
  for (const f of readdirSync(out)) if (!keep.has(join(out, f))) rmSync(join(out, f));
} catch (e) {
  console.error(
    `shared-rows: the reuse pages' rows were not written (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
  );
  process.exit(2);
}
