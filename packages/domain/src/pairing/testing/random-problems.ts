/**
 * Test helper: fast-check arbitraries for pairing problems with every feature of the format:
 * demands and capacities above 1, locks (only those that fit), forbidden candidates, forbidden
 * pairs that are not candidates, ids shared between a recipient and a helper (乡联乡), ids whose
 * string order differs from locale order, and candidates in arbitrary input order.
 */
import fc from "fast-check";
import type { PairingCandidate, PairingPairRef, PairingProblem } from "../types.ts";

export interface ProblemLimits {
  recipients: number;
  helpers: number;
  /** Largest demand / capacity. */
  maxLimit: number;
  /** Chance that a (helper, recipient) cell is a candidate, in percent. */
  density?: number;
}

// Upper case sorts before lower case and "10" before "9" in plain string order, unlike locale order.
const NAMES = ["b", "A", "a", "10", "9", "é", "_x", "Z", "村", "ß"];

function name(i: number): string {
  return i < NAMES.length ? (NAMES[i] as string) : `n${i}`;
}

type CellKind = "none" | "free" | "locked" | "forbidden" | "forbidden-only";

export function pairingProblemArb(limits: ProblemLimits): fc.Arbitrary<PairingProblem> {
  const density = limits.density ?? 55;
  const cell = fc.record({
    roll: fc.integer({ min: 0, max: 99 }),
    kind: fc.constantFrom<CellKind>("free", "free", "free", "free", "locked", "forbidden", "forbidden-only"),
    // Small scores make ties (several optima), large ones make the lexicographic order matter.
    score: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 10000 })),
    order: fc.integer({ min: 0, max: 1_000_000 }),
  });
  return fc
    .record({
      nr: fc.integer({ min: 0, max: limits.recipients }),
      nh: fc.integer({ min: 0, max: limits.helpers }),
      sharedIds: fc.boolean(),
    })
    .chain(({ nr, nh, sharedIds }) =>
      fc
        .record({
          demands: fc.array(fc.integer({ min: 1, max: limits.maxLimit }), { minLength: nr, maxLength: nr }),
          capacities: fc.array(fc.integer({ min: 1, max: limits.maxLimit }), { minLength: nh, maxLength: nh }),
          cells: fc.array(cell, { minLength: nr * nh, maxLength: nr * nh }),
        })
        .map(({ demands, capacities, cells }): PairingProblem => {
          const recipientIds = demands.map((_, i) => (sharedIds ? name(i) : `r${name(i)}`));
          const helperIds = capacities.map((_, i) => (sharedIds ? name(i) : `h${name(i)}`));
          const candidates: (PairingCandidate & { order: number })[] = [];
          const locked: PairingPairRef[] = [];
          const forbidden: PairingPairRef[] = [];
          const helperLocks = capacities.map(() => 0);
          const recipientLocks = demands.map(() => 0);
          cells.forEach((c, i) => {
            const r = Math.floor(i / nh);
            const h = i % nh;
            const pair = { helper: helperIds[h] as string, recipient: recipientIds[r] as string };
            if (c.roll >= density) return;
            if (c.kind === "forbidden-only") {
              forbidden.push(pair);
              return;
            }
            candidates.push({ ...pair, score: c.score, order: c.order });
            if (c.kind === "forbidden") forbidden.push(pair);
            if (
              c.kind === "locked" &&
              (helperLocks[h] as number) < (capacities[h] as number) &&
              (recipientLocks[r] as number) < (demands[r] as number)
            ) {
              helperLocks[h] = (helperLocks[h] as number) + 1;
              recipientLocks[r] = (recipientLocks[r] as number) + 1;
              locked.push(pair);
            }
          });
          candidates.sort((a, b) => a.order - b.order);
          return {
            format: "huzhu.pairing.v1",
            recipients: recipientIds.map((id, i) => ({ id, demand: demands[i] as number })),
            helpers: helperIds.map((id, i) => ({ id, capacity: capacities[i] as number })),
            candidates: candidates.map(({ helper, recipient, score }) => ({ helper, recipient, score })),
            locked,
            forbidden,
          };
        }),
    );
}

/** The same problem with every list reversed (a different input order, the same problem). */
export function reversedProblem(problem: PairingProblem): PairingProblem {
  return {
    format: problem.format,
    recipients: [...problem.recipients].reverse(),
    helpers: [...problem.helpers].reverse(),
    candidates: [...problem.candidates].reverse(),
    locked: [...(problem.locked ?? [])].reverse(),
    forbidden: [...(problem.forbidden ?? [])].reverse(),
  };
}
