/**
 * A fixed set of reused worker threads with a bounded queue, for CPU-heavy work that must not run
 * on the event loop (the pairing solver). Bounded on every side, because one coordinator posting
 * eight 108 MB problems at once once took the server from 0.6 GB to 5.3 GB with a worker per
 * request:
 * - at most `size` jobs run at once (one worker each), so CPU and memory grow with the pool, not
 *   with the requests;
 * - at most `maxQueue` jobs wait; one more is refused at once (`PoolFullError`), since a long
 *   queue only turns into timeouts;
 * - each worker's JavaScript heap is capped (`resourceLimits`): a job that needs more kills only
 *   its worker, and is answered with `WorkerOutOfMemoryError` while the pool starts a new worker
 *   for the next job.
 * Workers are started on demand and kept for the next job (starting one costs ~0.3 s of loading
 * TypeScript); an idle worker is let go after `idleMs` so that the memory of a large job is given
 * back to the system.
 *
 * The worker side is `serveJobs` below, called by the worker's entry module.
 */
import { isMainThread, parentPort, type Transferable, Worker } from "node:worker_threads";

export interface WorkerPoolOptions {
  /** Said in errors and thread names, e.g. "pairing solver". */
  name: string;
  /** A worker entry that calls `serveJobs` (plain .mjs: workers start without the tsx loader). */
  entry: URL;
  /** Workers running at once. */
  size: number;
  /** Jobs that may wait for a worker; one more is refused. */
  maxQueue: number;
  /** Cap of each worker's old-generation heap, MB. Typed arrays and buffers are outside it. */
  heapMb: number;
  /** An idle worker exits after this long (default 60 s). */
  idleMs?: number;
}

/** Every worker is busy and the queue is full. */
export class PoolFullError extends Error {
  constructor(
    readonly pool: string,
    readonly queued: number,
  ) {
    super(`${pool}: all workers are busy and ${queued} jobs are waiting`);
    this.name = "PoolFullError";
  }
}

/** The job needed more heap than a worker may have; its worker died, the pool carries on. */
export class WorkerOutOfMemoryError extends Error {
  constructor(
    readonly pool: string,
    readonly heapMb: number,
  ) {
    super(`${pool}: the job needed more than the ${heapMb} MB a worker may use`);
    this.name = "WorkerOutOfMemoryError";
  }
}

export interface RunOptions {
  /** Aborting a waiting job drops it; aborting a running one terminates its worker. */
  signal?: AbortSignal;
  /** Buffers handed over without copying (they become unusable on this thread). */
  transfer?: Transferable[];
}

interface Job<Req, Res> {
  request: Req;
  transfer: Transferable[];
  signal: AbortSignal | undefined;
  resolve: (value: Res) => void;
  reject: (reason: unknown) => void;
  onAbort: () => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  job: Job<Req, Res> | null;
  idleTimer: NodeJS.Timeout | null;
}

/** What travels between the threads. Errors travel as data: structured clone keeps no class. */
type JobMessage<Req> = { id: number; request: Req };
type ResultMessage<Res> =
  | { id: number; ok: true; response: Res }
  | { id: number; ok: false; message: string; stack: string | undefined };

export interface WorkerPool<Req, Res> {
  run(request: Req, options?: RunOptions): Promise<Res>;
  stats(): { workers: number; busy: number; queued: number };
  /** Terminates the workers; waiting and running jobs are rejected. */
  close(): Promise<void>;
}

export function createWorkerPool<Req, Res>(options: WorkerPoolOptions): WorkerPool<Req, Res> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`${options.name}: size must be ≥ 1`);
  if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) {
    throw new Error(`${options.name}: maxQueue must be ≥ 0`);
  }
  const idleMs = options.idleMs ?? 60_000;
  const slots = new Set<Slot<Req, Res>>();
  const queue: Job<Req, Res>[] = [];
  let nextId = 1;
  let closed = false;
  const jobIds = new WeakMap<Job<Req, Res>, number>();
  const lastError = new WeakMap<Slot<Req, Res>, Error>();

  const busyCount = () => [...slots].filter((s) => s.job).length;

  function startWorker(): Slot<Req, Res> {
    const worker = new Worker(options.entry, {
      name: options.name,
      // Independent of how the parent was started (node --import tsx, Vitest, ...): the entry
      // registers what it needs itself.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    });
    const slot: Slot<Req, Res> = { worker, job: null, idleTimer: null };
    slots.add(slot);
    let outOfMemory = false;
    worker.on("message", (message: ResultMessage<Res>) => {
      const job = slot.job;
      if (!job || message.id !== jobIds.get(job)) return;
      finish(slot, () => {
        if (message.ok) job.resolve(message.response);
        else {
          const error = new Error(`${options.name} failed: ${message.message}`);
          if (message.stack) error.stack = `${error.message}\n--- in the worker ---\n${message.stack}`;
          job.reject(error);
        }
      });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") outOfMemory = true;
      else lastError.set(slot, error);
    });
    worker.on("exit", (code) => {
      slots.delete(slot);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      const job = slot.job;
      slot.job = null;
      if (job) {
        settleJob(job, () =>
          job.reject(
            outOfMemory
              ? new WorkerOutOfMemoryError(options.name, options.heapMb)
              : (lastError.get(slot) ?? new Error(`${options.name}: worker exited with code ${code} mid-job`)),
          ),
        );
      }
      dispatch();
    });
    return slot;
  }

  function settleJob(job: Job<Req, Res>, action: () => void) {
    job.signal?.removeEventListener("abort", job.onAbort);
    action();
  }

  function finish(slot: Slot<Req, Res>, action: () => void) {
    const job = slot.job;
    slot.job = null;
    if (job) settleJob(job, action);
    idle(slot);
    dispatch();
  }

  function idle(slot: Slot<Req, Res>) {
    if (slot.job || !slots.has(slot)) return;
    // An idle worker must not keep the process alive (tests, the CLI), and leaves after idleMs.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      // Out of the pool first, so that no job is handed to a worker on its way out.
      slots.delete(slot);
      void slot.worker.terminate();
    }, idleMs);
    slot.idleTimer.unref();
  }

  function assign(slot: Slot<Req, Res>, job: Job<Req, Res>) {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.worker.ref();
    const id = nextId++;
    jobIds.set(job, id);
    const message: JobMessage<Req> = { id, request: job.request };
    slot.worker.postMessage(message, job.transfer);
  }

  function dispatch() {
    if (closed) return;
    while (queue.length) {
      let slot = [...slots].find((s) => !s.job);
      if (!slot) {
        if (slots.size >= options.size) return;
        slot = startWorker();
      }
      assign(slot, queue.shift() as Job<Req, Res>);
    }
  }

  return {
    run(request, runOptions = {}) {
      return new Promise<Res>((resolve, reject) => {
        const { signal } = runOptions;
        if (closed) {
          reject(new Error(`${options.name} is closed`));
          return;
        }
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const freeNow = busyCount() < options.size;
        if (!freeNow && queue.length >= options.maxQueue) {
          reject(new PoolFullError(options.name, queue.length));
          return;
        }
        const job: Job<Req, Res> = {
          request,
          transfer: runOptions.transfer ?? [],
          signal,
          resolve,
          reject,
          onAbort: () => {
            const waiting = queue.indexOf(job);
            if (waiting >= 0) {
              queue.splice(waiting, 1);
              settleJob(job, () => reject(signal?.reason));
              return;
            }
            // A running job cannot be interrupted inside a synchronous solve: its worker goes.
            for (const slot of slots) {
              if (slot.job !== job) continue;
              slot.job = null;
              slots.delete(slot);
              settleJob(job, () => reject(signal?.reason));
              void slot.worker.terminate();
              dispatch();
            }
          },
        };
        signal?.addEventListener("abort", job.onAbort, { once: true });
        queue.push(job);
        dispatch();
      });
    },
    stats() {
      return { workers: slots.size, busy: busyCount(), queued: queue.length };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) settleJob(job, () => job.reject(new Error(`${options.name} closed`)));
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * The worker side: answers each job message with the handler's result. A handler returns the
 * response and, optionally, buffers to transfer back instead of copying.
 */
export function serveJobs<Req, Res>(handler: (request: Req) => { response: Res; transfer?: Transferable[] }): void {
  if (isMainThread || !parentPort) throw new Error("serveJobs runs inside a worker thread");
  const port = parentPort;
  port.on("message", ({ id, request }: JobMessage<Req>) => {
    let message: ResultMessage<Res>;
    let transfer: Transferable[] = [];
    try {
      const outcome = handler(request);
      message = { id, ok: true, response: outcome.response };
      transfer = outcome.transfer ?? [];
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      message = { id, ok: false, message: e.message, stack: e.stack };
    }
    port.postMessage(message, transfer);
  });
}
