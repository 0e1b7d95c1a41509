import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
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
