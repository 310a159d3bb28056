/**
 * Entry points: one-shot solves, and sessions for the coordinator's "what if" (lock or forbid a
 * pair, change a capacity or demand, solve again from the previous optimum).
 */
import { explainModel } from "./explain.ts";
import { PairingModel } from "./model.ts";
import { presolvePairing } from "./presolve.ts";
import type { ObjectiveDelta, PairingExplanation, PairingResult } from "./types.ts";
import {
  type CompiledPairing,
  compilePairingProblem,
  PairingInputError,
  pairText,
  parsePairingProblem,
} from "./validate.ts";

/** A problem object (`huzhu.pairing.v1`), or its JSON text. Validated before anything else. */
export type PairingInput = unknown;

function compile(input: PairingInput): CompiledPairing {
  return typeof input === "string" ? parsePairingProblem(input) : compilePairingProblem(input);
}

/**
 * Solves a problem exactly. Throws PairingInputError (one line, `where: what`) on bad input.
 * The network holds only the candidates that can still be chosen (see `presolve.ts`).
 */
export function solvePairing(input: PairingInput): PairingResult {
  const model = new PairingModel(presolvePairing(compile(input)).problem);
  model.solve();
  return model.result();
}

/** Solves and explains every chosen pair and every recipient left without a helper. */
export function solvePairingExplained(input: PairingInput): {
  result: PairingResult;
  explanation: PairingExplanation;
} {
  const model = new PairingModel(compile(input));
  model.solve();
  return { result: model.result(), explanation: explainModel(model) };
}

export interface PairingSessionStats {
  /** Network simplex pivots of the last `resolve()`. */
  pivots: number;
  /** Whether the last `resolve()` started from scratch (the first one always does). */
  cold: boolean;
}

/**
 * A problem kept in memory with its optimal basis. Edits take effect at once on the model and are
 * checked like the problem file (a lock must be a candidate, not forbidden, and fit capacity and
 * demand); `resolve()` re-optimizes from the previous optimum, which after a few edits costs a
 * small fraction of a cold solve, and gives the same optimal covered/assigned/score a cold solve
 * of the edited problem gives.
 */
export interface PairingSession {
  /** Forces the pair into the answer. */
  lock(helper: string, recipient: string): void;
  unlock(helper: string, recipient: string): void;
  /** Keeps the pair out of the answer (a pair that is not a candidate is already out). */
  forbid(helper: string, recipient: string): void;
  /** Lifts a `forbid`. */
  allow(helper: string, recipient: string): void;
  setCapacity(helper: string, capacity: number): void;
  setDemand(recipient: string, demand: number): void;
  /** Re-optimizes and returns the result. */
  resolve(): PairingResult;
  /** Explains the last `resolve()` (resolving first if edits came after it). */
  explain(): PairingExplanation;
  /**
   * Exactly what the objective loses if this chosen pair is taken out and everything else is
   * re-optimized (one shortest path, no re-solve). null if the pair is not chosen or is locked.
   */
  removalLoss(helper: string, recipient: string): ObjectiveDelta | null;
  /**
   * Exactly what covering this recipient would cost (its own coverage counted as a gain), or null
   * if it is covered already or cannot be covered without breaking a lock.
   */
  coverageCost(recipient: string): ObjectiveDelta | null;
  readonly stats: PairingSessionStats;
}

export function createPairingSession(input: PairingInput): PairingSession {
  return new Session(new PairingModel(compile(input)));
}

class Session implements PairingSession {
  private readonly model: PairingModel;
  private dirty = true;
  private last: PairingResult | null = null;
  readonly stats: PairingSessionStats = { pivots: 0, cold: true };

  constructor(model: PairingModel) {
    this.model = model;
  }

  lock(helper: string, recipient: string): void {
    const { model } = this;
    const k = this.candidate(helper, recipient, "lock");
    if (model.locked[k] === 1) return;
    if (model.forbidden[k] === 1) throw new PairingInputError("lock", `${pairText(model.problem, k)} is forbidden`);
    const h = model.problem.arcHelper[k] as number;
    const r = model.problem.arcRecipient[k] as number;
    if ((model.helperLocks[h] as number) + 1 > (model.capacity[h] as number)) {
      throw new PairingInputError(
        "lock",
        `helper ${JSON.stringify(helper)} would have ${(model.helperLocks[h] as number) + 1} locked pairs, more than its capacity ${model.capacity[h]}`,
      );
    }
    if ((model.recipientLocks[r] as number) + 1 > (model.demand[r] as number)) {
      throw new PairingInputError(
        "lock",
        `recipient ${JSON.stringify(recipient)} would have ${(model.recipientLocks[r] as number) + 1} locked pairs, more than its demand ${model.demand[r]}`,
      );
    }
    model.lock(k);
    this.dirty = true;
  }

  unlock(helper: string, recipient: string): void {
    this.model.unlock(this.candidate(helper, recipient, "unlock"));
    this.dirty = true;
  }

  forbid(helper: string, recipient: string): void {
    const { model } = this;
    const k = model.arcOf(helper, recipient, "forbid");
    if (k < 0 || model.forbidden[k] === 1) return;
    if (model.locked[k] === 1) throw new PairingInputError("forbid", `${pairText(model.problem, k)} is locked`);
    model.setForbidden(k, true);
    this.dirty = true;
  }

  allow(helper: string, recipient: string): void {
    const { model } = this;
    const k = model.arcOf(helper, recipient, "allow");
    if (k < 0 || model.forbidden[k] === 0) return;
    model.setForbidden(k, false);
    this.dirty = true;
  }

  setCapacity(helper: string, capacity: number): void {
    const { model } = this;
    const h = model.helperRank(helper, "setCapacity");
    checkLimit(capacity, model.helperLocks[h] as number, "setCapacity", "capacity", `helper ${JSON.stringify(helper)}`);
    model.setCapacity(h, capacity);
    this.dirty = true;
  }

  setDemand(recipient: string, demand: number): void {
    const { model } = this;
    const r = model.recipientRank(recipient, "setDemand");
    checkLimit(
      demand,
      model.recipientLocks[r] as number,
      "setDemand",
      "demand",
      `recipient ${JSON.stringify(recipient)}`,
    );
    model.setDemand(r, demand);
    this.dirty = true;
  }

  resolve(): PairingResult {
    if (!this.dirty && this.last) return this.last;
    this.model.solve();
    this.stats.pivots = this.model.lastPivots;
    this.stats.cold = this.model.lastSolveWasCold;
    this.last = this.model.result();
    this.dirty = false;
    return this.last;
  }

  explain(): PairingExplanation {
    if (this.dirty) this.resolve();
    return explainModel(this.model);
  }

  removalLoss(helper: string, recipient: string): ObjectiveDelta | null {
    const k = this.candidate(helper, recipient, "removalLoss");
    if (this.dirty) this.resolve();
    return this.model.removalLoss(k);
  }

  coverageCost(recipient: string): ObjectiveDelta | null {
    const r = this.model.recipientRank(recipient, "coverageCost");
    if (this.dirty) this.resolve();
    return this.model.coverageCost(r);
  }

  private candidate(helper: string, recipient: string, where: string): number {
    const k = this.model.arcOf(helper, recipient, where);
    if (k < 0) {
      throw new PairingInputError(
        where,
        `helper ${JSON.stringify(helper)} and recipient ${JSON.stringify(recipient)} are not a candidate pair`,
      );
    }
    return k;
  }
}

function checkLimit(value: number, locks: number, where: string, name: string, who: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new PairingInputError(where, `${name} must be an integer >= 1, got ${String(value)}`);
  }
  if (value < locks) throw new PairingInputError(where, `${who} has ${locks} locked pairs, more than ${name} ${value}`);
}
