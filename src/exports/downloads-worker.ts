/**
 * A worker thread of src/collection/exports.ts: writes one speech's downloads a message
 * (`{ input, dir }`): its open-data JSON, plain text and Markdown, then its Word file. Answers
 * each with `{ ok: true, json, docxMs }` (the JSON, which the JSON Lines parts are made of, and
 * the milliseconds its Word file took) or `{ ok: false, error }`, one line.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { exportFile, speechDocument, type ExportInput } from './document.ts';
import { speechDocx } from './docx.ts';
import { speechMarkdown, speechText } from './text.ts';

export type DownloadsJob = { input: ExportInput; dir: string };
export type DownloadsAnswer = { ok: true; json: string; docxMs: number } | { ok: false; error: string };

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function write({ input, dir }: DownloadsJob): Promise<DownloadsAnswer> {
  const out = (ext: 'docx' | 'txt' | 'md' | 'json') => join(dir, exportFile(input.meta.slug, ext));
  let json: string;
  try {
    mkdirSync(dir, { recursive: true });
    json = JSON.stringify(speechDocument(input));
    writeFileSync(out('json'), json);
    writeFileSync(out('txt'), speechText(input));
    writeFileSync(out('md'), speechMarkdown(input));
    // A Word file left from before must not pass for this one if it cannot be written.
    rmSync(out('docx'), { force: true });
  } catch (e) {
    return { ok: false, error: `downloads not written (${firstLine(e)})` };
  }
  try {
    const t0 = performance.now();
    writeFileSync(out('docx'), await speechDocx(input));
    return { ok: true, json, docxMs: performance.now() - t0 };
  } catch (e) {
    return { ok: false, error: `Word file not written (${firstLine(e)})` };
  }
}

// One job at a time, in the order they came: the answers are matched to the jobs by that order.
let last = Promise.resolve();
parentPort!.on('message', (job: DownloadsJob) => {
  last = last.then(() => write(job)).then((answer) => parentPort!.postMessage(answer));
});
