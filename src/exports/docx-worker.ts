/**
 * A worker thread of src/collection/exports.ts: writes Word files as they are asked for, one
 * message a file ({ input, path }), and answers each with `{ ok: true }` or the error's message.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ExportInput } from './document.ts';
import { speechDocx } from './docx.ts';

parentPort!.on('message', (job: { input: ExportInput; path: string }) => {
  speechDocx(job.input)
    .then((bytes) => {
      writeFileSync(job.path, bytes);
      parentPort!.postMessage({ ok: true });
    })
    .catch((e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }));
});
