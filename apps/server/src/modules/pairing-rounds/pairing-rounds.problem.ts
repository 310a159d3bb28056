import type { RoundOrg, RoundParameters } from "@huzhu/contracts";
import {
  PAIRING_FORMAT,
  type PairingProblem,
  type ScoringHelper,
  type ScoringRecipient,
  scoreCandidates,
} from "@huzhu/domain";
import { CATEGORY_FIT, type HelpFacts } from "../needs/needs.directory.ts";
import type { OrgForPairing } from "../orgs/orgs.repository.ts";
import { orgKey, type RoundDetails, type RoundPairRef } from "./pairing-rounds.presenter.ts";

/**
 * A round's problem from the platform's data (issue 9, item 2): the participants its parameters
 * choose, their demands and capacities (defaults from the organizations' flags and size, then the
 * coordinator's overrides), and the scored candidates (packages/domain scoring.ts) as a
 * `huzhu.pairing.v1` document, with the locks and forbids the coordinator set.
 */
export interface RoundInputs {
  orgs: readonly OrgForPairing[];
  facts: HelpFacts;
  activePairs: ReadonlySet<string>;
  parameters: RoundParameters;
  locks: readonly RoundPairRef[];
  forbids: readonly RoundPairRef[];
}

export interface BuiltRound {
  problem: PairingProblem;
  details: RoundDetails;
  recipients: Array<RoundOrg & { demand: number; candidates: number; openNeeds: number }>;
  helpers: Array<RoundOrg & { capacity: number; candidates: number }>;
  byForm: Record<"urban_rural" | "rural_rural" | "urban_urban", number>;
}

/** Default demand: two helpers for a village both weak and poor (多帮一), else one. */
export function defaultDemand(flags: readonly string[]): number {
  return flags.includes("weak") && flags.includes("poor") ? 2 : 1;
}

/** Default capacity: one recipient, plus one per 40 members of its own, up to the round's limit. */
export function defaultCapacity(members: number, maxCapacity: number): number {
  return Math.max(1, Math.min(maxCapacity, 1 + Math.floor(members / 40)));
}

export function buildRound(inputs: RoundInputs): BuiltRound {
  const { orgs, facts, parameters: p } = inputs;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  // The town (乡镇/街道) above each organization: the graph's grouping.
  const townOf = (o: OrgForPairing): { id: number; name: string } | null => {
    for (const id of o.path.split("/").filter(Boolean).map(Number).reverse()) {
      const up = byId.get(id);
      if (up && up.category === "town_street") return { id: up.id, name: up.name };
    }
    return null;
  };
  const roundOrg = (o: OrgForPairing): RoundOrg => ({
    id: o.id,
    name: o.name,
    category: o.category,
    area: o.area === "urban" ? "urban" : "rural",
    town: townOf(o),
    flags: o.flags.filter((f): f is "weak" | "poor" => f === "weak" || f === "poor"),
  });
  const needsOf = (id: number) => facts.openNeeds.get(id) ?? {};
  const needCount = (id: number) => Object.values(needsOf(id)).reduce((a, b) => a + b, 0);

  const criteria = new Set(p.recipients.criteria);
  const excludedRecipients = new Set(p.recipients.exclude);
  const includedRecipients = new Set(p.recipients.include);
  const recipientOrgs = orgs.filter((o) => {
    if (excludedRecipients.has(o.id)) return false;
    if (includedRecipients.has(o.id)) return true;
    if (o.category !== "village") return false;
    return (
      (criteria.has("weak") && o.flags.includes("weak")) ||
      (criteria.has("poor") && o.flags.includes("poor")) ||
      (criteria.has("open_needs") && needCount(o.id) > 0)
    );
  });
  const recipientIds = new Set(recipientOrgs.map((o) => o.id));
  const categories = new Set(p.helpers.categories);
  const excludedHelpers = new Set(p.helpers.exclude);
  const includedHelpers = new Set(p.helpers.include);
  const helperOrgs = orgs.filter((o) => {
    if (excludedHelpers.has(o.id)) return false;
    if (includedHelpers.has(o.id)) return true;
    if (o.category === "village") {
      return categories.has("strong_village") && o.flags.length === 0 && !recipientIds.has(o.id);
    }
    return (categories as Set<string>).has(o.category);
  });

  const demandOverride = new Map(p.demands.map((d) => [d.orgId, d.demand]));
  const capacityOverride = new Map(p.capacities.map((c) => [c.orgId, c.capacity]));
  const demandOf = (o: OrgForPairing) => demandOverride.get(o.id) ?? defaultDemand(o.flags);
  const capacityOf = (o: OrgForPairing) =>
    capacityOverride.get(o.id) ?? defaultCapacity(o.members, p.limits.maxCapacity);

  const pairKey = (l: RoundPairRef) => `${l.helperOrgId}:${l.recipientOrgId}`;
  const scoringRecipients: ScoringRecipient[] = recipientOrgs.map((o) => ({
    id: o.id,
    path: o.path,
    category: o.category,
    area: o.area === "urban" ? "urban" : "rural",
    flags: o.flags,
    openNeeds: needsOf(o.id),
  }));
  const scoringHelpers: ScoringHelper[] = helperOrgs.map((o) => ({
    id: o.id,
    path: o.path,
    category: o.category,
    area: o.area === "urban" ? "urban" : "rural",
    flags: o.flags,
    members: o.members,
    resources: facts.resources.get(o.id) ?? [],
    rating: facts.ratings.get(o.id) ?? null,
  }));
  const scored = scoreCandidates(scoringRecipients, scoringHelpers, {
    weights: p.weights,
    forms: p.forms,
    maxHops: p.limits.maxHops,
    maxCandidatesPerRecipient: p.limits.maxCandidatesPerRecipient,
    minScore: p.limits.minScore,
    fitTable: CATEGORY_FIT,
    activePairs: inputs.activePairs,
    keep: new Set(inputs.locks.map(pairKey)),
  });

  const candidateKeys = new Set(scored.map((c) => `${c.helper}:${c.recipient}`));
  const details: RoundDetails = { orgs: {}, candidates: {}, defaults: { capacity: {}, demand: {} } };
  for (const o of [...recipientOrgs, ...helperOrgs]) details.orgs[String(o.id)] = roundOrg(o);
  for (const o of recipientOrgs) details.defaults.demand[String(o.id)] = defaultDemand(o.flags);
  for (const o of helperOrgs)
    details.defaults.capacity[String(o.id)] = defaultCapacity(o.members, p.limits.maxCapacity);
  const perRecipient = new Map<number, number>();
  const perHelper = new Map<number, number>();
  const byForm = { urban_rural: 0, rural_rural: 0, urban_urban: 0 };
  for (const c of scored) {
    details.candidates[`${c.helper}:${c.recipient}`] = {
      form: c.form,
      hops: c.hops,
      matchedNeeds: c.matchedNeeds,
      average: facts.ratings.get(c.helper)?.average ?? null,
      factors: c.factors,
    };
    perRecipient.set(c.recipient, (perRecipient.get(c.recipient) ?? 0) + 1);
    perHelper.set(c.helper, (perHelper.get(c.helper) ?? 0) + 1);
    byForm[c.form] += 1;
  }
  const inProblem = (refs: readonly RoundPairRef[]) =>
    refs
      .filter((l) => candidateKeys.has(pairKey(l)))
      .map((l) => ({ helper: orgKey(l.helperOrgId), recipient: orgKey(l.recipientOrgId) }));

  const problem: PairingProblem = {
    format: PAIRING_FORMAT,
    recipients: recipientOrgs.map((o) => ({ id: orgKey(o.id), demand: demandOf(o) })),
    helpers: helperOrgs.map((o) => ({ id: orgKey(o.id), capacity: capacityOf(o) })),
    candidates: scored.map((c) => ({ helper: orgKey(c.helper), recipient: orgKey(c.recipient), score: c.score })),
    locked: inProblem(inputs.locks),
    forbidden: inProblem(inputs.forbids),
  };
  return {
    problem,
    details,
    recipients: recipientOrgs.map((o) => ({
      ...roundOrg(o),
      demand: demandOf(o),
      candidates: perRecipient.get(o.id) ?? 0,
      openNeeds: needCount(o.id),
    })),
    helpers: helperOrgs.map((o) => ({ ...roundOrg(o), capacity: capacityOf(o), candidates: perHelper.get(o.id) ?? 0 })),
    byForm,
  };
}
