/**
 * A worker thread for test/unit/threads.test.ts: answers `{ n }` with `{ n, thread }` after `ms`
 * milliseconds; `{ exit: code }` ends the thread, `{ fail: message }` throws it uncaught (an
 * Error), `{ raw: value }` throws the bare value.
 */
import { parentPort, threadId } from 'node:worker_threads';

export type TestJob = { n: number; ms?: number; exit?: number; fail?: string; raw?: string };
export type TestAnswer = { n: number; thread: number };

parentPort!.on('message', (job: TestJob) => {
  if (job.exit !== undefined) process.exit(job.exit);
  if (job.fail !== undefined) throw new Error(`${job.fail}\nsecond line`);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless worker may do
  if (job.raw !== undefined) throw job.raw;
  setTimeout(() => parentPort!.postMessage({ n: job.n, thread: threadId } satisfies TestAnswer), job.ms ?? 0);
});
