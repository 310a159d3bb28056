/**
 * Test helper: the optimum by exhaustive search over subsets of the allowed candidates (depth-first
 * with capacity pruning). Only for tiny problems; it shares no code with the solver on purpose.
 */
import type { PairingProblem } from "../types.ts";

export interface Objective {
  covered: number;
  assigned: number;
  score: number;
}

export function bruteForceOptimum(problem: PairingProblem): Objective {
  const key = (helper: string, recipient: string) => JSON.stringify([helper, recipient]);
  const forbidden = new Set((problem.forbidden ?? []).map((p) => key(p.helper, p.recipient)));
  const locked = new Set((problem.locked ?? []).map((p) => key(p.helper, p.recipient)));
  const recipientIndex = new Map(problem.recipients.map((r, i) => [r.id, i]));
  const helperIndex = new Map(problem.helpers.map((h, i) => [h.id, i]));
  const arcs = problem.candidates
    .filter((c) => !forbidden.has(key(c.helper, c.recipient)))
    .map((c) => ({
      h: helperIndex.get(c.helper) as number,
      r: recipientIndex.get(c.recipient) as number,
      score: c.score,
      locked: locked.has(key(c.helper, c.recipient)),
    }));
  const room = problem.helpers.map((h) => h.capacity);
  const need = problem.recipients.map((r) => r.demand);
  const got = problem.recipients.map(() => 0);
  let best: Objective = { covered: -1, assigned: -1, score: -1 };
  let covered = 0;
  let assigned = 0;
  let score = 0;
  const visit = (i: number): void => {
    if (i === arcs.length) {
      if (better({ covered, assigned, score }, best)) best = { covered, assigned, score };
      return;
    }
    const a = arcs[i] as (typeof arcs)[number];
    if ((room[a.h] as number) > 0 && (need[a.r] as number) > 0) {
      room[a.h] = (room[a.h] as number) - 1;
      need[a.r] = (need[a.r] as number) - 1;
      got[a.r] = (got[a.r] as number) + 1;
      if (got[a.r] === 1) covered++;
      assigned++;
      score += a.score;
      visit(i + 1);
      if (got[a.r] === 1) covered--;
      assigned--;
      score -= a.score;
      got[a.r] = (got[a.r] as number) - 1;
      need[a.r] = (need[a.r] as number) + 1;
      room[a.h] = (room[a.h] as number) + 1;
    }
    if (!a.locked) visit(i + 1);
  };
  visit(0);
  return best;
}

export function better(a: Objective, b: Objective): boolean {
  if (a.covered !== b.covered) return a.covered > b.covered;
  if (a.assigned !== b.assigned) return a.assigned > b.assigned;
  return a.score > b.score;
}
