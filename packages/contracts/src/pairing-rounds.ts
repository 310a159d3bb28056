import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";
import { orgFlag } from "./orgs.ts";
import { pairingResult } from "./pairing.ts";

/**
 * Pairing rounds and pairings (issue 9; F10, F11, F13, F16 in ../shared/MISSION.md).
 *
 * API (all under /api; coordinators hold `pairing.solve`; a round belongs to the organization of
 * its jurisdiction, and only coordinators whose jurisdiction contains that organization may
 * create, edit, run or publish it — someone else's round is 404, a field naming an organization
 * outside one's jurisdiction is 400 naming the field):
 *
 * Organizations carry `flags` (软弱涣散 "weak", 经济薄弱 "poor"; `org.flags` in orgs.ts), set with
 * `PATCH /api/orgs/{id}` `{ flags }`: a round's default recipients are villages so flagged or with open needs.
 *
 * Rounds (结对轮次)
 * - `POST   /pairing-rounds` `createPairingRoundBody` `{ orgId, name, ...optional parameters }`
 *   → 201 `pairingRound` (every parameter has a default: see `defaultRoundParameters`).
 * - `GET    /pairing-rounds` `pairingRoundListQuery` → `{ items: pairingRound[], total }`.
 * - `GET    /pairing-rounds/{id}` → `pairingRound`.
 * - `PATCH  /pairing-rounds/{id}` `updatePairingRoundBody` (name, forms, weights, participants,
 *   capacities, demands, limits, period, goals) → `pairingRound`; 409 `pairingRound.published` once published.
 * - `POST   /pairing-rounds/{id}/copy` `copyPairingRoundBody` `{ name? }` → 201 `pairingRound`: a new draft with the
 *   same organization, parameters, locks and forbids (change its weights and run it: two runs side by side,
 *   or next year's round from this one's).
 * - `GET    /pairing-rounds/{id}/preview` → `pairingRoundPreview`: the recipients, helpers and the size
 *   of the candidate set the parameters give, before solving.
 * - `POST   /pairing-rounds/{id}/run` → 202 `{ jobId }`; follow it with `GET /api/jobs/{jobId}` (progress
 *   0–1 and a message); the finished job's `result` is `{ roundId, covered, assigned, score }`.
 * - `GET    /pairing-rounds/{id}/problem` → the round's `huzhu.pairing.v1` problem (ids `o<orgId>`), the one the
 *   last run solved (with the what-if edits since), or, before any run, the one a run would solve now.
 * - `GET    /pairing-rounds/{id}/result` → `pairingRoundResult`: the `huzhu.pairing-result.v1` document plus
 *   coverage figures, each pair's organizations, town, form, factors and explanation in words, and the
 *   uncovered recipients with why; 409 `pairingRound.notRun` before the first run.
 * - What-if edits (each re-solves at once from the previous optimum, through the solver's session, and
 *   answers the new `pairingRoundResult`; they are kept with the round, so a later run keeps them too):
 *   `POST /pairing-rounds/{id}/locks` and `POST /pairing-rounds/{id}/forbids` `pairingPairBody`
 *   `{ helperOrgId, recipientOrgId }`; `DELETE` the same paths with the same fields in the query string
 *   (`pairingPairQuery`) lifts them; `PUT /pairing-rounds/{id}/capacities` `{ orgId, capacity | null }`
 *   and `PUT /pairing-rounds/{id}/demands` `{ orgId, demand | null }` (null: back to the default).
 * - `POST   /pairing-rounds/{id}/publish` `publishPairingRoundBody` (optional) → 200 `publishPairingRoundResponse`:
 *   creates one active pairing per pair (origin: the round) and notifies both sides; their agreements (PDF,
 *   Chinese) are made by a job (`agreementsJobId`, ~0.1 s each), after which `hasAgreement` is true;
 *   409 `pairingRound.published` the second time, `pairingRound.notRun` before a run.
 *
 * Pairings (结对)
 * - `GET    /pairings` `pairingListQuery` → `{ items: pairing[], total }`: the pairings whose helper or
 *   recipient is in one's jurisdiction (secretaries and leaders see their own organizations').
 * - `GET    /pairings/{id}` → `pairingDetail` (with its history).
 * - `GET    /pairings/{id}/agreement` → `application/pdf` (结对帮扶协议书).
 * - `POST   /pairings` `createPairingBody` (by hand, a coordinator over both sides) → 201 `pairingDetail`.
 * - `POST   /pairings/members` `createMemberPairingBody` (党员结对, a coordinator over both members' organizations)
 *   → 201 `pairingDetail` with `helper` and `recipient` of type "member".
 * - `POST   /pairings/{id}/conclude` and `/dissolve` `endPairingBody` `{ reason }` → `pairingDetail`.
 *
 * Contact points and unit-contracts-village (领导联点、单位包村, F16) are pairings of another `kind`:
 * - `POST   /contact-points` `createContactPointBody` `{ leaderMemberId, orgId, startsOn, endsOn }` → 201
 *   `pairingDetail` (kind "contact_point": the leader's member record helps the village);
 *   `POST /pairings` with `kind: "unit_village"` is 单位包村.
 * - `POST   /pairings/{id}/visits` `recordVisitBody` `{ visitedOn, notes }` → 201 `pairingDetail` (its `visits`),
 *   by either side (help.write) or the coordinator.
 * - `POST   /pairings/{id}/demonstration` `setDemonstrationBody` `{ demonstration }` → `pairingDetail` (示范点,
 *   coordinators).
 */

/** 城联乡, 乡联乡, 城联城: the helper's and the recipient's area. */
export const pairingForms = ["urban_rural", "rural_rural", "urban_urban"] as const;
export const pairingForm = z.enum(pairingForms);
export type PairingForm = z.infer<typeof pairingForm>;

export const pairingStatuses = ["proposed", "active", "concluded", "dissolved"] as const;
export const pairingStatus = z.enum(pairingStatuses);
export type PairingStatus = z.infer<typeof pairingStatus>;

/** A pairing comes from a published round or is made by hand. */
export const pairingOrigins = ["round", "manual"] as const;
export const pairingOrigin = z.enum(pairingOrigins);

/** A pairing (结对), a leader's contact point (领导联点) or a unit contracting a village (单位包村). */
export const pairingKinds = ["pairing", "contact_point", "unit_village"] as const;
export const pairingKind = z.enum(pairingKinds);
export type PairingKind = z.infer<typeof pairingKind>;

/** Organization–organization or member–member (党员结对). */
export const pairingPartyTypes = ["org", "member"] as const;
export const pairingPartyType = z.enum(pairingPartyTypes);

export const pairingRoundStatuses = ["draft", "solved", "published"] as const;
export const pairingRoundStatus = z.enum(pairingRoundStatuses);
export type PairingRoundStatus = z.infer<typeof pairingRoundStatus>;

/** Who is a recipient by default: villages flagged weak or poor, or with open needs. */
export const recipientCriteria = ["weak", "poor", "open_needs"] as const;
export const recipientCriterion = z.enum(recipientCriteria);

/** Helpers by category; `strong_village`: a village flagged neither weak nor poor (乡联乡). */
export const helperCategories = [
  "urban_community",
  "government_organ",
  "state_enterprise",
  "private_enterprise",
  "school",
  "hospital",
  "social_organization",
  "strong_village",
] as const;
export const helperCategory = z.enum(helperCategories);
export type HelperCategory = z.infer<typeof helperCategory>;

/**
 * The score of a candidate pair is the weighted mean of six factors, each 0–1, scaled to 0–10000:
 * fit (the recipient's open needs against the helper's resources and category), proximity (steps
 * between the two in the division tree), priority (the recipient's flags), effectiveness (the
 * helper's past ratings), continuity (an active pairing of the two already), strength (the helper's
 * size). Weights are integers 0–10; at least one must be above 0.
 */
export const scoreFactorCodes = ["fit", "proximity", "priority", "effectiveness", "continuity", "strength"] as const;
export const scoreFactorCode = z.enum(scoreFactorCodes);
export type ScoreFactorCode = z.infer<typeof scoreFactorCode>;

export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 10;
const weight = z.number().int().min(WEIGHT_MIN).max(WEIGHT_MAX);
export const roundWeights = z
  .object({
    fit: weight,
    proximity: weight,
    priority: weight,
    effectiveness: weight,
    continuity: weight,
    strength: weight,
  })
  .strict()
  .refine((w) => Object.values(w).some((v) => v > 0), { message: "pairingRound.weightsAllZero" });
export type RoundWeights = z.infer<typeof roundWeights>;

const orgIds = z.array(z.number().int().positive()).max(5000);

export const roundRecipients = z
  .object({
    /** Recipients are the villages meeting any of these; empty: only `include`. */
    criteria: z.array(recipientCriterion).max(3),
    /** Organizations added by hand (any category). */
    include: orgIds,
    /** Organizations left out. */
    exclude: orgIds,
  })
  .strict();

export const roundHelpers = z
  .object({
    categories: z.array(helperCategory).max(8),
    include: orgIds,
    exclude: orgIds,
  })
  .strict();

export const capacityOverride = z
  .object({ orgId: z.number().int().positive(), capacity: z.number().int().min(1).max(50) })
  .strict();
export const demandOverride = z
  .object({ orgId: z.number().int().positive(), demand: z.number().int().min(1).max(10) })
  .strict();

export const roundLimits = z
  .object({
    /** A candidate's two organizations are at most this many steps apart in the tree. */
    maxHops: z.number().int().min(1).max(12),
    /** Each recipient keeps its best-scoring candidates only (keeps province-size problems small). */
    maxCandidatesPerRecipient: z.number().int().min(1).max(200),
    /** Candidates scoring below this are left out (0–10000). */
    minScore: z.number().int().min(0).max(10000),
    /** The most recipients any helper takes (caps the defaults from organization size). */
    maxCapacity: z.number().int().min(1).max(50),
  })
  .strict();

export const roundPairRef = z.object({ helperOrgId: z.number().int(), recipientOrgId: z.number().int() });

/** Everything a round is run with; all of it has defaults (`defaultRoundParameters`). */
export const roundParameters = z.object({
  forms: z.array(pairingForm).min(1).max(3),
  weights: roundWeights,
  recipients: roundRecipients,
  helpers: roundHelpers,
  capacities: z.array(capacityOverride).max(5000),
  demands: z.array(demandOverride).max(5000),
  limits: roundLimits,
  /** The pairings' period (default: from the publishing day, three years). */
  years: z.number().int().min(1).max(10),
  /** The pairings' goals, written into each agreement. */
  goals: humanText({ min: 0, max: 2000, multiline: true }),
});
export type RoundParameters = z.infer<typeof roundParameters>;

export const defaultRoundParameters: RoundParameters = {
  forms: ["urban_rural", "rural_rural", "urban_urban"],
  weights: { fit: 4, proximity: 3, priority: 3, effectiveness: 2, continuity: 2, strength: 1 },
  recipients: { criteria: ["weak", "poor", "open_needs"], include: [], exclude: [] },
  helpers: {
    categories: [
      "urban_community",
      "government_organ",
      "state_enterprise",
      "private_enterprise",
      "school",
      "hospital",
      "strong_village",
    ],
    include: [],
    exclude: [],
  },
  capacities: [],
  demands: [],
  limits: { maxHops: 4, maxCandidatesPerRecipient: 30, minScore: 0, maxCapacity: 3 },
  years: 3,
  goals: "",
};

const parameterFields = {
  forms: roundParameters.shape.forms.optional(),
  weights: roundWeights.optional(),
  recipients: roundRecipients.optional(),
  helpers: roundHelpers.optional(),
  capacities: roundParameters.shape.capacities.optional(),
  demands: roundParameters.shape.demands.optional(),
  limits: roundLimits.optional(),
  years: roundParameters.shape.years.optional(),
  goals: roundParameters.shape.goals.optional(),
};

export const createPairingRoundBody = z
  .object({
    /** The jurisdiction: an organization in the caller's (coordinator's) jurisdiction. */
    orgId: z.number().int().positive(),
    name: humanText({ max: 100 }),
    ...parameterFields,
  })
  .strict();
export type CreatePairingRoundBody = z.infer<typeof createPairingRoundBody>;

export const updatePairingRoundBody = z
  .object({ name: humanText({ max: 100 }).optional(), ...parameterFields })
  .strict();
export type UpdatePairingRoundBody = z.infer<typeof updatePairingRoundBody>;

export const copyPairingRoundBody = z.object({ name: humanText({ max: 100 }).optional() }).strict();
export type CopyPairingRoundBody = z.infer<typeof copyPairingRoundBody>;

export const pairingRoundListQuery = pageQuery
  .extend({
    orgId: z.coerce.number().int().positive().optional(),
    status: pairingRoundStatus.optional(),
  })
  .strict();
export type PairingRoundListQuery = z.infer<typeof pairingRoundListQuery>;

/** A what-if lock or forbid (POST body). */
export const pairingPairBody = z
  .object({ helperOrgId: z.number().int().positive(), recipientOrgId: z.number().int().positive() })
  .strict();
export type PairingPairBody = z.infer<typeof pairingPairBody>;
/** The same pair, to lift a lock or a forbid (DELETE query string). */
export const pairingPairQuery = z
  .object({
    helperOrgId: z.coerce.number().int().positive(),
    recipientOrgId: z.coerce.number().int().positive(),
  })
  .strict();

export const roundCapacityBody = z
  .object({ orgId: z.number().int().positive(), capacity: z.number().int().min(1).max(50).nullable() })
  .strict();
export type RoundCapacityBody = z.infer<typeof roundCapacityBody>;
export const roundDemandBody = z
  .object({ orgId: z.number().int().positive(), demand: z.number().int().min(1).max(10).nullable() })
  .strict();
export type RoundDemandBody = z.infer<typeof roundDemandBody>;

export const publishPairingRoundBody = z
  .object({
    /** The pairings' first day (default: today). */
    startsOn: isoDate.optional(),
  })
  .strict();
export type PublishPairingRoundBody = z.infer<typeof publishPairingRoundBody>;

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const roundSummary = z.object({
  recipients: z.number().int(),
  helpers: z.number().int(),
  candidates: z.number().int(),
  covered: z.number().int(),
  assigned: z.number().int(),
  score: z.number().int(),
});

export const pairingRound = z.object({
  id: z.number().int(),
  org: orgRef,
  name: z.string(),
  status: pairingRoundStatus,
  parameters: roundParameters,
  locks: z.array(roundPairRef),
  forbids: z.array(roundPairRef),
  /** The last run's figures (with the what-if edits since); null before the first run. */
  summary: roundSummary.nullable(),
  /** The last run's job (GET /api/jobs/{id}), while it is the owner's to follow. */
  lastJobId: z.string().nullable(),
  solvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), run: z.boolean(), publish: z.boolean() }),
});
export type PairingRound = z.infer<typeof pairingRound>;

/** An organization as a round shows it: its town (the grouping of the graph), category, area and flags. */
export const roundOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  category: z.string(),
  area: z.enum(["urban", "rural"]),
  town: orgRef.nullable(),
  flags: z.array(orgFlag),
});
export type RoundOrg = z.infer<typeof roundOrg>;

export const pairingRoundPreview = z.object({
  recipients: z.array(
    roundOrg.extend({ demand: z.number().int(), candidates: z.number().int(), openNeeds: z.number().int() }),
  ),
  helpers: z.array(roundOrg.extend({ capacity: z.number().int(), candidates: z.number().int() })),
  /** The candidate set's size, and by form. */
  candidates: z.number().int(),
  byForm: z.record(pairingForm, z.number().int()),
  /** Recipients no helper can reach under these parameters (they will be uncovered). */
  recipientsWithoutCandidates: z.number().int(),
  /** Whether the lists were cut (at 2,000 each); the counts are always whole. */
  truncated: z.boolean(),
});
export type PairingRoundPreview = z.infer<typeof pairingRoundPreview>;

/** One factor of a pair's score: its value 0–1 and its points (weight share of 10000). */
export const scoreFactor = z.object({
  code: scoreFactorCode,
  value: z.number(),
  points: z.number().int(),
  /** fit: open needs the helper's resources or category answer; proximity: steps in the tree; effectiveness: average rating. */
  matchedNeeds: z.number().int().optional(),
  hops: z.number().int().optional(),
  average: z.number().nullable().optional(),
});
export type ScoreFactor = z.infer<typeof scoreFactor>;

export const pairReasonCodes = ["locked", "only-candidate", "best-score", "better-helpers-full"] as const;
export const uncoveredReasonCodes = ["no-candidates", "all-candidates-forbidden", "helpers-full"] as const;

export const roundPair = z.object({
  helper: z.string(),
  recipient: z.string(),
  score: z.number().int(),
  helperOrg: roundOrg,
  recipientOrg: roundOrg,
  form: pairingForm,
  locked: z.boolean(),
  factors: z.array(scoreFactor),
  reasonCode: z.enum(pairReasonCodes),
  /** Why this pair, in the request's language (the factors and the solver's reason). */
  explanation: z.string(),
});
export type RoundPair = z.infer<typeof roundPair>;

export const roundUncovered = z.object({
  recipient: z.string(),
  recipientOrg: roundOrg,
  code: z.enum(uncoveredReasonCodes),
  candidates: z.number().int(),
  forbidden: z.number().int(),
  explanation: z.string(),
});
export type RoundUncovered = z.infer<typeof roundUncovered>;

/** `huzhu.pairing-result.v1` (covered, assigned, score, pairs) with the round's own fields beside it. */
export const pairingRoundResult = pairingResult.extend({
  roundId: z.number().int(),
  pairs: z.array(roundPair),
  uncovered: z.array(roundUncovered),
  coverage: z.object({
    recipients: z.number().int(),
    helpers: z.number().int(),
    helpersUsed: z.number().int(),
    candidates: z.number().int(),
    /** covered / recipients, 0–1 (1 when there are none). */
    rate: z.number(),
  }),
  locks: z.array(roundPairRef),
  forbids: z.array(roundPairRef),
  solvedAt: z.string(),
  /** Milliseconds of the last solve; `incremental` when it started from the previous optimum (a what-if). */
  solveMs: z.number(),
  incremental: z.boolean(),
});
export type PairingRoundResult = z.infer<typeof pairingRoundResult>;

export const publishPairingRoundResponse = z.object({
  roundId: z.number().int(),
  pairingIds: z.array(z.number().int()),
  /** The job making the new pairings' agreements (GET /api/jobs/{id}); null when none is new. */
  agreementsJobId: z.string().nullable(),
});
export type PublishPairingRoundResponse = z.infer<typeof publishPairingRoundResponse>;

// ---- pairings ----

export const pairingParty = z.object({ type: pairingPartyType, id: z.number().int(), name: z.string() });
export type PairingParty = z.infer<typeof pairingParty>;

export const pairing = z.object({
  id: z.number().int(),
  kind: pairingKind,
  /** A demonstration site (示范点). */
  demonstration: z.boolean(),
  helper: pairingParty,
  recipient: pairingParty,
  form: pairingForm,
  status: pairingStatus,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  goals: z.string().nullable(),
  endReason: z.string().nullable(),
  origin: pairingOrigin,
  roundId: z.number().int().nullable(),
  /** GET /api/pairings/{id}/agreement answers the PDF. */
  hasAgreement: z.boolean(),
  createdAt: z.string(),
  abilities: z.object({
    conclude: z.boolean(),
    dissolve: z.boolean(),
    recordVisit: z.boolean(),
    demonstrate: z.boolean(),
  }),
});
export type Pairing = z.infer<typeof pairing>;

export const pairingEvent = z.object({
  at: z.string(),
  /** created, activated, concluded, dissolved */
  event: z.string(),
  status: pairingStatus,
  reason: z.string().nullable(),
  roundId: z.number().int().nullable(),
});

export const pairingVisit = z.object({
  id: z.number().int(),
  visitedOn: z.string(),
  notes: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});

/** A pairing lapses (its rhythm) after this many days without a joint activity (a quarter): 常态化. */
export const PAIRING_LAPSE_DAYS = 90;

/**
 * The rhythm of a pairing: its last joint activity (a visit recorded on the pairing, or an activity
 * of a help project the two sides run together, since the pairing began), the days since it (or
 * since the start, while there is none), and whether an active pairing lapsed (more than
 * `PAIRING_LAPSE_DAYS` days without one).
 */
export const pairingRhythm = z.object({
  lastActivityOn: z.string().nullable(),
  daysSinceLastActivity: z.number().int().nullable(),
  /** Days since the start when there has been no activity yet (null before the start). */
  daysSinceStart: z.number().int().nullable(),
  lapsed: z.boolean(),
  lapseAfterDays: z.number().int(),
});
export type PairingRhythm = z.infer<typeof pairingRhythm>;

/** A help project the two organizations run together (helper on the helper side, recipient on the recipient side), with its need. */
export const pairingLinkedProject = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  need: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  lastActivityOn: z.string().nullable(),
});
export type PairingLinkedProject = z.infer<typeof pairingLinkedProject>;

export const pairingDetail = pairing.extend({
  history: z.array(pairingEvent),
  visits: z.array(pairingVisit),
  rhythm: pairingRhythm,
  projects: z.array(pairingLinkedProject),
});
export type PairingDetail = z.infer<typeof pairingDetail>;

export const pairingListQuery = pageQuery
  .extend({
    /** Pairings with this organization on either side. */
    orgId: z.coerce.number().int().positive().optional(),
    status: pairingStatus.optional(),
    roundId: z.coerce.number().int().positive().optional(),
    kind: pairingKind.optional(),
  })
  .strict();
export type PairingListQuery = z.infer<typeof pairingListQuery>;

export const createPairingBody = z
  .object({
    helperOrgId: z.number().int().positive(),
    recipientOrgId: z.number().int().positive(),
    form: pairingForm.optional(),
    /** 单位包村 when "unit_village"; a pairing by default. */
    kind: z.enum(["pairing", "unit_village"]).optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    goals: humanText({ min: 0, max: 2000, multiline: true }).optional(),
  })
  .strict();
export type CreatePairingBody = z.infer<typeof createPairingBody>;

/** 党员结对: a member helps a member (a city member and a village member in difficulty, say). */
export const createMemberPairingBody = z
  .object({
    helperMemberId: z.number().int().positive(),
    recipientMemberId: z.number().int().positive(),
    form: pairingForm.optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    goals: humanText({ min: 0, max: 2000, multiline: true }).optional(),
  })
  .strict();
export type CreateMemberPairingBody = z.infer<typeof createMemberPairingBody>;

export const createContactPointBody = z
  .object({
    /** The leader's own member record (a leading cadre is a party member). */
    leaderMemberId: z.number().int().positive(),
    /** The village (or community) that is the contact point. */
    orgId: z.number().int().positive(),
    startsOn: isoDate,
    endsOn: isoDate,
    goals: humanText({ min: 0, max: 2000, multiline: true }).optional(),
    demonstration: z.boolean().optional(),
  })
  .strict();
export type CreateContactPointBody = z.infer<typeof createContactPointBody>;

export const recordVisitBody = z
  .object({ visitedOn: isoDate, notes: humanText({ max: 2000, multiline: true }) })
  .strict();
export type RecordVisitBody = z.infer<typeof recordVisitBody>;

export const setDemonstrationBody = z.object({ demonstration: z.boolean() }).strict();
export type SetDemonstrationBody = z.infer<typeof setDemonstrationBody>;

export const endPairingBody = z.object({ reason: humanText({ min: 2, max: 500, multiline: true }) }).strict();
export type EndPairingBody = z.infer<typeof endPairingBody>;
