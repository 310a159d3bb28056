import { PairingInputError, type PairingProblem, solvePairing, solvePairingExplained } from "@huzhu/domain";
import { describe, expect, it } from "vitest";
import { solvePairingExplainedInWorker, solvePairingInWorker } from "./solve-in-worker.ts";

/** A seeded synthetic problem big enough that solving it takes a noticeable time. */
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

describe("solvePairingInWorker", () => {
  it("keeps the event loop responsive during a large solve", async () => {
    const text = JSON.stringify(bigProblem(14000, 6000, 30));
    // The same solve on this thread: the event loop would stall for all of it.
    const start = performance.now();
    const expected = solvePairing(text);
    const onThread = performance.now() - start;

    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const workerStart = performance.now();
    const result = await solvePairingInWorker(text);
    const inWorker = performance.now() - workerStart;
    clearInterval(timer);

    expect(result).toEqual(expected);
    expect(onThread).toBeGreaterThan(150);
    // The loop kept turning: its longest pause is a small part of what the solve would block.
    expect(ticks).toBeGreaterThan(10);
    const figures = `longest pause ${maxGap.toFixed(0)} ms; the solve takes ${onThread.toFixed(0)} ms on the thread`;
    expect(maxGap, figures).toBeLessThan(onThread / 3);
    expect(inWorker).toBeGreaterThan(maxGap);
  }, 120_000);

  it("accepts a problem object and returns explanations too", async () => {
    expect(await solvePairingInWorker(small)).toEqual(solvePairing(small));
    expect(await solvePairingExplainedInWorker(small)).toEqual(solvePairingExplained(small));
  }, 60_000);

  it("rejects bad input with the same PairingInputError as the library", async () => {
    const bad = { ...small, candidates: [...small.candidates, { helper: "h9", recipient: "village-a", score: 1 }] };
    const error = await solvePairingInWorker(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PairingInputError);
    expect((error as PairingInputError).message).toBe('candidates[3]: unknown helper "h9"');
    expect((error as PairingInputError).where).toBe("candidates[3]");
    await expect(solvePairingInWorker("{not json")).rejects.toThrow(/^input: not JSON/);
  }, 60_000);

  it("stops the worker when the signal aborts", async () => {
    const controller = new AbortController();
    const pending = solvePairingInWorker(JSON.stringify(bigProblem(14000, 6000, 30)), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect(solvePairingInWorker(small, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  }, 60_000);
});
