/**
 * Explanations of an optimal pairing, as codes and numbers (no prose, so the web page can word
 * them in each language). Everything is read off the final flow and the optimal potentials in
 * about linear time, so explaining a province costs about as much as printing it. Exact what-if
 * values need a shortest path each and are left to `PairingSession.removalLoss / coverageCost`.
 *
 * The uncovered reasons are exhaustive at an optimum: if a recipient with no helper had an allowed
 * candidate whose helper still had room, adding that pair would raise `covered`. Likewise a chosen
 * pair's better-scoring alternatives must all have full helpers, or swapping would raise `score`.
 */
import type { PairingModel } from "./model.ts";
import {
  type ObjectiveDelta,
  PAIRING_EXPLANATION_FORMAT,
  type PairExplanation,
  type PairingExplanation,
  type UncoveredExplanation,
} from "./types.ts";

export function explainModel(model: PairingModel): PairingExplanation {
  const { problem, simplex } = model;
  const { arcHelper, arcRecipient, arcScore, recipientFirstArc, helperIds, recipientIds } = problem;
  const nh = model.helperCount;
  const nr = model.recipientCount;

  const helperFull = new Uint8Array(nh);
  const helperFullByLocks = new Uint8Array(nh);
  for (let h = 0; h < nh; h++) {
    const capacity = model.capacity[h] as number;
    helperFull[h] = model.helperUsed(h) >= capacity ? 1 : 0;
    helperFullByLocks[h] = (model.helperLocks[h] as number) >= capacity ? 1 : 0;
  }
  const got = new Int32Array(nr);
  for (let r = 0; r < nr; r++) got[r] = model.recipientGot(r);

  // Each helper's best candidate not chosen for it (arcs of a helper are in recipient order, so
  // the first best is the lowest recipient id).
  const helperAlternatives = new Int32Array(nh);
  const helperBest = new Int32Array(nh).fill(-1);
  for (let h = 0; h < nh; h++) {
    const end = model.helperFirstArc[h + 1] as number;
    for (let i = model.helperFirstArc[h] as number; i < end; i++) {
      const k = model.helperArcs[i] as number;
      if (model.forbidden[k] === 1 || model.isChosen(k)) continue;
      helperAlternatives[h] = (helperAlternatives[h] as number) + 1;
      const best = helperBest[h] as number;
      if (best < 0 || (arcScore[k] as number) > (arcScore[best] as number)) helperBest[h] = k;
    }
  }

  const pairs: PairExplanation[] = [];
  const uncovered: UncoveredExplanation[] = [];
  for (let r = 0; r < nr; r++) {
    const first = recipientFirstArc[r] as number;
    const end = recipientFirstArc[r + 1] as number;
    let alternatives = 0;
    let best = -1;
    let bestWithRoom = -1;
    let allowed = 0;
    for (let k = first; k < end; k++) {
      if (model.forbidden[k] === 1) continue;
      allowed++;
      if (model.isChosen(k)) continue;
      alternatives++;
      const score = arcScore[k] as number;
      if (best < 0 || score > (arcScore[best] as number)) best = k;
      if (
        helperFull[arcHelper[k] as number] === 0 &&
        (bestWithRoom < 0 || score > (arcScore[bestWithRoom] as number))
      ) {
        bestWithRoom = k;
      }
    }
    const recipient = recipientIds[r] as string;
    if (got[r] === 0) {
      let fullByLocks = 0;
      for (let k = first; k < end; k++) {
        if (model.forbidden[k] === 0 && helperFullByLocks[arcHelper[k] as number] === 1) fullByLocks++;
      }
      uncovered.push({
        recipient,
        code: end === first ? "no-candidates" : allowed === 0 ? "all-candidates-forbidden" : "helpers-full",
        candidates: end - first,
        forbidden: end - first - allowed,
        helpersFullByLocks: fullByLocks,
        bestCandidate:
          best < 0
            ? null
            : {
                helper: helperIds[arcHelper[best] as number] as string,
                score: arcScore[best] as number,
                helperCapacity: model.capacity[arcHelper[best] as number] as number,
              },
        coverageCost:
          allowed === 0
            ? null
            : { atLeast: model.split(simplex.reducedCost(model.coverArc(r))), atMost: bestDisplacement(model, r, got) },
      });
      continue;
    }
    for (let k = first; k < end; k++) {
      if (!model.isChosen(k)) continue;
      const h = arcHelper[k] as number;
      const score = arcScore[k] as number;
      let better = 0;
      for (let j = first; j < end; j++) {
        if (j !== k && model.forbidden[j] === 0 && !model.isChosen(j) && (arcScore[j] as number) > score) better++;
      }
      const locked = model.locked[k] === 1;
      const hb = helperBest[h] as number;
      let removalLoss: PairExplanation["removalLoss"] = null;
      if (!locked) {
        // Dropping the pair, or handing the recipient to its best alternative with room.
        const drop = { covered: got[r] === 1 ? 1 : 0, assigned: 1, score };
        const swap =
          bestWithRoom < 0 ? null : { covered: 0, assigned: 0, score: score - (arcScore[bestWithRoom] as number) };
        removalLoss = {
          // The arc is saturated, so its reduced cost is <= 0; pushing the unit back around any
          // residual cycle costs at least -reducedCost (all other residual arcs price >= 0).
          atLeast: model.split(-simplex.reducedCost(k)),
          atMost: swap && lexLess(swap, drop) ? swap : drop,
        };
      }
      pairs.push({
        helper: helperIds[h] as string,
        recipient,
        score,
        code: locked
          ? "locked"
          : alternatives === 0
            ? "only-candidate"
            : better === 0
              ? "best-score"
              : "better-helpers-full",
        recipientAlternatives: alternatives,
        betterAlternatives: better,
        bestAlternative:
          best < 0
            ? null
            : {
                helper: helperIds[arcHelper[best] as number] as string,
                score: arcScore[best] as number,
                helperFull: helperFull[arcHelper[best] as number] === 1,
              },
        helperAlternatives: helperAlternatives[h] as number,
        helperBestAlternative:
          hb < 0
            ? null
            : {
                recipient: recipientIds[arcRecipient[hb] as number] as string,
                score: arcScore[hb] as number,
                recipientFull:
                  (got[arcRecipient[hb] as number] as number) >= (model.demand[arcRecipient[hb] as number] as number),
              },
        helperUsed: model.helperUsed(h),
        helperCapacity: model.capacity[h] as number,
        removalLoss,
      });
    }
  }
  return { format: PAIRING_EXPLANATION_FORMAT, pairs, uncovered };
}

/**
 * The cheapest single displacement that covers uncovered recipient r: one of its allowed
 * candidate helpers gives up one of its unlocked pairs and takes r instead. Loss counted with r's
 * coverage as a gain. null if every such helper's capacity is all locked.
 */
function bestDisplacement(model: PairingModel, r: number, got: Int32Array): ObjectiveDelta | null {
  const { problem } = model;
  let best: ObjectiveDelta | null = null;
  const end = problem.recipientFirstArc[r + 1] as number;
  for (let k = problem.recipientFirstArc[r] as number; k < end; k++) {
    if (model.forbidden[k] === 1) continue;
    const h = problem.arcHelper[k] as number;
    const stop = model.helperFirstArc[h + 1] as number;
    for (let i = model.helperFirstArc[h] as number; i < stop; i++) {
      const j = model.helperArcs[i] as number;
      if (model.locked[j] === 1 || model.simplex.flow[j] !== 1) continue;
      const other = problem.arcRecipient[j] as number;
      const move = {
        covered: (got[other] === 1 ? 1 : 0) - 1,
        assigned: 0,
        score: (problem.arcScore[j] as number) - (problem.arcScore[k] as number),
      };
      if (best === null || lexLess(move, best)) best = move;
    }
  }
  return best;
}

function lexLess(a: ObjectiveDelta, b: ObjectiveDelta): boolean {
  if (a.covered !== b.covered) return a.covered < b.covered;
  if (a.assigned !== b.assigned) return a.assigned < b.assigned;
  return a.score < b.score;
}
