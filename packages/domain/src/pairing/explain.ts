/**
 * Explanations of an optimal pairing, as codes and numbers (no prose, so the web page can word
 * them in each language). Everything is read off the final flow and the optimal potentials in
 * linear time, so explaining a province costs about as much as printing it.
 *
 * The uncovered reasons are exhaustive at an optimum: if a recipient with no helper had an allowed
 * candidate whose helper still had room, adding that pair would raise `covered`. Likewise a chosen
 * pair's better-scoring alternatives must all have full helpers, or swapping would raise `score`.
 */
import type { PairingModel } from "./model.ts";
import {
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
  const recipientFull = new Uint8Array(nr);
  for (let r = 0; r < nr; r++) recipientFull[r] = model.recipientGot(r) >= (model.demand[r] as number) ? 1 : 0;

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
    let allowed = 0;
    let chosen = 0;
    for (let k = first; k < end; k++) {
      if (model.forbidden[k] === 1) continue;
      allowed++;
      if (model.isChosen(k)) {
        chosen++;
        continue;
      }
      alternatives++;
      if (best < 0 || (arcScore[k] as number) > (arcScore[best] as number)) best = k;
    }
    const recipient = recipientIds[r] as string;
    if (chosen === 0) {
      let fullByLocks = 0;
      for (let k = first; k < end; k++) {
        if (model.forbidden[k] === 0 && helperFullByLocks[arcHelper[k] as number] === 1) fullByLocks++;
      }
      const cover = model.coverArc(r);
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
        coverageCost: allowed === 0 ? { covered: 0, assigned: 0, score: 0 } : model.split(simplex.reducedCost(cover)),
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
                recipientFull: recipientFull[arcRecipient[hb] as number] === 1,
              },
        helperUsed: model.helperUsed(h),
        helperCapacity: model.capacity[h] as number,
        // The arc carries flow at its upper bound, so its reduced cost is <= 0; pushing the unit
        // back costs at least -reducedCost (every other residual arc has reduced cost >= 0).
        removalLoss: locked ? { covered: 0, assigned: 0, score: 0 } : model.split(-simplex.reducedCost(k)),
      });
    }
  }
  return { format: PAIRING_EXPLANATION_FORMAT, pairs, uncovered };
}
