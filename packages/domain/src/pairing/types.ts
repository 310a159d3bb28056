/**
 * The pairing problem and result formats (`huzhu.pairing.v1`, `huzhu.pairing-result.v1`), as
 * fixed in `shared/formats/pairing-v1.md`, plus the structured explanations the solver can give.
 */

export const PAIRING_FORMAT = "huzhu.pairing.v1";
export const PAIRING_RESULT_FORMAT = "huzhu.pairing-result.v1";
export const PAIRING_EXPLANATION_FORMAT = "huzhu.pairing-explanation.v1";

/** The largest candidate score the format allows. */
export const MAX_SCORE = 10000;

export interface PairingRecipient {
  id: string;
  /** The most helpers this recipient may get (多帮一 when > 1). */
  demand: number;
}

export interface PairingHelper {
  id: string;
  /** The most recipients this helper may take (一帮多 when > 1). */
  capacity: number;
}

export interface PairingCandidate {
  helper: string;
  recipient: string;
  /** 0..10000, higher is better. */
  score: number;
}

export interface PairingPairRef {
  helper: string;
  recipient: string;
}

export interface PairingProblem {
  format: typeof PAIRING_FORMAT;
  recipients: PairingRecipient[];
  helpers: PairingHelper[];
  candidates: PairingCandidate[];
  locked?: PairingPairRef[];
  forbidden?: PairingPairRef[];
}

export interface PairingResult {
  format: typeof PAIRING_RESULT_FORMAT;
  /** Recipients with at least one helper. */
  covered: number;
  /** Pairs chosen. */
  assigned: number;
  /** Sum of the chosen pairs' scores. */
  score: number;
  /** Sorted by recipient id, then helper id (plain string order). */
  pairs: PairingCandidate[];
}

/**
 * A change of the lexicographic objective (covered, assigned, score). The solver's duals give these
 * as exact integers, so the web page can say "removing this pair loses 1 covered village" without
 * re-solving.
 */
export interface ObjectiveDelta {
  covered: number;
  assigned: number;
  score: number;
}

/**
 * Cheap bounds on an exact what-if value (lexicographic order): `atLeast` from the optimal duals
 * (a reduced cost), `atMost` from the best single move found locally (null: none found). When
 * they are equal the value is exact; sessions compute the exact value on demand.
 */
export interface ObjectiveBounds {
  atLeast: ObjectiveDelta;
  atMost: ObjectiveDelta | null;
}

/**
 * Why a chosen pair is in the answer:
 * - `locked`: the problem forces it;
 * - `only-candidate`: the recipient has no other allowed candidate left;
 * - `best-score`: no other allowed helper of this recipient scores higher;
 * - `better-helpers-full`: helpers that score higher exist, but every one of them is full at the
 *   optimum (its capacity is better spent elsewhere, or taken by locks).
 */
export type PairReasonCode = "locked" | "only-candidate" | "best-score" | "better-helpers-full";

export interface PairExplanation {
  helper: string;
  recipient: string;
  score: number;
  code: PairReasonCode;
  /** Allowed candidates of the recipient that were not chosen for it. */
  recipientAlternatives: number;
  /** How many of those score higher than this pair (all of their helpers are full). */
  betterAlternatives: number;
  /** The highest-scoring of those alternatives (ties: lowest helper id). */
  bestAlternative: { helper: string; score: number; helperFull: boolean } | null;
  /** Allowed candidates of the helper that were not chosen for it. */
  helperAlternatives: number;
  /** The highest-scoring of those (ties: lowest recipient id); `recipientFull`: it got its whole demand. */
  helperBestAlternative: { recipient: string; score: number; recipientFull: boolean } | null;
  helperUsed: number;
  helperCapacity: number;
  /**
   * What the objective loses if this pair is removed and the rest re-optimized; `atMost` is the
   * cheaper of dropping the pair and handing the recipient to its best alternative with room.
   * null for a locked pair. Exact value: `PairingSession.removalLoss`.
   */
  removalLoss: ObjectiveBounds | null;
}

/**
 * Why a recipient got no helper:
 * - `no-candidates`: the problem lists no candidate for it;
 * - `all-candidates-forbidden`: every candidate pair is forbidden;
 * - `helpers-full`: every allowed candidate helper is full at the optimum.
 */
export type UncoveredReasonCode = "no-candidates" | "all-candidates-forbidden" | "helpers-full";

export interface UncoveredExplanation {
  recipient: string;
  code: UncoveredReasonCode;
  candidates: number;
  forbidden: number;
  /** Allowed candidate helpers whose capacity is taken entirely by locked pairs. */
  helpersFullByLocks: number;
  /** The highest-scoring allowed candidate (ties: lowest helper id). */
  bestCandidate: { helper: string; score: number; helperCapacity: number } | null;
  /**
   * What covering this recipient would cost the answer, its own coverage counted as a gain (so
   * `covered` is 0 when another recipient must lose its helper); `atMost` is the best single
   * displacement (a candidate helper drops one of its unlocked pairs for this recipient). null
   * when the recipient has no allowed candidate. Exact value: `PairingSession.coverageCost`.
   */
  coverageCost: ObjectiveBounds | null;
}

export interface PairingExplanation {
  format: typeof PAIRING_EXPLANATION_FORMAT;
  /** One per pair of the result, in the same order. */
  pairs: PairExplanation[];
  /** One per recipient without a helper, sorted by recipient id. */
  uncovered: UncoveredExplanation[];
}
