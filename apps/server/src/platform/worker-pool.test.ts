import { afterEach, describe, expect, it } from "vitest";
import { createWorkerPool, PoolFullError, WorkerOutOfMemoryError, type WorkerPool } from "./worker-pool.ts";

type Request =
  | { kind: "echo"; value: string }
  | { kind: "wait"; flags: SharedArrayBuffer }
  | { kind: "hog" }
  | { kind: "throw" };
type Response = { value: string; threadId: number };

const entry = new URL("./testing/pool-test-worker.mjs", import.meta.url);

/** A job that runs until released: [0] is the release flag, [1] counts the jobs that started. */
function gate() {
  const flags = new SharedArrayBuffer(8);
  const view = new Int32Array(flags);
  return {
    request: { kind: "wait" as const, flags },
    /** Resolves once `n` jobs holding this gate have started in a worker. */
    async started(n = 1) {
      while (Atomics.load(view, 1) < n) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    release() {
      Atomics.store(view, 0, 1);
    },
  };
}

describe("createWorkerPool", () => {
  let pool: WorkerPool<Request, Response> | undefined;
  const open = (size: number, maxQueue: number, heapMb = 64) => {
    pool = createWorkerPool<Request, Response>({ name: "test pool", entry, size, maxQueue, heapMb });
    return pool;
  };
  afterEach(async () => pool?.close());

  it("reuses its workers from job to job", async () => {
    const p = open(1, 4);
    const first = await p.run({ kind: "echo", value: "a" });
    const second = await p.run({ kind: "echo", value: "b" });
    expect(first.value).toBe("a");
    expect(second).toEqual({ value: "b", threadId: first.threadId });
    expect(p.stats()).toEqual({ workers: 1, busy: 0, queued: 0 });
  }, 30_000);

  it("runs at most `size` jobs at once, queues up to maxQueue, and refuses the next one", async () => {
    const p = open(1, 1);
    const g = gate();
    const running = p.run(g.request);
    await g.started();
    const queued = p.run({ kind: "echo", value: "queued" });
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    const refused = await p.run({ kind: "echo", value: "one too many" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PoolFullError);
    expect((refused as PoolFullError).queued).toBe(1);
    g.release();
    expect((await running).value).toBe("released");
    expect((await queued).value).toBe("queued");
    expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
  }, 30_000);

  it("runs `size` jobs side by side", async () => {
    const p = open(2, 0);
    const g = gate();
    const both = [p.run(g.request), p.run(g.request)];
    await g.started(2);
    expect(p.stats()).toEqual({ workers: 2, busy: 2, queued: 0 });
    await expect(p.run({ kind: "echo", value: "x" })).rejects.toBeInstanceOf(PoolFullError);
    g.release();
    const threads = (await Promise.all(both)).map((r) => r.threadId);
    expect(new Set(threads).size).toBe(2);
  }, 30_000);

  it("answers a job that outgrows its heap with WorkerOutOfMemoryError, and keeps working", async () => {
    const p = open(1, 2, 32);
    const before = await p.run({ kind: "echo", value: "before" });
    const hog = p.run({ kind: "hog" });
    const queued = p.run({ kind: "echo", value: "after" });
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    // The job queued behind the failing one still runs, in a new worker.
    const error = await hog.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerOutOfMemoryError);
    expect((error as WorkerOutOfMemoryError).heapMb).toBe(32);
    const after = await queued;
    expect(after.value).toBe("after");
    const later = await p.run({ kind: "echo", value: "later" });
    expect(later.threadId).not.toBe(before.threadId);
    expect(p.stats().workers).toBe(1);
  }, 60_000);

  it("passes a failing job's error on and keeps the worker", async () => {
    const p = open(1, 0);
    const first = await p.run({ kind: "echo", value: "a" });
    await expect(p.run({ kind: "throw" })).rejects.toThrow("test pool failed: the job failed on purpose");
    expect((await p.run({ kind: "echo", value: "b" })).threadId).toBe(first.threadId);
  }, 30_000);

  it("drops an aborted waiting job, and terminates the worker of an aborted running one", async () => {
    const p = open(1, 1);
    const g = gate();
    const running = new AbortController();
    const waiting = new AbortController();
    const first = p.run(g.request, { signal: running.signal });
    await g.started();
    const second = p.run({ kind: "echo", value: "never" }, { signal: waiting.signal });
    waiting.abort(new Error("gave up waiting"));
    await expect(second).rejects.toThrow("gave up waiting");
    expect(p.stats().queued).toBe(0);
    running.abort(new Error("gave up running"));
    await expect(first).rejects.toThrow("gave up running");
    expect((await p.run({ kind: "echo", value: "next" })).value).toBe("next");
    await expect(p.run({ kind: "echo", value: "x" }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  }, 30_000);
});
