import { PairingInputError, type PairingProblem, solvePairing, solvePairingExplained } from "@huzhu/domain";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerOutOfMemoryError } from "../../platform/worker-pool.ts";
import { createSolverPool } from "./solve-in-worker.ts";

// How long a solve blocks the event loop, and how much memory parallel solves take, is measured
// in bench/pairing/server-load.ts: timing belongs to benchmarks, not to tests.

/** A seeded synthetic problem: 14,000 recipients and 420,000 candidates make ~20 MB of JSON. */
function bigProblem(recipients: number, helpers: number, perRecipient: number): PairingProblem {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const candidates: PairingProblem["candidates"] = [];
  for (let r = 0; r < recipients; r++) {
    const used = new Set<number>();
    const home = Math.floor((r / recipients) * helpers);
    while (used.size < perRecipient) {
      const h = (home + Math.floor((random() - 0.5) * 200) + helpers) % helpers;
      if (used.has(h)) continue;
      used.add(h);
      candidates.push({ helper: `h${h}`, recipient: `r${r}`, score: Math.floor(random() * 10001) });
    }
  }
  return {
    format: "huzhu.pairing.v1",
    recipients: Array.from({ length: recipients }, (_, r) => ({ id: `r${r}`, demand: random() < 0.15 ? 2 : 1 })),
    helpers: Array.from({ length: helpers }, (_, h) => ({ id: `h${h}`, capacity: 1 + Math.floor(random() * 4) })),
    candidates,
  };
}

const small: PairingProblem = {
  format: "huzhu.pairing.v1",
  recipients: [
    { id: "village-a", demand: 1 },
    { id: "village-b", demand: 1 },
  ],
  helpers: [
    { id: "county-bureau", capacity: 1 },
    { id: "city-community", capacity: 1 },
  ],
  candidates: [
    { helper: "county-bureau", recipient: "village-a", score: 100 },
    { helper: "county-bureau", recipient: "village-b", score: 10 },
    { helper: "city-community", recipient: "village-a", score: 5 },
  ],
};

const bytesOf = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

describe("createSolverPool", () => {
  const solver = createSolverPool({ workers: 1, queue: 2, heapMb: 512 });
  afterAll(() => solver.close());

  it("answers with the response body as JSON bytes, from bytes, text or an object", async () => {
    const expected = { result: solvePairing(small), explanation: null };
    for (const problem of [bytesOf(small), JSON.stringify(small), small]) {
      const { body, summary } = await solver.solve(problem);
      const parsed = JSON.parse(body.toString("utf8"));
      expect(parsed).toEqual({ ...expected, solveMs: summary.solveMs });
      expect(summary).toMatchObject({ covered: 2, assigned: 2, score: 15 });
    }
    const explained = await solver.solve(small, { explain: true });
    const { result, explanation } = solvePairingExplained(small);
    expect(JSON.parse(explained.body.toString("utf8"))).toMatchObject({ result, explanation });
  }, 60_000);

  it("hands the uploaded bytes over instead of copying them", async () => {
    const problem = bytesOf(bigProblem(2000, 800, 10));
    const size = problem.byteLength;
    expect(size).toBeGreaterThan(4096);
    const pending = solver.solve(problem);
    // Transferred: this thread's view is detached at once.
    expect(problem.byteLength).toBe(0);
    expect((await pending).summary.covered).toBeGreaterThan(0);
  }, 60_000);

  it("takes the upload's chunks as they came, split anywhere, even inside a character", async () => {
    const problem = {
      ...small,
      recipients: [...small.recipients, { id: "村委会-甲", demand: 1 }],
      candidates: [...small.candidates, { helper: "city-community", recipient: "村委会-甲", score: 7 }],
    };
    const bytes = Buffer.from(JSON.stringify(problem));
    const cut = bytes.indexOf(Buffer.from("村")) + 1;
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut, cut + 1), bytes.subarray(cut + 1)].map(
      (piece) => new Uint8Array(piece),
    );
    const { body } = await solver.solve(chunks);
    expect(JSON.parse(body.toString("utf8")).result).toEqual(solvePairing(problem));
    // Large chunks that own their memory move to the worker; small ones are copied.
    const large = [bytesOf(bigProblem(2000, 800, 10))];
    const pending = solver.solve(large);
    expect(large[0]?.byteLength).toBe(0);
    expect((await pending).summary.covered).toBeGreaterThan(0);
    await expect(solver.solve([])).rejects.toThrow(/^input: not JSON/);
  }, 60_000);

  it("rejects bad input with the same PairingInputError as the library", async () => {
    const bad = { ...small, candidates: [...small.candidates, { helper: "h9", recipient: "village-a", score: 1 }] };
    const error = await solver.solve(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PairingInputError);
    expect((error as PairingInputError).message).toBe('candidates[3]: unknown helper "h9"');
    expect((error as PairingInputError).where).toBe("candidates[3]");
    await expect(solver.solve("{not json")).rejects.toThrow(/^input: not JSON/);
    await expect(solver.solve(new Uint8Array([0x7b, 0xff, 0x7d]))).rejects.toThrow("input: not valid UTF-8 text");
  }, 60_000);

  it("stops the solve when the signal aborts", async () => {
    const controller = new AbortController();
    const pending = solver.solve(JSON.stringify(bigProblem(14000, 6000, 30)), { signal: controller.signal });
    // The job is already with a worker (run() hands it over at once): the worker is terminated.
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect(solver.solve(small, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect((await solver.solve(small)).summary.covered).toBe(2);
  }, 60_000);

  it("refuses a problem that outgrows the worker's heap, and solves the next one", async () => {
    const tight = createSolverPool({ workers: 1, queue: 1, heapMb: 24 });
    try {
      const error = await tight.solve(JSON.stringify(bigProblem(14000, 6000, 30))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerOutOfMemoryError);
      expect((await tight.solve(small)).summary.covered).toBe(2);
    } finally {
      await tight.close();
    }
  }, 60_000);
});
