import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SpeechMeta, SpeechText } from '../../src/schemas/generated.ts';

/**
 * The fixture collection the site tests build and serve (test/setup/site.ts): its own content/
 * (the seeds and fixture speeches), so adding speeches to the repository's content/ never
 * changes what the tests see.
 */
export const SITE_ROOT = resolve('test/sites/basic');

/** A path inside the fixture site's root. */
export const site = (...parts: string[]) => join(SITE_ROOT, ...parts);

/** Metadata of every speech of the fixture site, as the collection stage wrote it. */
export function converted(): SpeechMeta[] {
  const all = JSON.parse(readFileSync(site('.generated/data/speeches.json'), 'utf8')) as Record<string, SpeechMeta>;
  return Object.values(all).sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/** The converted speech made from the given source file name (e.g. `002_918ec13683767ab1.txt`). */
export function bySource(name: string): SpeechMeta {
  const s = converted().find((x) => x.source.file.endsWith(`/${name}`));
  if (!s) throw new Error(`no converted speech from ${name}`);
  return s;
}

/** The blocks (id and exact text) of a speech, as the collection stage wrote them. */
export function blocksOf(sourceFile: string): Array<{ id: string; text: string }> {
  const s = converted().find((c) => c.source.file === sourceFile);
  if (!s) throw new Error(`no speech from ${sourceFile}`);
  const text = JSON.parse(readFileSync(site('.generated/data/text', `${s.slug}.json`), 'utf8')) as SpeechText;
  return text.blocks.map((b) => ({ id: b.id, text: b.text }));
}
