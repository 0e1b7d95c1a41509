import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { convertCollectionData } from '../../src/pipeline/collection.ts';
import type { Speech } from '../../src/schemas/speech.ts';

/** Front matter of every converted speech (run after the site set-up has converted them). */
export function converted(): Speech[] {
  return readdirSync('.generated/speeches')
    .sort()
    .map((f) => parse(readFileSync(`.generated/speeches/${f}`, 'utf8').split('\n---\n')[0]!.slice(4)) as Speech);
}

/** The converted speech made from the given source file name (e.g. `002_918ec13683767ab1.txt`). */
export function bySource(name: string): Speech {
  const s = converted().find((x) => x.source.file.endsWith(`/${name}`));
  if (!s) throw new Error(`no converted speech from ${name}`);
  return s;
}

/** The blocks (id and exact text) of a speech, straight from the converter. */
export function blocksOf(sourceFile: string): Array<{ id: string; text: string }> {
  const found = convertCollectionData('.').find((c) => c.data.source.file === sourceFile);
  if (!found) throw new Error(`no speech from ${sourceFile}`);
  return found.blocks;
}
