import { Worker } from 'node:worker_threads';

/** Why a pool's job was not answered: its thread stopped (the reason's first line), or the pool was stopped. */
export class ThreadStopped extends Error {}

/**
 * Worker threads of one script, given jobs in turn: the collection stage's conversion, its reuse
 * pass and the downloads (src/collection/). A job goes to a thread with fewer than `ahead` jobs
 * unanswered (a new thread is started for it while there are fewer than `size`), or waits in one
 * queue for the first that has room: `ahead: 1` hands each job to whichever thread is free, a
 * larger one keeps a thread from ever waiting for the main thread. A thread answers each job with
 * one message, in the order given. One that stops (an uncaught error, an exit) fails its
 * unanswered jobs with a ThreadStopped naming why; later jobs go to the threads still running,
 * and a new thread takes its place when one is needed, unless as many threads as the pool holds
 * stopped before any answer at all (the script cannot run): then every job fails with why. Aborting `signal` fails every job not answered with its
 * reason and ends the threads, as `close` does.
 */
export class ThreadPool<Job, Answer> {
  private readonly threads: Thread<Job, Answer>[] = [];
  private readonly queue: Array<Task<Job, Answer>> = [];
  private waiting: Array<() => void> = [];
  private stopped?: Error;
  /** Answers received, over all threads; threads that stopped before giving any. */
  private answers = 0;
  private stillborn = 0;
  private readonly script: URL;
  private readonly size: number;
  private readonly ahead: number;
  private readonly workerData: unknown;

  constructor(script: URL, opts: { size: number; ahead?: number; workerData?: unknown; signal?: AbortSignal }) {
    this.script = script;
    this.size = Math.max(1, opts.size);
    this.ahead = Math.max(1, opts.ahead ?? 1);
    this.workerData = opts.workerData;
    const { signal } = opts;
    if (signal) {
      const stop = () => this.stop(signal.reason instanceof Error ? signal.reason : new ThreadStopped('stopped'));
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    }
  }

  /** Threads started so far. */
  get count(): number {
    return this.threads.length;
  }

  /** The job's answer, once a thread has given it. */
  run(job: Job): Promise<Answer> {
    if (this.stopped) return Promise.reject(this.stopped);
    const answered = new Promise<Answer>((done, fail) => this.queue.push({ job, done, fail }));
    this.pump();
    return answered;
  }

  /** Resolves when no job waits in the queue (at once if none does): for a caller that must not read far ahead. */
  async room(): Promise<void> {
    while (this.queue.length && !this.stopped) await new Promise<void>((wake) => this.waiting.push(wake));
  }

  /** Ends every thread; a job not answered fails. */
  async close(): Promise<void> {
    this.stop(new ThreadStopped('the threads were closed'));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private stop(why: Error) {
    if (this.stopped) return;
    this.stopped = why;
    for (const task of this.queue.splice(0)) task.fail(why);
    for (const t of this.threads) {
      for (const task of t.tasks.splice(0)) task.fail(why);
      void t.worker.terminate();
    }
    this.wake();
  }

  private wake() {
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Hand queued jobs to threads with room, starting threads as allowed. */
  private pump() {
    while (this.queue.length) {
      let t = this.threads.find((h) => h.why === undefined && h.tasks.length < this.ahead);
      // A thread that stopped is replaced: only running threads count against `size`.
      if (!t && this.threads.filter((h) => h.why === undefined).length < this.size) t = this.start();
      // Every running thread has `ahead` jobs: the job waits for an answer.
      if (!t) break;
      const task = this.queue.shift()!;
      t.tasks.push(task);
      t.worker.postMessage(task.job);
    }
    if (!this.queue.length) this.wake();
  }

  private start(): Thread<Job, Answer> {
    const worker = new Worker(this.script, this.workerData === undefined ? {} : { workerData: this.workerData });
    const t: Thread<Job, Answer> = { worker, tasks: [] };
    this.threads.push(t);
    worker.on('message', (answer: Answer) => {
      this.answers++;
      t.answered = true;
      t.tasks.shift()?.done(answer);
      this.pump();
    });
    const stopped = (why: string) => {
      if (t.why !== undefined || this.stopped) return;
      t.why = why;
      for (const task of t.tasks.splice(0)) task.fail(new ThreadStopped(why));
      // As many threads as the pool holds stopped before any answer: the script itself fails
      // (a syntax error, a missing file), and starting more would only fail again.
      if (!t.answered && ++this.stillborn >= this.size && this.answers === 0) this.stop(new ThreadStopped(why));
      else this.pump();
    };
    // What a thread throws need not be an Error (throw 'x', throw null).
    worker.on('error', (e: unknown) => stopped(String((e as Error | null)?.message ?? e).split('\n')[0]!));
    worker.on('exit', (code) => stopped(`thread stopped, exit code ${code}`));
    return t;
  }
}

interface Task<Job, Answer> {
  job: Job;
  done: (a: Answer) => void;
  fail: (e: Error) => void;
}

/** A thread, the jobs it was given that it has not answered, and why it stopped, once it has. */
interface Thread<Job, Answer> {
  worker: Worker;
  tasks: Array<Task<Job, Answer>>;
  why?: string;
  /** Whether it has answered a job. */
  answered?: boolean;
}
