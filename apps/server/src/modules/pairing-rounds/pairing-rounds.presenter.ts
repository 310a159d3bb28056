import {
  type Locale,
  PAIRING_LAPSE_DAYS,
  type Pairing,
  type PairingDetail,
  type PairingLinkedProject,
  type PairingRhythm,
  type PairingRound,
  type PairingRoundResult,
  type RoundOrg,
  type RoundParameters,
  type ScoreFactor,
} from "@huzhu/contracts";
import type { PairingExplanation, PairingResult } from "@huzhu/domain";
import { translate } from "../../platform/i18n.ts";
import type { PairingEventRow, PairingRow, PairingVisitRow, RoundRow } from "./pairing-rounds.repository.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

/** What a run keeps beside the problem, for the result's words and the graph (see pairing-rounds.problem.ts). */
export interface RoundDetails {
  orgs: Record<string, RoundOrg>;
  /** Per candidate `${helperId}:${recipientId}`: its form, steps, matched needs, helper's rating and factors. */
  candidates: Record<
    string,
    {
      form: "urban_rural" | "rural_rural" | "urban_urban";
      hops: number;
      matchedNeeds: number;
      average: number | null;
      factors: Array<{ code: ScoreFactor["code"]; value: number; points: number }>;
    }
  >;
  /** The default capacity and demand of each participant (a what-if override set back to null returns to it). */
  defaults: { capacity: Record<string, number>; demand: Record<string, number> };
}

/** The stored result of a run: the solver's result and explanation (codes and numbers). */
export interface StoredResult {
  result: PairingResult;
  explanation: PairingExplanation;
}

export type RoundPairRef = { helperOrgId: number; recipientOrgId: number };

export function presentRound(row: RoundRow, abilities: Record<string, boolean>): PairingRound {
  return {
    id: row.id,
    org: { id: row.org_id, name: row.org_name },
    name: row.name,
    status: row.status as PairingRound["status"],
    parameters: row.parameters as RoundParameters,
    locks: row.locks as RoundPairRef[],
    forbids: row.forbids as RoundPairRef[],
    summary: row.summary
      ? {
          recipients: Number(row.summary.recipients),
          helpers: Number(row.summary.helpers),
          candidates: Number(row.summary.candidates),
          covered: Number(row.summary.covered),
          assigned: Number(row.summary.assigned),
          score: Number(row.summary.score),
        }
      : null,
    lastJobId: row.last_job_id,
    solvedAt: row.solved_at ? iso(row.solved_at) : null,
    publishedAt: row.published_at ? iso(row.published_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: { update: !!abilities.update, run: !!abilities.run, publish: !!abilities.publish },
  };
}

/** Problem ids are `o<orgId>` (room for member pairings, `m<memberId>`, later). */
export const orgKey = (id: number) => `o${id}`;
export const orgIdOf = (key: string) => Number(key.slice(1));

const separator = (locale: Locale) => (locale === "en" ? "; " : "；");

/** Why a pair, in words: its strongest factors, then the solver's reason. */
function pairWords(
  locale: Locale,
  candidate: RoundDetails["candidates"][string] | undefined,
  recipient: RoundOrg | undefined,
  reason: PairingExplanation["pairs"][number],
): string {
  const parts: string[] = [];
  if (candidate) {
    const ranked = [...candidate.factors].filter((f) => f.points > 0).sort((a, b) => b.points - a.points);
    for (const factor of ranked) {
      switch (factor.code) {
        case "fit":
          parts.push(translate(locale, "pairingRound.factor.fit", { matchedNeeds: candidate.matchedNeeds }));
          break;
        case "proximity":
          parts.push(translate(locale, "pairingRound.factor.proximity", { hops: candidate.hops }));
          break;
        case "priority": {
          const weak = recipient?.flags.includes("weak");
          const poor = recipient?.flags.includes("poor");
          if (weak || poor) {
            parts.push(
              translate(locale, `pairingRound.factor.priority.${weak && poor ? "both" : weak ? "weak" : "poor"}`),
            );
          }
          break;
        }
        case "effectiveness":
          if (candidate.average !== null) {
            parts.push(translate(locale, "pairingRound.factor.effectiveness", { average: candidate.average }));
          }
          break;
        case "continuity":
          parts.push(translate(locale, "pairingRound.factor.continuity"));
          break;
        case "strength":
          if (factor.value >= 0.5) parts.push(translate(locale, "pairingRound.factor.strength"));
          break;
      }
    }
  }
  parts.push(
    translate(locale, `pairingRound.reason.${reason.code}`, {
      alternatives: reason.recipientAlternatives + 1,
      better: reason.betterAlternatives,
    }),
  );
  return parts.join(separator(locale));
}

export function presentResult(
  roundId: number,
  row: Pick<RoundRow, "locks" | "forbids" | "solved_at" | "solve_ms" | "incremental">,
  problem: { recipients: unknown[]; helpers: unknown[]; candidates: unknown[] },
  stored: StoredResult,
  details: RoundDetails,
  locale: Locale,
): PairingRoundResult {
  const { result, explanation } = stored;
  const org = (key: string) => details.orgs[String(orgIdOf(key))] as RoundOrg;
  const locked = new Set((row.locks as RoundPairRef[]).map((l) => `${l.helperOrgId}:${l.recipientOrgId}`));
  const pairs = result.pairs.map((pair, i) => {
    const reason = explanation.pairs[i] as PairingExplanation["pairs"][number];
    const key = `${orgIdOf(pair.helper)}:${orgIdOf(pair.recipient)}`;
    const candidate = details.candidates[key];
    return {
      helper: pair.helper,
      recipient: pair.recipient,
      score: pair.score,
      helperOrg: org(pair.helper),
      recipientOrg: org(pair.recipient),
      form: candidate?.form ?? "urban_rural",
      locked: locked.has(key),
      factors: (candidate?.factors ?? []).map((f) => ({
        ...f,
        ...(f.code === "fit" && candidate ? { matchedNeeds: candidate.matchedNeeds } : {}),
        ...(f.code === "proximity" && candidate ? { hops: candidate.hops } : {}),
        ...(f.code === "effectiveness" && candidate ? { average: candidate.average } : {}),
      })),
      reasonCode: reason.code,
      explanation: pairWords(locale, candidate, org(pair.recipient), reason),
    };
  });
  const uncovered = explanation.uncovered.map((u) => ({
    recipient: u.recipient,
    recipientOrg: org(u.recipient),
    code: u.code,
    candidates: u.candidates,
    forbidden: u.forbidden,
    explanation: translate(locale, `pairingRound.uncovered.${u.code}`, { candidates: u.candidates }),
  }));
  const recipients = problem.recipients.length;
  return {
    format: result.format,
    covered: result.covered,
    assigned: result.assigned,
    score: result.score,
    roundId,
    pairs,
    uncovered,
    coverage: {
      recipients,
      helpers: problem.helpers.length,
      helpersUsed: new Set(result.pairs.map((p) => p.helper)).size,
      candidates: problem.candidates.length,
      rate: recipients === 0 ? 1 : result.covered / recipients,
    },
    locks: row.locks as RoundPairRef[],
    forbids: row.forbids as RoundPairRef[],
    solvedAt: row.solved_at ? iso(row.solved_at) : new Date(0).toISOString(),
    solveMs: row.solve_ms ?? 0,
    incremental: row.incremental,
  };
}

export function presentPairing(row: PairingRow, abilities: Record<string, boolean>): Pairing {
  const party = (orgId: number | null, memberId: number | null, name: string) =>
    orgId !== null ? { type: "org" as const, id: orgId, name } : { type: "member" as const, id: memberId ?? 0, name };
  return {
    id: row.id,
    kind: row.kind as Pairing["kind"],
    demonstration: row.demonstration,
    helper: party(row.helper_org_id, row.helper_member_id, row.helper_name),
    recipient: party(row.recipient_org_id, row.recipient_member_id, row.recipient_name),
    form: row.form as Pairing["form"],
    status: row.status as Pairing["status"],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    goals: row.goals,
    endReason: row.end_reason,
    origin: row.origin as Pairing["origin"],
    roundId: row.round_id,
    hasAgreement: row.has_agreement,
    createdAt: iso(row.created_at),
    abilities: {
      conclude: !!abilities.conclude,
      dissolve: !!abilities.dissolve,
      recordVisit: !!abilities.recordVisit,
      demonstrate: !!abilities.demonstrate,
    },
  };
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, today: string) =>
  Math.floor((new Date(`${today}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS);

/**
 * The rhythm of a pairing (常态化): days since its last joint activity, or since its start while
 * there is none; an active pairing lapses after `PAIRING_LAPSE_DAYS` days without one. `today` is
 * the China date (YYYY-MM-DD).
 */
export function pairingRhythm(
  row: Pick<PairingRow, "status" | "starts_on">,
  lastActivityOn: string | null,
  today: string,
): PairingRhythm {
  const sinceActivity = lastActivityOn ? Math.max(0, daysBetween(lastActivityOn, today)) : null;
  const sinceStart = row.starts_on && row.starts_on <= today ? daysBetween(row.starts_on, today) : null;
  const silent = sinceActivity ?? sinceStart;
  return {
    lastActivityOn,
    daysSinceLastActivity: sinceActivity,
    daysSinceStart: sinceStart,
    lapsed: row.status === "active" && silent !== null && silent > PAIRING_LAPSE_DAYS,
    lapseAfterDays: PAIRING_LAPSE_DAYS,
  };
}

export function presentPairingDetail(
  row: PairingRow,
  abilities: Record<string, boolean>,
  events: PairingEventRow[],
  visits: PairingVisitRow[],
  rhythm: PairingRhythm,
  projects: PairingLinkedProject[],
): PairingDetail {
  return {
    ...presentPairing(row, abilities),
    rhythm,
    projects,
    history: events.map((e) => ({
      at: iso(e.at),
      event: e.event,
      status: e.status as Pairing["status"],
      reason: e.reason,
      roundId: e.round_id,
    })),
    visits: visits.map((v) => ({
      id: v.id,
      visitedOn: v.visited_on,
      notes: v.notes,
      recordedBy: v.recorded_by,
      createdAt: iso(v.created_at),
    })),
  };
}
