import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairingModel } from "./model.ts";
import { createPairingSession, solvePairing, solvePairingExplained } from "./session.ts";
import { bruteForceOptimum } from "./testing/brute-force.ts";
import { resultViolation } from "./testing/check-result.ts";
import { highsRuntime, solveWithHighs } from "./testing/highs-reference.ts";
import { pairingProblemArb, reversedProblem } from "./testing/random-problems.ts";
import type { PairingProblem } from "./types.ts";
import { compilePairingProblem } from "./validate.ts";

// Property runs take seconds on a loaded 2-core machine; the default 5 s would make them flaky.
const PROPERTY_TIMEOUT = 60_000;

const objective = (r: { covered: number; assigned: number; score: number }) => ({
  covered: r.covered,
  assigned: r.assigned,
  score: r.score,
});

describe("pairing solver against brute force", () => {
  it(
    "finds the lexicographic optimum of thousands of small problems",
    () => {
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 4, helpers: 4, maxLimit: 3 }), (problem) => {
          const result = solvePairing(problem);
          expect(resultViolation(problem, result)).toBeNull();
          expect(objective(result)).toEqual(bruteForceOptimum(problem));
        }),
        { numRuns: 3000 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "finds it on denser problems with tight limits (many ties and exchanges)",
    () => {
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 5, helpers: 3, maxLimit: 2, density: 85 }), (problem) => {
          const result = solvePairing(problem);
          expect(resultViolation(problem, result)).toBeNull();
          expect(objective(result)).toEqual(bruteForceOptimum(problem));
        }),
        { numRuns: 1000 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("pairing solver against HiGHS", () => {
  it(
    "agrees with an independent LP solver on medium problems (three lexicographic phases)",
    async () => {
      const highs = await highsRuntime();
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 60, helpers: 40, maxLimit: 3, density: 8 }), (problem) => {
          const result = solvePairing(problem);
          expect(resultViolation(problem, result)).toBeNull();
          expect(objective(result)).toEqual(objective(solveWithHighs(highs, problem, { formulation: "phases" })));
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("pairing solver determinism", () => {
  it(
    "gives the same pairs whatever the order of the input lists",
    () => {
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 8, helpers: 6, maxLimit: 3 }), (problem) => {
          expect(solvePairing(reversedProblem(problem))).toEqual(solvePairing(problem));
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "leaves a consistent basis behind (tree, thread, potentials, strong feasibility)",
    () => {
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 10, helpers: 8, maxLimit: 3 }), (problem) => {
          const model = new PairingModel(compilePairingProblem(problem));
          model.solve();
          expect(model.greedyBasisInstalled).toBe(true);
          expect(model.simplex.checkInvariants()).toBeNull();
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

type Delta = { covered: number; assigned: number; score: number };
const lexLessOrEqual = (a: Delta, b: Delta) =>
  a.covered !== b.covered
    ? a.covered < b.covered
    : a.assigned !== b.assigned
      ? a.assigned < b.assigned
      : a.score <= b.score;
const minus = (a: Delta, b: Delta): Delta => ({
  covered: a.covered - b.covered,
  assigned: a.assigned - b.assigned,
  score: a.score - b.score,
});

describe("pairing explanations", () => {
  it(
    "are consistent with the answer, and their bounds hold the exact what-if values",
    () => {
      fc.assert(
        fc.property(pairingProblemArb({ recipients: 6, helpers: 5, maxLimit: 3 }), (problem: PairingProblem) => {
          const { result, explanation } = solvePairingExplained(problem);
          const session = createPairingSession(problem);
          session.resolve();
          expect(explanation.pairs.map((p) => [p.helper, p.recipient, p.score])).toEqual(
            result.pairs.map((p) => [p.helper, p.recipient, p.score]),
          );
          const served = new Set(result.pairs.map((p) => p.recipient));
          expect(explanation.uncovered.map((u) => u.recipient)).toEqual(
            problem.recipients
              .map((r) => r.id)
              .filter((id) => !served.has(id))
              .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
          );
          const used = new Map<string, number>();
          for (const p of result.pairs) used.set(p.helper, (used.get(p.helper) ?? 0) + 1);
          const capacity = new Map(problem.helpers.map((h) => [h.id, h.capacity]));
          const isFull = (h: string) => (used.get(h) ?? 0) >= (capacity.get(h) ?? 0);
          const forbidden = new Set((problem.forbidden ?? []).map((f) => `${f.helper}\u0000${f.recipient}`));
          for (const u of explanation.uncovered) {
            const allowed = problem.candidates.filter(
              (c) => c.recipient === u.recipient && !forbidden.has(`${c.helper}\u0000${c.recipient}`),
            );
            const exact = session.coverageCost(u.recipient);
            if (u.code !== "helpers-full") {
              expect(allowed.length).toBe(0);
              expect(u.coverageCost).toBeNull();
              expect(exact).toBeNull();
              continue;
            }
            expect(allowed.length).toBeGreaterThan(0);
            for (const c of allowed) expect(isFull(c.helper)).toBe(true);
            // The exact cost is the best of "lock one of its candidates" solved cold.
            let best: Delta | null = null;
            for (const c of allowed) {
              const locked = [...(problem.locked ?? []), { helper: c.helper, recipient: c.recipient }];
              if (locked.filter((l) => l.helper === c.helper).length > (capacity.get(c.helper) ?? 0)) continue;
              const forced = objective(solvePairing({ ...problem, locked }));
              if (best === null || lexLessOrEqual(best, forced)) best = forced;
            }
            expect(exact).toEqual(best === null ? null : minus(objective(result), best));
            const bounds = u.coverageCost;
            if (!bounds || !exact) continue;
            expect(lexLessOrEqual(bounds.atLeast, exact)).toBe(true);
            if (bounds.atMost) expect(lexLessOrEqual(exact, bounds.atMost)).toBe(true);
          }
          for (const p of explanation.pairs) {
            expect(p.helperUsed).toBe(used.get(p.helper));
            if (p.code === "better-helpers-full") {
              expect(p.bestAlternative?.helperFull).toBe(true);
              expect(p.bestAlternative?.score ?? 0).toBeGreaterThan(p.score);
            }
            if (p.code === "best-score" && p.bestAlternative)
              expect(p.bestAlternative.score).toBeLessThanOrEqual(p.score);
            const exact = session.removalLoss(p.helper, p.recipient);
            if (p.code === "locked") {
              expect(p.removalLoss).toBeNull();
              expect(exact).toBeNull();
              continue;
            }
            // The exact loss is what a cold solve loses once the pair is forbidden.
            const without = solvePairing({
              ...problem,
              forbidden: [...(problem.forbidden ?? []), { helper: p.helper, recipient: p.recipient }],
            });
            expect(exact).toEqual(minus(objective(result), objective(without)));
            const bounds = p.removalLoss;
            expect(bounds).not.toBeNull();
            if (!bounds || !exact) continue;
            expect(lexLessOrEqual({ covered: 0, assigned: 0, score: 0 }, bounds.atLeast)).toBe(true);
            expect(lexLessOrEqual(bounds.atLeast, exact)).toBe(true);
            if (bounds.atMost) expect(lexLessOrEqual(exact, bounds.atMost)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
