/**
 * A worker thread of the collection stage's first step (src/collection/convert.ts): converts the
 * speeches it is given, one message each ({ file, name, path, sidecar, mdx, text }), writing the
 * MDX and text files to the paths named (staging files, which the main thread moves into place
 * once the slug is known to be free), and answers with the speech's metadata or its one line.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { convertSpeech } from '../pipeline/convert.ts';
import { loadCleaningRules, loadTaxonomy, readYaml } from '../pipeline/rules.ts';
import type { SpeechText } from '../schemas/generated.ts';
import { sidecarSchema } from '../schemas/speech.ts';
import { renderBlocks } from './annotate.ts';
import { problem, readInput, type ConvertAnswer, type ConvertJob } from './convert.ts';

const root = (workerData as { root: string }).root;
const rules = loadCleaningRules(join(root, 'content/cleaning.yaml'));
const taxonomy = loadTaxonomy(join(root, 'content/taxonomy.yaml'));

parentPort!.on('message', (job: ConvertJob) => {
  try {
    const bytes = readInput(job.path);
    const sidecar = existsSync(job.sidecar) ? readYaml(job.sidecar, sidecarSchema) : undefined;
    const out = convertSpeech({ file: job.file, name: job.name, bytes, sidecar, rules, taxonomy });
    writeFileSync(job.mdx, out.mdx);
    writeFileSync(job.text, JSON.stringify({ blocks: renderBlocks(out.blocks) } satisfies SpeechText));
    parentPort!.postMessage({ ok: true, data: out.data } satisfies ConvertAnswer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: problem(e, root) } satisfies ConvertAnswer);
  }
});
