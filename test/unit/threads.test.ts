import { describe, expect, it } from 'vitest';
import { ThreadPool, ThreadStopped } from '../../src/lib/threads.ts';
import type { TestAnswer, TestJob } from '../helpers/thread-worker.ts';

/** The pool the collection stage's conversion, reuse pass and downloads run on (src/lib/threads.ts). */
const WORKER = new URL('../helpers/thread-worker.ts', import.meta.url);
const pool = (opts: { size: number; ahead?: number; signal?: AbortSignal }) =>
  new ThreadPool<TestJob, TestAnswer>(WORKER, opts);
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => e,
  );

describe('ThreadPool', () => {
  it('answers every job once, and with `ahead: 1` gives each to whichever thread is free', async () => {
    const p = pool({ size: 2 });
    try {
      // Both threads up; then one slow job: the quick ones all go to the other thread meanwhile.
      await Promise.all([p.run({ n: -1, ms: 100 }), p.run({ n: -2, ms: 100 })]);
      expect(p.count).toBe(2);
      // The slow job never answers in time: a quick one given to its thread would never come back.
      void reason(p.run({ n: 0, ms: 60_000 }));
      const quick = await Promise.all(Array.from({ length: 6 }, (_, i) => p.run({ n: i + 1 })));
      expect(quick.map((a) => a.n)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(quick.map((a) => a.thread))).toEqual(new Set([quick[0]!.thread]));
    } finally {
      await p.close();
    }
  });

  it('starts a thread only when those running have `ahead` jobs each, and room() waits for the queue', async () => {
    const p = pool({ size: 2, ahead: 3 });
    try {
      const three = [1, 2, 3].map((n) => p.run({ n, ms: 2_000 }));
      expect(p.count).toBe(1);
      await p.room();
      const more = [4, 5, 6, 7].map((n) => p.run({ n, ms: 2_000 }));
      expect(p.count).toBe(2);
      // Six taken by the two threads, one waiting: room() resolves once it is handed on.
      let roomy = false;
      const room = p.room().then(() => (roomy = true));
      await new Promise((r) => setTimeout(r, 10));
      expect(roomy).toBe(false);
      await room;
      expect((await Promise.all([...three, ...more])).map((a) => a.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await p.close();
    }
  });

  it('a thread that exits or throws fails its unanswered jobs, naming why; later jobs go to another', async () => {
    const p = pool({ size: 2 });
    try {
      const busy = p.run({ n: 1, ms: 400 });
      const exits = await reason(p.run({ n: 2, exit: 7 }));
      expect(exits).toBeInstanceOf(ThreadStopped);
      expect((exits as Error).message).toBe('thread stopped, exit code 7');
      expect((await busy).n).toBe(1);
      expect((await p.run({ n: 3 })).n).toBe(3);
      const throws = await reason(p.run({ n: 4, fail: 'boom' }));
      expect(throws).toBeInstanceOf(ThreadStopped);
      expect((throws as Error).message).toBe('boom');
      // Both threads are gone: a new one takes the next job, and a bare value thrown is named too.
      expect((await p.run({ n: 5 })).n).toBe(5);
      expect(p.count).toBe(3);
      const bare = await reason(p.run({ n: 6, raw: 'not an Error' }));
      expect(bare).toBeInstanceOf(ThreadStopped);
      expect((bare as Error).message).toBe('not an Error');
      expect((await p.run({ n: 7 })).n).toBe(7);
    } finally {
      await p.close();
    }
  });

  it('a script that cannot run fails every job with why, after a few threads, not one a job', async () => {
    const broken = new ThreadPool<TestJob, TestAnswer>(new URL('../helpers/no-such-worker.ts', import.meta.url), {
      size: 2,
    });
    try {
      const all = await Promise.all(Array.from({ length: 20 }, (_, n) => reason(broken.run({ n }))));
      for (const e of all) expect(e).toBeInstanceOf(ThreadStopped);
      expect(broken.count).toBeLessThanOrEqual(3);
      expect(await reason(broken.run({ n: 21 }))).toBeInstanceOf(ThreadStopped);
    } finally {
      await broken.close();
    }
  });

  it('an aborted signal fails every job not answered with its reason, and close() fails the rest', async () => {
    const stop = new AbortController();
    const p = pool({ size: 1, signal: stop.signal });
    const done = p.run({ n: 1 });
    const running = p.run({ n: 2, ms: 5_000 });
    const queued = p.run({ n: 3 });
    expect((await done).n).toBe(1);
    const why = new Error('the reuse pass failed (EEXIST)');
    const t0 = performance.now();
    stop.abort(why);
    expect(await reason(running)).toBe(why);
    expect(await reason(queued)).toBe(why);
    expect(await reason(p.run({ n: 4 }))).toBe(why);
    await p.room();
    expect(performance.now() - t0).toBeLessThan(2_000);
    await p.close();
    const closed = pool({ size: 1 });
    const left = reason(closed.run({ n: 1, ms: 5_000 }));
    await closed.close();
    expect(await left).toBeInstanceOf(ThreadStopped);
  });
});
