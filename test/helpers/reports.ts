import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Block } from '../../src/compare/align.ts';
import { convertSpeech } from '../../src/pipeline/convert.ts';
import { loadCleaningRules, loadTaxonomy } from '../../src/pipeline/rules.ts';

/**
 * The sample corpus of real documents (../shared/corpus beside the repository, or YANLU_CORPUS),
 * which stays out of the repository (its README); the compare tests and the benchmark read two
 * national work reports from it.
 */
export const CORPUS = resolve(process.env['YANLU_CORPUS'] ?? '../shared/corpus');
export const REPORT_2019 = '05_national_2019_gov_report.utf8.txt';
export const REPORT_2020 = '06_national_2020_gov_report_flat.utf8.txt';

/** A document converted with the project's converter, as the compare page reads its blocks. */
export function blocksOfFile(path: string): Block[] {
  if (!existsSync(path)) throw new Error(`${path}: missing; set YANLU_CORPUS to the sample corpus folder`);
  const c = convertSpeech({
    file: path,
    name: basename(path),
    bytes: readFileSync(path),
    rules: loadCleaningRules('content/cleaning.yaml'),
    taxonomy: loadTaxonomy('content/taxonomy.yaml'),
  });
  return c.blocks.map((b) => ({ id: b.id, depth: b.type === 'heading' ? b.depth : 0, text: b.text }));
}
