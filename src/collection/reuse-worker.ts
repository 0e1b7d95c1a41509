/**
 * The reuse pass on a thread of its own (src/collection/reuse.ts, started by convertCollection):
 * it reads every speech's blocks from what the collection stage wrote and writes the shared
 * passages and formulations while the main thread annotates and indexes the same speeches, two
 * cores at work instead of one. Answers with the formulations, or the error's first line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { buildT2S } from '../search/t2s-table.ts';
import type { SpeechText } from '../schemas/generated.ts';
import { writeReuse, type ReuseAnswer, type ReuseJob } from './reuse.ts';

parentPort!.on('message', (job: ReuseJob) => {
  try {
    const speeches = job.speeches.map((s) => {
      const { blocks } = JSON.parse(readFileSync(join(job.textDir, `${s.meta.slug}.json`), 'utf8')) as SpeechText;
      // Only what the pass reads: a block's id and text.
      return { ...s, blocks: blocks.map((b) => ({ id: b.id, text: b.text })) };
    });
    const formulations = writeReuse(job.dataDir, speeches, buildT2S());
    parentPort!.postMessage({ ok: true, formulations } satisfies ReuseAnswer);
  } catch (e) {
    const error = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    // A file that cannot be read or written (EACCES, ENOSPC …) is the machine's problem, not a bug.
    const io = /^E[A-Z]+$/u.test(String((e as NodeJS.ErrnoException | null)?.code ?? ''));
    parentPort!.postMessage({ ok: false, error, io } satisfies ReuseAnswer);
  }
});
