import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";

/**
 * Care (issue 11, points 4 and 5): members in difficulty (生活困难党员) and volunteer teams
 * (党员志愿服务队) with the service requests they claim and complete.
 *
 * Hardship cases — sensitive personal information:
 * - `POST /hardship-cases` `createHardshipBody` → 201 `hardshipCase` (with its details), by the
 *   secretary of the member's primary organization or a coordinator above it (member.reveal);
 * - `GET /hardship-cases` `hardshipListQuery` → `{ items, total }` of `hardshipSummary`: no details;
 * - `GET /hardship-cases/{id}` → `hardshipCase`: the details, visits, help and follow-ups, decrypted
 *   for the reader and audited (`hardship.view`) on every read;
 * - `POST /hardship-cases/{id}/entries` `hardshipEntryBody` (a visit, help given, a follow-up);
 * - `POST /hardship-cases/{id}/close`.
 * The details and every entry's note are encrypted at rest (ENCRYPTED_COLUMNS).
 *
 * Volunteers:
 * - `GET/POST /volunteer-teams` (a team under an organization, its members and their skills);
 * - `GET/POST /service-requests` (from a member for themself, a village or a secretary);
 *   `POST /service-requests/{id}/claim` `{ teamId }`, `/complete` `{ hours: [{ memberId, hours }] }`,
 *   `/feedback` `{ rating, comment }` from the requesting side;
 * - `GET /volunteer-hours` → the caller's own hours ledger.
 */
export const hardshipCategories = [
  "illness",
  "disability",
  "elderly_alone",
  "disaster",
  "low_income",
  "unemployment",
  "other",
] as const;
export const hardshipCategory = z.enum(hardshipCategories);
export type HardshipCategory = z.infer<typeof hardshipCategory>;

export const hardshipStatuses = ["open", "closed"] as const;
export const hardshipStatus = z.enum(hardshipStatuses);
export type HardshipStatus = z.infer<typeof hardshipStatus>;

export const hardshipEntryKinds = ["visit", "help", "follow_up"] as const;
export const hardshipEntryKind = z.enum(hardshipEntryKinds);
export type HardshipEntryKind = z.infer<typeof hardshipEntryKind>;

export const createHardshipBody = z
  .object({
    memberId: z.number().int().positive(),
    category: hardshipCategory,
    details: humanText({ max: 2000, multiline: true }),
  })
  .strict();
export type CreateHardshipBody = z.infer<typeof createHardshipBody>;

export const hardshipEntryBody = z
  .object({
    kind: hardshipEntryKind,
    occurredOn: isoDate,
    note: humanText({ max: 1000, multiline: true }),
    /** Help given: by whom (a person or an organization). */
    givenBy: humanText({ max: 100 }).optional(),
    /** Help given: its value in fen (分). */
    valueFen: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict();
export type HardshipEntryBody = z.infer<typeof hardshipEntryBody>;

export const hardshipListQuery = pageQuery
  .extend({ status: hardshipStatus.optional(), category: hardshipCategory.optional() })
  .strict();
export type HardshipListQuery = z.infer<typeof hardshipListQuery>;

const named = z.object({ id: z.number().int(), name: z.string() });

export const hardshipSummary = z.object({
  id: z.number().int(),
  member: named,
  org: named,
  category: hardshipCategory,
  status: hardshipStatus,
  entries: z.number().int(),
  createdAt: z.string(),
});
export type HardshipSummary = z.infer<typeof hardshipSummary>;

export const hardshipEntry = z.object({
  id: z.number().int(),
  kind: hardshipEntryKind,
  occurredOn: z.string(),
  note: z.string(),
  givenBy: z.string().nullable(),
  valueFen: z.number().int().nullable(),
  by: z.string(),
  createdAt: z.string(),
});
export type HardshipEntry = z.infer<typeof hardshipEntry>;

export const hardshipCase = hardshipSummary.extend({
  details: z.string(),
  closedAt: z.string().nullable(),
  entryList: z.array(hardshipEntry),
  abilities: z.object({ record: z.boolean(), close: z.boolean() }),
});
export type HardshipCase = z.infer<typeof hardshipCase>;

// ——— Volunteer teams and service requests ———

export const createVolunteerTeamBody = z
  .object({
    orgId: z.number().int().positive(),
    name: humanText({ max: 100 }),
    description: humanText({ max: 1000, multiline: true }).optional(),
    members: z
      .array(z.object({ memberId: z.number().int().positive(), skills: humanText({ max: 200 }).optional() }).strict())
      .max(200)
      .default([]),
  })
  .strict();
export type CreateVolunteerTeamBody = z.input<typeof createVolunteerTeamBody>;

export const volunteerTeamListQuery = pageQuery
  .extend({ orgId: z.coerce.number().int().positive().optional() })
  .strict();
export type VolunteerTeamListQuery = z.infer<typeof volunteerTeamListQuery>;

export const volunteerTeam = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  org: named,
  members: z.array(
    z.object({ id: z.number().int(), name: z.string(), skills: z.string().nullable(), hours: z.number() }),
  ),
  createdAt: z.string(),
  abilities: z.object({ manage: z.boolean() }),
});
export type VolunteerTeam = z.infer<typeof volunteerTeam>;

export const serviceRequestStatuses = ["open", "claimed", "completed", "cancelled"] as const;
export const serviceRequestStatus = z.enum(serviceRequestStatuses);
export type ServiceRequestStatus = z.infer<typeof serviceRequestStatus>;

export const createServiceRequestBody = z
  .object({
    /** The requesting organization (a village, a branch); defaults to the member's own organization. */
    orgId: z.number().int().positive().optional(),
    /** The member to be helped (a member may ask for themself). */
    memberId: z.number().int().positive().optional(),
    title: humanText({ max: 100 }),
    description: humanText({ max: 1000, multiline: true }),
  })
  .strict();
export type CreateServiceRequestBody = z.infer<typeof createServiceRequestBody>;

export const serviceRequestListQuery = pageQuery
  .extend({ status: serviceRequestStatus.optional(), mine: z.enum(["true", "false"]).optional() })
  .strict();
export type ServiceRequestListQuery = z.infer<typeof serviceRequestListQuery>;

export const claimServiceRequestBody = z.object({ teamId: z.number().int().positive() }).strict();
export type ClaimServiceRequestBody = z.infer<typeof claimServiceRequestBody>;

export const completeServiceRequestBody = z
  .object({
    servedOn: isoDate,
    hours: z
      .array(
        z
          .object({
            memberId: z.number().int().positive(),
            /** Hours served, in halves of an hour. */
            hours: z
              .number()
              .positive()
              .max(24)
              .refine((h) => Number.isInteger(h * 2), { message: "hours.halves" }),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type CompleteServiceRequestBody = z.infer<typeof completeServiceRequestBody>;

export const serviceFeedbackBody = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: humanText({ max: 500, multiline: true }).optional(),
  })
  .strict();
export type ServiceFeedbackBody = z.infer<typeof serviceFeedbackBody>;

export const serviceRequest = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: serviceRequestStatus,
  org: named,
  member: named.nullable(),
  team: named.nullable(),
  hours: z.array(z.object({ memberId: z.number().int(), name: z.string(), hours: z.number() })),
  servedOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ claim: z.boolean(), complete: z.boolean(), feedback: z.boolean() }),
});
export type ServiceRequest = z.infer<typeof serviceRequest>;

export const volunteerHoursEntry = z.object({
  requestId: z.number().int(),
  title: z.string(),
  team: z.string(),
  servedOn: z.string(),
  hours: z.number(),
});
export const volunteerHours = z.object({ total: z.number(), entries: z.array(volunteerHoursEntry) });
export type VolunteerHours = z.infer<typeof volunteerHours>;

// ——— Secondments (城乡干部双向交流) ———

/**
 * Secondments (issue 11, point 6): rural cadres shadow-learning in organs, communities and
 * enterprises (跟班学习) and urban cadres stationed in villages (驻村干部, 第一书记).
 * - `POST /secondments` `createSecondmentBody` → 201 `secondment`, by whoever manages the member
 *   (member.write over the member's organization, the home side);
 * - `GET /secondments` → `{ items, total }`; `GET /secondments/{id}`;
 * - `POST /secondments/{id}/logs` `secondmentLogBody`, by either side (help.write);
 * - `POST /secondments/{id}/evaluate` `secondmentEvaluationBody`: each side's evaluation, once.
 */
export const secondmentKinds = ["shadow_learning", "village_stationed", "first_secretary"] as const;
export const secondmentKind = z.enum(secondmentKinds);
export type SecondmentKind = z.infer<typeof secondmentKind>;
export const secondmentSides = ["home", "host"] as const;
export const secondmentSide = z.enum(secondmentSides);
export type SecondmentSide = z.infer<typeof secondmentSide>;

export const createSecondmentBody = z
  .object({
    memberId: z.number().int().positive(),
    hostOrgId: z.number().int().positive(),
    kind: secondmentKind,
    startsOn: isoDate,
    endsOn: isoDate,
    plan: humanText({ max: 2000, multiline: true }),
  })
  .strict();
export type CreateSecondmentBody = z.infer<typeof createSecondmentBody>;

export const secondmentListQuery = pageQuery.extend({ kind: secondmentKind.optional() }).strict();
export type SecondmentListQuery = z.infer<typeof secondmentListQuery>;

export const secondmentLogBody = z
  .object({ loggedOn: isoDate, content: humanText({ max: 1000, multiline: true }) })
  .strict();
export type SecondmentLogBody = z.infer<typeof secondmentLogBody>;

export const secondmentEvaluationBody = z
  .object({
    side: secondmentSide,
    rating: z.number().int().min(1).max(5),
    comment: humanText({ max: 1000, multiline: true }),
  })
  .strict();
export type SecondmentEvaluationBody = z.infer<typeof secondmentEvaluationBody>;

const evaluation = z
  .object({ rating: z.number().int(), comment: z.string(), by: z.string(), at: z.string() })
  .nullable();

export const secondment = z.object({
  id: z.number().int(),
  kind: secondmentKind,
  member: named,
  homeOrg: named,
  hostOrg: named,
  startsOn: z.string(),
  endsOn: z.string(),
  plan: z.string(),
  logs: z.array(z.object({ id: z.number().int(), loggedOn: z.string(), content: z.string(), by: z.string() })),
  evaluations: z.object({ home: evaluation, host: evaluation }),
  createdAt: z.string(),
  abilities: z.object({ log: z.boolean(), evaluate: z.boolean() }),
});
export type Secondment = z.infer<typeof secondment>;
