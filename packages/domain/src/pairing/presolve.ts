/**
 * Presolve for one-shot solves: the candidates that locks, forbidden pairs and exhausted limits
 * make unusable are dropped before the network is built, and so are the helpers and recipients
 * left with nothing to do.
 *
 * A candidate (h, r) is unusable when no feasible answer can choose it beyond what is already
 * fixed:
 * - it is forbidden;
 * - its helper has no capacity left after its locked pairs (capacity − locks = 0);
 * - its recipient has no demand left after its locked pairs (demand − locks = 0: a recipient of
 *   demand 1 with a lock, a 多帮一 recipient whose locks fill its demand).
 * Locked candidates stay (they are in every answer and they take their helper's capacity and their
 * recipient's demand); in the network they are arcs of capacity 0. In the full model every dropped
 * candidate's arc has capacity 0 too, or sits behind a helper arc or recipient arcs of capacity 0,
 * so it carries no flow in any feasible solution: the reduced problem has exactly the feasible
 * answers of the full one, hence the same optimum (covered, assigned, score) and, being a function
 * of the canonical problem only, still an answer independent of the input order.
 *
 * A helper or recipient is dropped when it has neither a usable nor a locked candidate: it can
 * neither give nor get anything. Ids stay in string order, so ranks in the reduced problem are
 * ranks among the kept ones and the result's order is unchanged.
 *
 * Sessions keep the full problem: an edit (unlock, allow, a larger capacity or demand) can make
 * any candidate usable again, and the explanations count forbidden and blocked candidates.
 */
import type { CompiledPairing } from "./validate.ts";

export interface PresolveStats {
  candidates: number;
  keptCandidates: number;
  helpers: number;
  keptHelpers: number;
  recipients: number;
  keptRecipients: number;
}

/** Which candidates of a compiled problem can still be chosen (1) beyond its locks. */
export function usableCandidates(problem: CompiledPairing): Uint8Array {
  const m = problem.arcScore.length;
  const helperLeft = Float64Array.from(problem.capacity);
  const recipientLeft = Float64Array.from(problem.demand);
  const { arcHelper, arcRecipient, locked, forbidden } = problem;
  for (let k = 0; k < m; k++) {
    if (locked[k] !== 1) continue;
    const h = arcHelper[k] as number;
    const r = arcRecipient[k] as number;
    helperLeft[h] = (helperLeft[h] as number) - 1;
    recipientLeft[r] = (recipientLeft[r] as number) - 1;
  }
  const usable = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    if (locked[k] === 1 || forbidden[k] === 1) continue;
    if ((helperLeft[arcHelper[k] as number] as number) <= 0) continue;
    if ((recipientLeft[arcRecipient[k] as number] as number) <= 0) continue;
    usable[k] = 1;
  }
  return usable;
}

/**
 * The problem without its unusable candidates and idle helpers and recipients (see the top of this
 * file). Returns the problem itself when nothing can be dropped.
 */
export function presolvePairing(problem: CompiledPairing): { problem: CompiledPairing; stats: PresolveStats } {
  const m = problem.arcScore.length;
  const nh = problem.helperIds.length;
  const nr = problem.recipientIds.length;
  const usable = usableCandidates(problem);
  const { arcHelper, arcRecipient, locked } = problem;

  const keep = new Uint8Array(m);
  const helperBusy = new Uint8Array(nh);
  const recipientBusy = new Uint8Array(nr);
  let keptCandidates = 0;
  for (let k = 0; k < m; k++) {
    if (usable[k] === 0 && locked[k] === 0) continue;
    keep[k] = 1;
    keptCandidates++;
    helperBusy[arcHelper[k] as number] = 1;
    recipientBusy[arcRecipient[k] as number] = 1;
  }
  const helperRank = new Int32Array(nh).fill(-1);
  const helperIds: string[] = [];
  const capacity: number[] = [];
  for (let h = 0; h < nh; h++) {
    if (helperBusy[h] === 0) continue;
    helperRank[h] = helperIds.length;
    helperIds.push(problem.helperIds[h] as string);
    capacity.push(problem.capacity[h] as number);
  }
  const recipientRank = new Int32Array(nr).fill(-1);
  const recipientIds: string[] = [];
  const demand: number[] = [];
  for (let r = 0; r < nr; r++) {
    if (recipientBusy[r] === 0) continue;
    recipientRank[r] = recipientIds.length;
    recipientIds.push(problem.recipientIds[r] as string);
    demand.push(problem.demand[r] as number);
  }
  const stats: PresolveStats = {
    candidates: m,
    keptCandidates,
    helpers: nh,
    keptHelpers: helperIds.length,
    recipients: nr,
    keptRecipients: recipientIds.length,
  };
  if (keptCandidates === m && helperIds.length === nh && recipientIds.length === nr) return { problem, stats };

  const outHelper = new Int32Array(keptCandidates);
  const outRecipient = new Int32Array(keptCandidates);
  const outScore = new Int32Array(keptCandidates);
  const outLocked = new Uint8Array(keptCandidates);
  const recipientFirstArc = new Int32Array(recipientIds.length + 1);
  let j = 0;
  for (let k = 0; k < m; k++) {
    if (keep[k] === 0) continue;
    const r = recipientRank[arcRecipient[k] as number] as number;
    outHelper[j] = helperRank[arcHelper[k] as number] as number;
    outRecipient[j] = r;
    outScore[j] = problem.arcScore[k] as number;
    outLocked[j] = locked[k] as number;
    recipientFirstArc[r + 1] = (recipientFirstArc[r + 1] as number) + 1;
    j++;
  }
  for (let r = 0; r < recipientIds.length; r++) {
    recipientFirstArc[r + 1] = (recipientFirstArc[r + 1] as number) + (recipientFirstArc[r] as number);
  }
  return {
    problem: {
      recipientIds,
      demand: Float64Array.from(demand),
      helperIds,
      capacity: Float64Array.from(capacity),
      arcHelper: outHelper,
      arcRecipient: outRecipient,
      arcScore: outScore,
      recipientFirstArc,
      locked: outLocked,
      // Forbidden candidates are never kept.
      forbidden: new Uint8Array(keptCandidates),
    },
    stats,
  };
}
