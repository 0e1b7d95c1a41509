/** With YANLU_TRACE set, each stage of the pass prints its time and memory (for npm run bench:scale). */
const started = performance.now();
export function trace(stage: string): void {
  if (!process.env.YANLU_TRACE) return;
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  console.error(
    `[trace] ${stage}: ${Math.round(performance.now() - started)} ms, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external + m.arrayBuffers)} MB`,
  );
}
