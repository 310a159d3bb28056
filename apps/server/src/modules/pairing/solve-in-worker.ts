/**
 * Solving a province takes about half a second of pure CPU, and the largest problem the format
 * allows about 6 s and several hundred MB; on the server's event loop that would stall every
 * request behind it. So the server solves in a small pool of reused worker threads
 * (platform/worker-pool.ts): a fixed number of solves at once, a short queue, and a heap cap per
 * worker, so that neither CPU nor memory grows with the number of requests.
 *
 * Nothing large is copied or walked on the calling thread: the problem goes to the worker as the
 * uploaded bytes (transferred, not cloned), and the answer comes back as the JSON bytes of the
 * response body.
 */
import os from "node:os";
import { PairingInputError } from "@huzhu/domain";
import { createWorkerPool, type WorkerPool } from "../../platform/worker-pool.ts";
import type { SolveRequest, SolveResponse, SolveSummary } from "./solve-worker.ts";

export type { SolveSummary } from "./solve-worker.ts";

export interface SolverPoolOptions {
  /** Solves running at once, one worker thread each. */
  workers: number;
  /** Solves that may wait for a worker; one more is refused (503). */
  queue: number;
  /** Heap cap of each worker, MB; a problem that needs more is refused (413), the pool carries on. */
  heapMb: number;
  /** An idle worker exits after this long, giving its memory back (default 60 s). */
  idleMs?: number;
}

/**
 * Defaults: half the cores (1 on a 2-core machine, so requests always keep a core), four waiting,
 * and twice the heap the format's largest problem needs (2,000,000 candidates, explained: solves
 * in 256 MB, not in 192; bench/README.md).
 */
export function defaultSolverPoolOptions(): SolverPoolOptions {
  return { workers: Math.max(1, Math.floor(os.availableParallelism() / 2)), queue: 4, heapMb: 512 };
}

export interface SolveOutcome {
  /** The 200 body, `{"result":…,"explanation":…,"solveMs":…}` as UTF-8, to send as it is. */
  body: Buffer;
  summary: SolveSummary;
}

/** Solves pairing problems off the event loop. A test can stand in its own. */
export interface PairingSolver {
  /**
   * Solves a `huzhu.pairing.v1` problem given as UTF-8 bytes or chunks of them (transferred: the
   * caller's buffers are emptied when they own their memory), JSON text, or an object. Rejects with PairingInputError for
   * a bad problem, PoolFullError when the queue is full, WorkerOutOfMemoryError when the problem
   * needs more heap than a worker may have, or the signal's reason once aborted.
   */
  solve(problem: unknown, options?: { explain?: boolean; signal?: AbortSignal }): Promise<SolveOutcome>;
  /** Solves that may be running or waiting at once (workers + queue). */
  capacity(): number;
  close(): Promise<void>;
}

/**
 * Bytes that are the whole of their buffer, and big enough to be worth it, move to the worker
 * instead of being copied. A view into a larger buffer (a pool slice, a shared read buffer) never
 * qualifies: detaching it would take memory from under its other users. Node's HTTP server hands
 * each body chunk over in a buffer of its own (checked: every chunk of a 50 MB upload).
 */
function ownsItsBuffer(piece: unknown): piece is Uint8Array {
  return (
    piece instanceof Uint8Array &&
    piece.buffer instanceof ArrayBuffer &&
    piece.byteOffset === 0 &&
    piece.byteLength === piece.buffer.byteLength &&
    piece.byteLength >= 16 * 1024
  );
}

export function createSolverPool(options: SolverPoolOptions = defaultSolverPoolOptions()): PairingSolver {
  const pool: WorkerPool<SolveRequest, SolveResponse> = createWorkerPool({
    name: "pairing solver",
    entry: new URL("./solve-worker.mjs", import.meta.url),
    size: options.workers,
    maxQueue: options.queue,
    heapMb: options.heapMb,
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
  });
  return {
    async solve(problem, { explain = false, signal } = {}) {
      const pieces = problem instanceof Uint8Array ? [problem] : Array.isArray(problem) ? problem : [];
      const transfer = pieces.filter(ownsItsBuffer).map((piece) => piece.buffer as ArrayBuffer);
      const response = await pool.run({ problem, explain }, { transfer, ...(signal ? { signal } : {}) });
      if (!response.ok) {
        const { where, message } = response.inputError;
        throw new PairingInputError(where, message.slice(where.length + 2));
      }
      const { body, summary } = response;
      return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), summary };
    },
    capacity: () => options.workers + options.queue,
    close: () => pool.close(),
  };
}
