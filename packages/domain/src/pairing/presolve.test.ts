import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairingModel } from "./model.ts";
import { presolvePairing, usableCandidates } from "./presolve.ts";
import { createPairingSession, solvePairing } from "./session.ts";
import { bruteForceOptimum } from "./testing/brute-force.ts";
import { resultViolation } from "./testing/check-result.ts";
import { highsRuntime, solveWithHighs } from "./testing/highs-reference.ts";
import { pairingProblemArb } from "./testing/random-problems.ts";
import type { PairingProblem, PairingResult } from "./types.ts";
import { compilePairingProblem } from "./validate.ts";

const PROPERTY_TIMEOUT = 60_000;

const objective = (r: { covered: number; assigned: number; score: number }) => ({
  covered: r.covered,
  assigned: r.assigned,
  score: r.score,
});

/** The full network, no presolve: what `solvePairing` did before. */
function solveWithoutPresolve(problem: PairingProblem): PairingResult {
  const model = new PairingModel(compilePairingProblem(problem));
  model.solve();
  return model.result();
}

/** The candidates a presolve keeps, as "helper|recipient" keys. */
function keptPairs(problem: PairingProblem): Set<string> {
  const reduced = presolvePairing(compilePairingProblem(problem)).problem;
  const kept = new Set<string>();
  for (let k = 0; k < reduced.arcScore.length; k++) {
    kept.add(
      `${reduced.helperIds[reduced.arcHelper[k] as number]}|${reduced.recipientIds[reduced.arcRecipient[k] as number]}`,
    );
  }
  return kept;
}

const base = (p: Omit<PairingProblem, "format">): PairingProblem => ({ format: "huzhu.pairing.v1", ...p });

describe("pairing presolve: what it drops", () => {
  it("drops forbidden candidates, those of a helper whose locks use its capacity, and those of a recipient whose locks fill its demand", () => {
    const problem = base({
      recipients: [
        { id: "r1", demand: 1 },
        { id: "r2", demand: 1 },
        { id: "r3", demand: 2 },
        { id: "r4", demand: 1 },
      ],
      helpers: [
        { id: "hA", capacity: 1 },
        { id: "hB", capacity: 2 },
        { id: "hC", capacity: 3 },
      ],
      candidates: [
        { helper: "hA", recipient: "r1", score: 5 }, // locked: hA is full, r1 is filled
        { helper: "hA", recipient: "r2", score: 9000 }, // hA full by its lock
        { helper: "hB", recipient: "r1", score: 9000 }, // r1 filled by its lock
        { helper: "hB", recipient: "r2", score: 10 }, // usable
        { helper: "hC", recipient: "r2", score: 20 }, // forbidden
        { helper: "hB", recipient: "r3", score: 30 }, // locked: r3 has 1 of 2, hB 1 of 2
        { helper: "hC", recipient: "r3", score: 40 }, // usable: r3 can take a second helper
        { helper: "hC", recipient: "r4", score: 50 }, // usable
      ],
      locked: [
        { helper: "hA", recipient: "r1" },
        { helper: "hB", recipient: "r3" },
      ],
      forbidden: [{ helper: "hC", recipient: "r2" }],
    });
    expect([...keptPairs(problem)].sort()).toEqual(["hA|r1", "hB|r2", "hB|r3", "hC|r3", "hC|r4"]);
    const { stats } = presolvePairing(compilePairingProblem(problem));
    expect(stats).toEqual({
      candidates: 8,
      keptCandidates: 5,
      helpers: 3,
      keptHelpers: 3,
      recipients: 4,
      keptRecipients: 4,
    });
    const result = solvePairing(problem);
    expect(resultViolation(problem, result)).toBeNull();
    expect(objective(result)).toEqual(bruteForceOptimum(problem));
    expect(result.pairs.map((p) => `${p.helper}|${p.recipient}`)).toEqual([
      "hA|r1",
      "hB|r2",
      "hB|r3",
      "hC|r3",
      "hC|r4",
    ]);
  });

  it("keeps a helper's other candidates while it has capacity left beside its locks, and a recipient's while it has demand left", () => {
    // hB (capacity 2, one lock) must still take r2, and r3 (demand 2, one lock) must still get hC:
    // a presolve that treated "has a lock" as "full" would lose one covered and one assigned.
    const problem = base({
      recipients: [
        { id: "r1", demand: 1 },
        { id: "r2", demand: 1 },
        { id: "r3", demand: 2 },
      ],
      helpers: [
        { id: "hB", capacity: 2 },
        { id: "hC", capacity: 1 },
      ],
      candidates: [
        { helper: "hB", recipient: "r1", score: 1 },
        { helper: "hB", recipient: "r2", score: 1 },
        { helper: "hC", recipient: "r3", score: 1 },
      ],
      locked: [{ helper: "hB", recipient: "r1" }],
    });
    const problemWithLockedR3 = base({
      ...problem,
      helpers: [...problem.helpers, { id: "hD", capacity: 1 }],
      candidates: [...problem.candidates, { helper: "hD", recipient: "r3", score: 1 }],
      locked: [...(problem.locked ?? []), { helper: "hD", recipient: "r3" }],
    });
    expect(objective(solvePairing(problem))).toEqual({ covered: 3, assigned: 3, score: 3 });
    expect(objective(solvePairing(problemWithLockedR3))).toEqual({ covered: 3, assigned: 4, score: 4 });
    expect(keptPairs(problemWithLockedR3)).toEqual(new Set(["hB|r1", "hB|r2", "hC|r3", "hD|r3"]));
  });

  it("drops helpers and recipients left with nothing to give or get, and the result still names the rest right", () => {
    const problem = base({
      recipients: [
        { id: "a", demand: 1 },
        { id: "b", demand: 1 },
        { id: "c", demand: 1 },
        { id: "d", demand: 1 },
      ],
      helpers: [
        { id: "h1", capacity: 1 },
        { id: "h2", capacity: 1 },
        { id: "h3", capacity: 1 },
        { id: "h4", capacity: 1 },
      ],
      candidates: [
        { helper: "h1", recipient: "a", score: 7 }, // locked
        { helper: "h1", recipient: "b", score: 9 }, // h1 full
        { helper: "h2", recipient: "b", score: 3 }, // forbidden: b has nothing left, h2 neither
        { helper: "h3", recipient: "c", score: 4 },
        { helper: "h4", recipient: "a", score: 8 }, // a filled: h4 has nothing left
        { helper: "h3", recipient: "d", score: 6 },
      ],
      locked: [{ helper: "h1", recipient: "a" }],
      forbidden: [{ helper: "h2", recipient: "b" }],
    });
    const reduced = presolvePairing(compilePairingProblem(problem)).problem;
    expect(reduced.helperIds).toEqual(["h1", "h3"]);
    expect(reduced.recipientIds).toEqual(["a", "c", "d"]);
    const result = solvePairing(problem);
    expect(result).toEqual(solveWithoutPresolve(problem));
    expect(result.pairs).toEqual([
      { helper: "h1", recipient: "a", score: 7 },
      { helper: "h3", recipient: "d", score: 6 },
    ]);
  });

  it("returns the problem itself when nothing is unusable", () => {
    const compiled = compilePairingProblem(
      base({
        recipients: [{ id: "r", demand: 2 }],
        helpers: [{ id: "h", capacity: 1 }],
        candidates: [{ helper: "h", recipient: "r", score: 1 }],
      }),
    );
    expect(presolvePairing(compiled).problem).toBe(compiled);
  });
});

describe("pairing presolve: properties", () => {
  it(
    "drops a candidate exactly when it could not be locked (it is forbidden, or its helper or recipient has no room beside the locks)",
    () => {
      let dropped = 0;
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 5, helpers: 5, maxLimit: 2, density: 70 }), (problem) => {
          const compiled = compilePairingProblem(problem);
          const usable = usableCandidates(compiled);
          for (let k = 0; k < compiled.arcScore.length; k++) {
            if (compiled.locked[k] === 1) {
              expect(usable[k]).toBe(0);
              continue;
            }
            const helper = compiled.helperIds[compiled.arcHelper[k] as number] as string;
            const recipient = compiled.recipientIds[compiled.arcRecipient[k] as number] as string;
            let lockable = true;
            try {
              createPairingSession(problem).lock(helper, recipient);
            } catch {
              lockable = false;
            }
            expect(usable[k] === 1).toBe(lockable);
            if (!lockable) dropped++;
          }
        }),
        { numRuns: 400 },
      );
      // The generated problems must exercise the presolve, or this property says nothing.
      expect(dropped).toBeGreaterThan(100);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "leaves the optimum unchanged: the same covered, assigned and score as brute force and as the full network",
    () => {
      let reduced = 0;
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 5, helpers: 4, maxLimit: 2, density: 75 }), (problem) => {
          const { stats } = presolvePairing(compilePairingProblem(problem));
          if (stats.keptCandidates < stats.candidates) reduced++;
          const result = solvePairing(problem);
          expect(resultViolation(problem, result)).toBeNull();
          expect(objective(result)).toEqual(bruteForceOptimum(problem));
          expect(objective(result)).toEqual(objective(solveWithoutPresolve(problem)));
        }),
        { numRuns: 1500 },
      );
      expect(reduced).toBeGreaterThan(300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "agrees with HiGHS on medium problems whose locks exhaust many helpers and recipients",
    async () => {
      const highs = await highsRuntime();
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 50, helpers: 30, maxLimit: 2, density: 12 }), (problem) => {
          const result = solvePairing(problem);
          expect(resultViolation(problem, result)).toBeNull();
          expect(objective(result)).toEqual(objective(solveWithHighs(highs, problem, { formulation: "phases" })));
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
