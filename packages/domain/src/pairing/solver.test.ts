import { describe, expect, it } from "vitest";
import { objectiveWeights, PairingModel } from "./model.ts";
import { NetworkSimplex } from "./network-simplex.ts";
import { solvePairing } from "./session.ts";
import type { PairingProblem } from "./types.ts";
import { compilePairingProblem } from "./validate.ts";

/**
 * h0 can only help r1; h_i helps r_i (score 10000) or r_{i+1} (score 0). Giving h0 work means
 * shifting the whole chain: one more pair for the loss of n·10000 score, along one long cycle.
 */
function chain(n: number, lastRecipient: { demand: number; lockedBy?: string }): PairingProblem {
  const candidates: PairingProblem["candidates"] = [{ helper: "h0", recipient: "r1", score: 0 }];
  for (let i = 1; i <= n; i++) {
    candidates.push({ helper: `h${i}`, recipient: `r${i}`, score: 10000 });
    candidates.push({ helper: `h${i}`, recipient: `r${i + 1}`, score: 0 });
  }
  const helpers = Array.from({ length: n + 1 }, (_, i) => ({ id: `h${i}`, capacity: 1 }));
  const locked: PairingProblem["locked"] = [];
  if (lastRecipient.lockedBy) {
    helpers.push({ id: lastRecipient.lockedBy, capacity: 1 });
    candidates.push({ helper: lastRecipient.lockedBy, recipient: `r${n + 1}`, score: 0 });
    locked.push({ helper: lastRecipient.lockedBy, recipient: `r${n + 1}` });
  }
  return {
    format: "huzhu.pairing.v1",
    recipients: Array.from({ length: n + 1 }, (_, i) => ({
      id: `r${i + 1}`,
      demand: i === n ? lastRecipient.demand : 1,
    })),
    helpers,
    candidates,
    locked,
  };
}

describe("lexicographic objective over long exchange cycles", () => {
  const n = 2000;

  it("gives up n·10000 score to cover one more recipient", () => {
    expect(solvePairing(chain(n, { demand: 1 }))).toMatchObject({ covered: n + 1, assigned: n + 1, score: 0 });
  });

  it("gives up n·10000 score for one more pair when nobody more can be covered", () => {
    const result = solvePairing(chain(n, { demand: 2, lockedBy: "old-partner" }));
    expect(result).toMatchObject({ covered: n + 1, assigned: n + 2, score: 0 });
  });

  it("keeps every number exact at the format's limits", () => {
    const { w1, w2, potentialBound } = objectiveWeights(2_000_000, 500_000, 200_000);
    // A reduced cost is a cost plus two potentials.
    expect(w1 + w2 + 2 * potentialBound).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(() => objectiveWeights(2e9, 2e9, 2e9)).toThrow(/too large/);
  });
});

describe("network simplex basis", () => {
  it("refuses a starting tree that is not a strongly feasible spanning tree, and still solves", () => {
    // 0 → 1 → 2 → 0, costs -1: the optimum fills the cycle up to capacity 2.
    const simplex = new NetworkSimplex(
      3,
      Int32Array.from([0, 1, 2]),
      Int32Array.from([1, 2, 0]),
      Int32Array.from([2, 2, 2]),
      Float64Array.from([-1, -1, -1]),
    );
    // Node 0 hangs from node 1 and node 1 from node 0: a cycle, not a tree.
    expect(simplex.setBasis(new Int32Array(3), Int32Array.from([0, 0, -1]))).toBe(false);
    expect(simplex.checkInvariants()).toBeNull();
    // Flow 1 on a tree arc pointing up is fine, but flow must be conserved.
    expect(simplex.setBasis(Int32Array.from([1, 0, 0]), Int32Array.from([-1, -1, -1]))).toBe(false);
    simplex.solve();
    expect(Array.from(simplex.flow.slice(0, 3))).toEqual([2, 2, 2]);
    expect(simplex.checkInvariants()).toBeNull();
  });

  it("starts the pairing model from the greedy basis", () => {
    const model = new PairingModel(compilePairingProblem(chain(50, { demand: 1 })));
    model.solve();
    expect(model.greedyBasisInstalled).toBe(true);
    expect(model.simplex.checkInvariants()).toBeNull();
  });
});
