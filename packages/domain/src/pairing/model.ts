/**
 * The pairing round as a min-cost circulation, solved exactly by the network simplex.
 *
 * Network: S → helper (capacity), helper → recipient (one arc per allowed candidate, capacity 1),
 * recipient → T twice: a "coverage" arc of capacity 1 and an "extra" arc for the remaining demand,
 * and T → S closing the circulation. Locked pairs are taken out beforehand: their helper and
 * recipient lose one unit of capacity / demand, a locked recipient is already covered (its coverage
 * arc gets capacity 0), and their arcs get capacity 0, as do forbidden pairs. So every edit of a
 * session is a change of capacities, which `NetworkSimplex.repair` absorbs.
 *
 * Objective: lexicographic (covered, assigned, score). With one weight W1·covered + W2·assigned +
 * score, W1 and W2 must dominate the score at the *optimum's scale*, which at the format's limits
 * (2 million candidates) needs ~1e21 and overflows doubles. They only have to dominate along the
 * simple cycles the simplex compares, though: a simple cycle passes T at most once, so it holds at
 * most two recipient → T arcs (|Δcovered|, |Δassigned| ≤ 2), and at most L = min(candidates,
 * helpers + recipients) candidate arcs (|Δscore| ≤ 10000·L). A flow is lexicographically optimal
 * iff its residual graph has no lexicographically negative cycle, iff no simple one; with
 *   W2 = 2·10000·L + 1,   W1 = 4·W2 + 2·10000·L + 1
 * a simple cycle is negative in the weighted sum iff it is lexicographically negative, so the
 * weighted optimum is the lexicographic optimum. Potentials are sums along simple tree paths, so
 * |pi| ≤ 2·(W1 + W2) + 10000·L ≈ 25·10000·L ≈ 2e11 at the format's limits: every number the solver
 * computes is an integer far below 2^53, i.e. exact. The same bounds let a reduced cost be split
 * back into (covered, assigned, score) for the explanations.
 */
import { INF_CAP, MAX_SAFE_POTENTIAL, NetworkSimplex } from "./network-simplex.ts";
import { MAX_SCORE, type ObjectiveDelta, PAIRING_RESULT_FORMAT, type PairingResult } from "./types.ts";
import { type CompiledPairing, findArc, PairingInputError } from "./validate.ts";

const SOURCE = 0;
const SINK = 1;

/** Before a warm start, potentials above this trigger a cold start instead (see `resolve`). */
const WARM_POTENTIAL_LIMIT = 2 ** 48;

export class PairingModel {
  readonly problem: CompiledPairing;
  readonly helperCount: number;
  readonly recipientCount: number;
  /** Candidate arcs: 0..candidateCount-1 are the problem's arcs, in the same order. */
  readonly candidateCount: number;
  /** Candidate arcs of helper h: helperArcs[helperFirstArc[h] .. helperFirstArc[h+1]-1], by recipient. */
  readonly helperFirstArc: Int32Array;
  readonly helperArcs: Int32Array;
  /** Mutable copies of the problem's limits and flags (sessions edit them). */
  readonly capacity: Float64Array;
  readonly demand: Float64Array;
  readonly locked: Uint8Array;
  readonly forbidden: Uint8Array;
  readonly helperLocks: Int32Array;
  readonly recipientLocks: Int32Array;
  readonly w1: number;
  readonly w2: number;
  readonly simplex: NetworkSimplex;
  /** Pivots of the last solve. */
  lastPivots = 0;
  /** Whether the last solve had to start cold. */
  lastSolveWasCold = true;
  /** Whether the last cold start got its greedy basis (false would mean a bug, costing only time). */
  greedyBasisInstalled = false;

  constructor(problem: CompiledPairing) {
    this.problem = problem;
    const nh = problem.helperIds.length;
    const nr = problem.recipientIds.length;
    const m = problem.arcScore.length;
    this.helperCount = nh;
    this.recipientCount = nr;
    this.candidateCount = m;
    this.capacity = Float64Array.from(problem.capacity);
    this.demand = Float64Array.from(problem.demand);
    this.locked = Uint8Array.from(problem.locked);
    this.forbidden = Uint8Array.from(problem.forbidden);
    this.helperLocks = new Int32Array(nh);
    this.recipientLocks = new Int32Array(nr);
    this.helperFirstArc = new Int32Array(nh + 1);
    this.helperArcs = new Int32Array(m);
    for (let k = 0; k < m; k++)
      this.helperFirstArc[(problem.arcHelper[k] as number) + 1] =
        (this.helperFirstArc[(problem.arcHelper[k] as number) + 1] as number) + 1;
    for (let h = 0; h < nh; h++) {
      this.helperFirstArc[h + 1] = (this.helperFirstArc[h + 1] as number) + (this.helperFirstArc[h] as number);
    }
    const fill = this.helperFirstArc.slice(0, nh);
    for (let k = 0; k < m; k++) {
      const h = problem.arcHelper[k] as number;
      this.helperArcs[fill[h] as number] = k;
      fill[h] = (fill[h] as number) + 1;
      if (this.locked[k] === 1) {
        this.helperLocks[h] = (this.helperLocks[h] as number) + 1;
        this.recipientLocks[problem.arcRecipient[k] as number] =
          (this.recipientLocks[problem.arcRecipient[k] as number] as number) + 1;
      }
    }

    const weights = objectiveWeights(m, nh, nr);
    this.w1 = weights.w1;
    this.w2 = weights.w2;

    const arcTotal = m + nh + 2 * nr + 1;
    const source = new Int32Array(arcTotal);
    const target = new Int32Array(arcTotal);
    const cap = new Int32Array(arcTotal);
    const cost = new Float64Array(arcTotal);
    for (let k = 0; k < m; k++) {
      source[k] = this.helperNode(problem.arcHelper[k] as number);
      target[k] = this.recipientNode(problem.arcRecipient[k] as number);
      cap[k] = this.locked[k] === 1 || this.forbidden[k] === 1 ? 0 : 1;
      cost[k] = -(problem.arcScore[k] as number);
    }
    for (let h = 0; h < nh; h++) {
      const e = this.helperArc(h);
      source[e] = SOURCE;
      target[e] = this.helperNode(h);
      cap[e] = this.helperArcCapacity(h);
    }
    for (let r = 0; r < nr; r++) {
      const cover = this.coverArc(r);
      const extra = this.extraArc(r);
      source[cover] = this.recipientNode(r);
      target[cover] = SINK;
      source[extra] = this.recipientNode(r);
      target[extra] = SINK;
      cap[cover] = this.coverArcCapacity(r);
      cap[extra] = this.extraArcCapacity(r);
      cost[cover] = -(this.w1 + this.w2);
      cost[extra] = -this.w2;
    }
    const back = this.backArc();
    source[back] = SINK;
    target[back] = SOURCE;
    cap[back] = INF_CAP;
    this.simplex = new NetworkSimplex(2 + nh + nr, source, target, cap, cost);
  }

  helperNode(h: number): number {
    return 2 + h;
  }
  recipientNode(r: number): number {
    return 2 + this.helperCount + r;
  }
  helperArc(h: number): number {
    return this.candidateCount + h;
  }
  coverArc(r: number): number {
    return this.candidateCount + this.helperCount + r;
  }
  extraArc(r: number): number {
    return this.candidateCount + this.helperCount + this.recipientCount + r;
  }
  backArc(): number {
    return this.candidateCount + this.helperCount + 2 * this.recipientCount;
  }

  private helperArcCapacity(h: number): number {
    return clampCapacity((this.capacity[h] as number) - (this.helperLocks[h] as number));
  }
  private coverArcCapacity(r: number): number {
    return this.recipientLocks[r] === 0 ? 1 : 0;
  }
  private extraArcCapacity(r: number): number {
    return clampCapacity((this.demand[r] as number) - Math.max(1, this.recipientLocks[r] as number));
  }
  private candidateArcCapacity(k: number): number {
    return this.locked[k] === 1 || this.forbidden[k] === 1 ? 0 : 1;
  }

  private solvedOnce = false;

  /** Solves: from a greedy start the first time, from the previous optimum afterwards. */
  solve(): void {
    const simplex = this.simplex;
    const before = simplex.pivots;
    let cold = !this.solvedOnce;
    if (!cold && simplex.maxAbsPotential() > WARM_POTENTIAL_LIMIT) {
      // Each warm start can add one old potential to the new ones (see NetworkSimplex.detach);
      // long before that could grow past exact doubles, start over.
      cold = true;
    }
    if (cold) this.greedyStart();
    simplex.solve();
    this.solvedOnce = true;
    this.lastSolveWasCold = cold;
    this.lastPivots = simplex.pivots - before;
  }

  /**
   * A cold start from the all-artificial basis spends most of its pivots building a tree around
   * zero flow. Instead: a greedy flow (best scores first, covering recipients before giving
   * anyone a second helper), with a strongly feasible tree around it: T and the helpers that give
   * something hang from S, recipients hang from T by an arc with room left, or else from one of
   * their helpers; idle helpers hang from a recipient by an empty candidate arc. The simplex then
   * only has to repair what the greedy got wrong.
   */
  private greedyStart(): void {
    const { problem, simplex, candidateCount: m, helperCount: nh, recipientCount: nr } = this;
    const { cap } = simplex;
    const flow = new Int32Array(simplex.arcCount);
    const room = new Int32Array(nh);
    for (let h = 0; h < nh; h++) room[h] = cap[this.helperArc(h)] as number;
    const need = new Int32Array(nr);
    for (let r = 0; r < nr; r++) need[r] = (cap[this.coverArc(r)] as number) + (cap[this.extraArc(r)] as number);
    const order = arcsByScoreDescending(problem.arcScore);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < m; i++) {
        const k = order[i] as number;
        if (cap[k] !== 1 || flow[k] === 1) continue;
        const h = problem.arcHelper[k] as number;
        const r = problem.arcRecipient[k] as number;
        if ((room[h] as number) === 0 || (need[r] as number) === 0) continue;
        const cover = this.coverArc(r);
        const covers = cap[cover] === 1 && flow[cover] === 0;
        if (pass === 0 && !covers) continue;
        flow[k] = 1;
        room[h] = (room[h] as number) - 1;
        need[r] = (need[r] as number) - 1;
        const toSink = covers ? cover : this.extraArc(r);
        flow[toSink] = (flow[toSink] as number) + 1;
      }
    }
    let total = 0;
    for (let h = 0; h < nh; h++) {
      const e = this.helperArc(h);
      flow[e] = (cap[e] as number) - (room[h] as number);
      total += flow[e] as number;
    }
    flow[this.backArc()] = total;

    const treeArc = new Int32Array(simplex.nodeCount).fill(-1);
    treeArc[SINK] = this.backArc();
    for (let h = 0; h < nh; h++) {
      const e = this.helperArc(h);
      if ((flow[e] as number) > 0) {
        treeArc[this.helperNode(h)] = e;
        continue;
      }
      let best = -1;
      const end = this.helperFirstArc[h + 1] as number;
      for (let i = this.helperFirstArc[h] as number; i < end; i++) {
        const k = this.helperArcs[i] as number;
        if (cap[k] === 1 && (best < 0 || (problem.arcScore[k] as number) > (problem.arcScore[best] as number)))
          best = k;
      }
      treeArc[this.helperNode(h)] = best;
    }
    for (let r = 0; r < nr; r++) {
      const cover = this.coverArc(r);
      const extra = this.extraArc(r);
      let arc = -1;
      if ((flow[cover] as number) < (cap[cover] as number)) arc = cover;
      else if ((flow[extra] as number) < (cap[extra] as number)) arc = extra;
      else {
        const end = problem.recipientFirstArc[r + 1] as number;
        for (let k = problem.recipientFirstArc[r] as number; k < end && arc < 0; k++) if (flow[k] === 1) arc = k;
      }
      treeArc[this.recipientNode(r)] = arc;
    }
    this.greedyBasisInstalled = simplex.setBasis(flow, treeArc);
  }

  /** Units of capacity a helper gives at the current solution, locks included. */
  helperUsed(h: number): number {
    return (this.simplex.flow[this.helperArc(h)] as number) + (this.helperLocks[h] as number);
  }

  /** Helpers a recipient gets at the current solution, locks included. */
  recipientGot(r: number): number {
    const flow = this.simplex.flow;
    return (flow[this.coverArc(r)] as number) + (flow[this.extraArc(r)] as number) + (this.recipientLocks[r] as number);
  }

  isChosen(k: number): boolean {
    return this.locked[k] === 1 || this.simplex.flow[k] === 1;
  }

  result(): PairingResult {
    const { problem } = this;
    const flow = this.simplex.flow;
    const pairs: PairingResult["pairs"] = [];
    let covered = 0;
    let score = 0;
    for (let r = 0; r < this.recipientCount; r++) {
      const recipient = problem.recipientIds[r] as string;
      const end = problem.recipientFirstArc[r + 1] as number;
      let got = 0;
      for (let k = problem.recipientFirstArc[r] as number; k < end; k++) {
        if (this.locked[k] === 1 || flow[k] === 1) {
          const s = problem.arcScore[k] as number;
          pairs.push({ helper: problem.helperIds[problem.arcHelper[k] as number] as string, recipient, score: s });
          score += s;
          got++;
        }
      }
      if (got > 0) covered++;
    }
    return { format: PAIRING_RESULT_FORMAT, covered, assigned: pairs.length, score, pairs };
  }

  /**
   * Splits a weighted value W1·covered + W2·assigned + score back into its parts (exact for the
   * cost of any simple cycle, see the bounds at the top of this file).
   */
  split(weighted: number): ObjectiveDelta {
    const covered = Math.round(weighted / this.w1);
    const rest = weighted - covered * this.w1;
    const assigned = Math.round(rest / this.w2);
    return { covered: covered || 0, assigned: assigned || 0, score: rest - assigned * this.w2 || 0 };
  }

  /**
   * Exactly what the objective loses if chosen, unlocked pair k must go (everything else
   * re-optimized): the cheapest residual cycle through the arc's reverse. null if k is not chosen
   * or is locked (a lock cannot be removed by the optimizer).
   */
  removalLoss(k: number): ObjectiveDelta | null {
    if (this.locked[k] === 1 || this.simplex.flow[k] !== 1) return null;
    const { simplex, problem } = this;
    const h = this.helperNode(problem.arcHelper[k] as number);
    const r = this.recipientNode(problem.arcRecipient[k] as number);
    return this.split(-simplex.reducedCost(k) + simplex.residualDistance(h, r));
  }

  /**
   * Exactly what covering recipient r would cost the rest of the answer (its own coverage counted
   * as a gain), or null if r is covered or cannot be covered at all.
   */
  coverageCost(r: number): ObjectiveDelta | null {
    const cover = this.coverArc(r);
    const { simplex } = this;
    if (simplex.cap[cover] !== 1 || simplex.flow[cover] !== 0) return null;
    const distance = simplex.residualDistance(SINK, this.recipientNode(r));
    if (!Number.isFinite(distance)) return null;
    return this.split(simplex.reducedCost(cover) + distance);
  }

  // ---- edits (sessions) ----

  helperRank(id: string, where: string): number {
    const h = rankOf(this.problem.helperIds, id);
    if (h < 0) throw new PairingInputError(where, `unknown helper ${JSON.stringify(id)}`);
    return h;
  }

  recipientRank(id: string, where: string): number {
    const r = rankOf(this.problem.recipientIds, id);
    if (r < 0) throw new PairingInputError(where, `unknown recipient ${JSON.stringify(id)}`);
    return r;
  }

  arcOf(helper: string, recipient: string, where: string): number {
    return findArc(this.problem, this.helperRank(helper, where), this.recipientRank(recipient, where));
  }

  lock(k: number): void {
    if (this.locked[k] === 1) return;
    const h = this.problem.arcHelper[k] as number;
    const r = this.problem.arcRecipient[k] as number;
    this.locked[k] = 1;
    this.helperLocks[h] = (this.helperLocks[h] as number) + 1;
    this.recipientLocks[r] = (this.recipientLocks[r] as number) + 1;
    this.applyCapacities([k, this.helperArc(h), this.coverArc(r), this.extraArc(r)]);
  }

  unlock(k: number): void {
    if (this.locked[k] === 0) return;
    const h = this.problem.arcHelper[k] as number;
    const r = this.problem.arcRecipient[k] as number;
    this.locked[k] = 0;
    this.helperLocks[h] = (this.helperLocks[h] as number) - 1;
    this.recipientLocks[r] = (this.recipientLocks[r] as number) - 1;
    this.applyCapacities([k, this.helperArc(h), this.coverArc(r), this.extraArc(r)]);
  }

  setForbidden(k: number, forbidden: boolean): void {
    this.forbidden[k] = forbidden ? 1 : 0;
    this.applyCapacities([k]);
  }

  setCapacity(h: number, capacity: number): void {
    this.capacity[h] = capacity;
    this.applyCapacities([this.helperArc(h)]);
  }

  setDemand(r: number, demand: number): void {
    this.demand[r] = demand;
    this.applyCapacities([this.coverArc(r), this.extraArc(r)]);
  }

  /**
   * Brings the given arcs to the capacities the current limits, locks and forbidden flags imply,
   * cancelling flow that no longer fits, and repairs the basis. Cancelling goes along cycles
   * S → helper → recipient → T → S, so conservation holds throughout.
   */
  private applyCapacities(arcs: number[]): void {
    const simplex = this.simplex;
    const touched: number[] = [];
    for (const e of arcs) {
      simplex.setCapacity(e, this.wantedCapacity(e));
      touched.push(e);
    }
    const { flow, cap } = simplex;
    for (const e of arcs) {
      while ((flow[e] as number) > (cap[e] as number)) this.cancelUnitThrough(e, touched);
    }
    simplex.repair(touched);
  }

  private wantedCapacity(e: number): number {
    const firstCover = this.candidateCount + this.helperCount;
    if (e < this.candidateCount) return this.candidateArcCapacity(e);
    if (e < firstCover) return this.helperArcCapacity(e - this.candidateCount);
    if (e < firstCover + this.recipientCount) return this.coverArcCapacity(e - firstCover);
    return this.extraArcCapacity(e - firstCover - this.recipientCount);
  }

  /** Removes one unit of flow from a cycle through arc e (a candidate, helper or recipient arc). */
  private cancelUnitThrough(e: number, touched: number[]): void {
    const { flow } = this.simplex;
    const { problem } = this;
    let k = -1;
    let recipientArc = -1;
    const firstCover = this.candidateCount + this.helperCount;
    if (e < this.candidateCount) {
      k = e;
    } else if (e < firstCover) {
      const h = e - this.candidateCount;
      const end = this.helperFirstArc[h + 1] as number;
      for (let i = this.helperFirstArc[h] as number; i < end && k < 0; i++) {
        const a = this.helperArcs[i] as number;
        if (flow[a] === 1) k = a;
      }
    } else {
      recipientArc = e;
      const r = e < firstCover + this.recipientCount ? e - firstCover : e - firstCover - this.recipientCount;
      const end = problem.recipientFirstArc[r + 1] as number;
      for (let a = problem.recipientFirstArc[r] as number; a < end && k < 0; a++) {
        if (flow[a] === 1) k = a;
      }
    }
    if (k < 0) throw new Error("pairing: flow without a path to cancel (internal error)");
    const h = problem.arcHelper[k] as number;
    const r = problem.arcRecipient[k] as number;
    if (recipientArc < 0) recipientArc = this.recipientArcToCancel(r);
    const simplex = this.simplex;
    for (const a of [this.helperArc(h), k, recipientArc, this.backArc()]) {
      simplex.adjustFlow(a, -1);
      touched.push(a);
    }
  }

  /** Which of a recipient's two arcs to T gives back a unit: one over capacity, else extra first (keeps coverage). */
  private recipientArcToCancel(r: number): number {
    const { flow, cap } = this.simplex;
    const cover = this.coverArc(r);
    const extra = this.extraArc(r);
    if ((flow[extra] as number) > (cap[extra] as number)) return extra;
    if ((flow[cover] as number) > (cap[cover] as number)) return cover;
    return (flow[extra] as number) > 0 ? extra : cover;
  }
}

/**
 * The weights of covered and assigned for a problem of this size (see the top of this file), and
 * the bound on any potential they lead to.
 */
export function objectiveWeights(
  candidates: number,
  helpers: number,
  recipients: number,
): { w1: number; w2: number; potentialBound: number } {
  const scoreBound = MAX_SCORE * (Math.min(candidates, helpers + recipients) + 1);
  const w2 = 2 * scoreBound + 1;
  const w1 = 4 * w2 + 2 * scoreBound + 1;
  const potentialBound = 2 * (w1 + w2) + scoreBound;
  if (4 * potentialBound > MAX_SAFE_POTENTIAL) {
    // Unreachable before memory runs out (it needs ~1e9 candidates), but never be silently wrong.
    throw new Error("pairing problem too large for exact arithmetic");
  }
  return { w1, w2, potentialBound };
}

/** Capacities beyond any possible flow are all the same; keep them in 32-bit integers. */
function clampCapacity(value: number): number {
  return Math.max(0, Math.min(value, INF_CAP - 1));
}

/** Rank of an id in a sorted id list (plain string order), or -1. */
function rankOf(sortedIds: string[], id: string): number {
  let lo = 0;
  let hi = sortedIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sortedIds[mid] as string;
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Arc indices by score, highest first (a counting sort: scores are 0..10000). */
function arcsByScoreDescending(score: Int32Array): Int32Array {
  const start = new Int32Array(MAX_SCORE + 2);
  for (let k = 0; k < score.length; k++) {
    const bucket = MAX_SCORE - (score[k] as number) + 1;
    start[bucket] = (start[bucket] as number) + 1;
  }
  for (let s = 0; s <= MAX_SCORE; s++) start[s + 1] = (start[s + 1] as number) + (start[s] as number);
  const order = new Int32Array(score.length);
  for (let k = 0; k < score.length; k++) {
    const bucket = MAX_SCORE - (score[k] as number);
    order[start[bucket] as number] = k;
    start[bucket] = (start[bucket] as number) + 1;
  }
  return order;
}
