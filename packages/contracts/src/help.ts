import { z } from "zod";
import { attachment } from "./attachments.ts";
import { humanText, isoDate, pageQuery, totalUpTo } from "./common.ts";

/**
 * Mutual help (issue 8, F5–F8): needs (需求清单), resources (资源清单), two-way claims (双向认领)
 * and the help projects they become (项目清单), with activities and contributions. Money is
 * integer fen; either side of a project may give (two-way).
 */

/** 找差距理思路定措施, 筹资金, 谋发展, 建班子, 建阵地, 建制度, 发展经济, 改善民生, 扶贫帮困, 培训, 其他 */
export const needCategories = [
  "diagnosis",
  "funds",
  "development",
  "leadership",
  "venue",
  "institutions",
  "economy",
  "livelihood",
  "poverty_relief",
  "training",
  "other",
] as const;
export const needCategory = z.enum(needCategories);
export type NeedCategory = z.infer<typeof needCategory>;

/** 阵地, 历练作风的基层阵地, 农产品, 文化, 培训, 专业人才, 资金, 志愿者, 设备, 其他 */
export const resourceCategories = [
  "venue",
  "practice_base",
  "produce",
  "culture",
  "training",
  "expertise",
  "funds",
  "volunteers",
  "equipment",
  "other",
] as const;
export const resourceCategory = z.enum(resourceCategories);
export type ResourceCategory = z.infer<typeof resourceCategory>;

export const urgencies = ["low", "normal", "high", "urgent"] as const;
export const urgency = z.enum(urgencies);

/**
 * Who sees a need or a resource beyond its own organization's superiors: only them
 * (`superiors`), also the organization's partners (`partners`), or every organization of the
 * county or city it belongs to (`region`, 全县/全市).
 */
export const visibilities = ["superiors", "partners", "region"] as const;
export const visibility = z.enum(visibilities);
export type Visibility = z.infer<typeof visibility>;

export const needStatuses = [
  "draft",
  "open",
  "claimed",
  "in_progress",
  "delivered",
  "confirmed",
  "closed",
  "withdrawn",
  "expired",
] as const;
export const needStatus = z.enum(needStatuses);
export type NeedStatus = z.infer<typeof needStatus>;

export const resourceStatuses = ["active", "withdrawn"] as const;
export const resourceStatus = z.enum(resourceStatuses);

/** offer: a helper claims a need; request: a recipient asks for a resource; assign: the common superior decides. */
export const claimDirections = ["offer", "request", "assign"] as const;
export const claimDirection = z.enum(claimDirections);
export const claimStatuses = ["pending", "accepted", "declined", "withdrawn"] as const;
export const claimStatus = z.enum(claimStatuses);

export const projectStatuses = ["active", "completed", "cancelled"] as const;
export const projectStatus = z.enum(projectStatuses);

/** 主题党日, 培训, 走访, 投资, 消费帮扶采购, 志愿服务, 其他 */
export const activityTypes = [
  "theme_day",
  "training",
  "visit",
  "investment",
  "purchase",
  "volunteer_service",
  "other",
] as const;
export const activityType = z.enum(activityTypes);

export const contributionKinds = ["money", "goods", "volunteer_hours", "cadre_days"] as const;
export const contributionKind = z.enum(contributionKinds);
export const contributionStatuses = ["recorded", "confirmed"] as const;
export const contributionStatus = z.enum(contributionStatuses);

/** Amounts in fen: whole numbers, at most 10^13 fen (a hundred billion yuan), exact in a double. */
const fen = z.number().int().min(0).max(10_000_000_000_000);
/** Hours with at most two decimals (a volunteer's half hour). */
const hours = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((h) => Math.round(h * 100) === h * 100, { message: "hours.precision" });

const RRULE_FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
const RRULE_DAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * Reads the part of an RFC 5545 RRULE a help project's plan uses (e.g. `FREQ=MONTHLY;INTERVAL=3`,
 * a joint theme day each quarter): FREQ (required), INTERVAL, COUNT or UNTIL, BYDAY, BYMONTHDAY,
 * BYMONTH, WKST. Anything else, a repeated part or a bad value is refused: the plan is shown to
 * people and its rhythm measured, so it must mean one thing. Answers null when it is not valid.
 */
export function parsePlanRule(rule: string): { freq: (typeof RRULE_FREQS)[number]; interval: number } | null {
  const parts = rule.split(";");
  const seen = new Map<string, string>();
  for (const part of parts) {
    const [key, value, ...rest] = part.split("=");
    if (!key || value === undefined || value === "" || rest.length || seen.has(key)) return null;
    seen.set(key, value);
  }
  const freq = seen.get("FREQ") as (typeof RRULE_FREQS)[number] | undefined;
  if (!freq || !RRULE_FREQS.includes(freq)) return null;
  const int = (v: string | undefined, min: number, max: number) =>
    v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max);
  const list = (v: string | undefined, ok: (item: string) => boolean) => v === undefined || v.split(",").every(ok);
  for (const key of seen.keys()) {
    if (!["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST"].includes(key)) return null;
  }
  if (seen.has("COUNT") && seen.has("UNTIL")) return null;
  const valid =
    int(seen.get("INTERVAL"), 1, 366) &&
    int(seen.get("COUNT"), 1, 1000) &&
    (seen.get("UNTIL") === undefined || /^\d{8}(T\d{6}Z?)?$/.test(seen.get("UNTIL") ?? "")) &&
    list(seen.get("BYDAY"), (d) => RRULE_DAY.test(d)) &&
    list(
      seen.get("BYMONTHDAY"),
      (d) => /^-?\d{1,2}$/.test(d) && Math.abs(Number(d)) >= 1 && Math.abs(Number(d)) <= 31,
    ) &&
    list(seen.get("BYMONTH"), (m) => /^\d{1,2}$/.test(m) && Number(m) >= 1 && Number(m) <= 12) &&
    (seen.get("WKST") === undefined || /^(MO|TU|WE|TH|FR|SA|SU)$/.test(seen.get("WKST") ?? ""));
  return valid ? { freq, interval: Number(seen.get("INTERVAL") ?? 1) } : null;
}

/** The longest a plan's period can be, in days (a month as 31, a year as 366): the rhythm lapses after it. */
export function planPeriodDays(rule: string | null): number | null {
  const plan = rule ? parsePlanRule(rule) : null;
  if (!plan) return null;
  return { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 }[plan.freq] * plan.interval;
}

export const planRule = z
  .string()
  .max(200)
  .refine((r) => parsePlanRule(r) !== null, { message: "plan.invalidRule" });

const orgRef = z.object({ id: z.number().int(), name: z.string() });

// ---- needs ----

const needFields = {
  category: needCategory,
  title: humanText({ max: 100 }),
  description: humanText({ max: 5000, multiline: true }),
  expectedOutcome: humanText({ min: 0, max: 2000, multiline: true }).nullable().optional(),
  budgetFen: fen.nullable().optional(),
  deadline: isoDate.nullable().optional(),
  urgency: urgency.optional(),
  visibility,
  /** Photos and documents uploaded first (POST /api/attachments), linked to the need. */
  attachmentIds: z.array(z.uuid()).max(20).optional(),
};

export const createNeedBody = z
  .object({
    orgId: z.number().int().positive(),
    ...needFields,
    /** Save without publishing; by default a new need is open at once. */
    draft: z.boolean().optional(),
  })
  .strict();
export type CreateNeedBody = z.infer<typeof createNeedBody>;

export const updateNeedBody = z.object(needFields).partial().strict();
export type UpdateNeedBody = z.infer<typeof updateNeedBody>;

export const confirmNeedBody = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: humanText({ min: 0, max: 1000, multiline: true }).optional(),
  })
  .strict();
export type ConfirmNeedBody = z.infer<typeof confirmNeedBody>;

/** Filters shared by the lists of needs and resources. */
const listFilters = {
  /** Keyword search over titles and descriptions. */
  q: humanText({ min: 0, max: 50 }).optional(),
  /** One organization's own records. */
  orgId: z.coerce.number().int().positive().optional(),
  /** The records of an organization and everything under it (a town's villages), one the caller reads. */
  within: z.coerce.number().int().positive().optional(),
};

export const needListQuery = pageQuery
  .extend({
    ...listFilters,
    category: needCategory.optional(),
    status: needStatus.optional(),
    urgency: urgency.optional(),
    /**
     * The order of a keyword list: the most relevant first (the default), or newest first, which
     * the 需求大厅 asks for — a page of the newest hits stops at its 20th row instead of ranking
     * every hit in the region (bench/README.md, 需求大厅).
     */
    sort: z.enum(["relevance", "newest"]).optional(),
    /** Count at most this many (the hall: 1,000); the answer's `totalCapped` says whether it stopped. */
    totalUpTo: totalUpTo.optional(),
  })
  .strict();
export type NeedListQuery = z.infer<typeof needListQuery>;

export const need = z.object({
  id: z.number().int(),
  org: orgRef,
  category: needCategory,
  title: z.string(),
  description: z.string(),
  expectedOutcome: z.string().nullable(),
  budgetFen: z.number().int().nullable(),
  deadline: z.string().nullable(),
  urgency,
  visibility,
  status: needStatus,
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  projectId: z.number().int().nullable(),
  attachmentIds: z.array(z.string()),
  /** The same files with their names and types: photos are shown, documents are links. */
  attachments: z.array(attachment),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    update: z.boolean(),
    publish: z.boolean(),
    withdraw: z.boolean(),
    claim: z.boolean(),
    assign: z.boolean(),
    start: z.boolean(),
    deliver: z.boolean(),
    confirm: z.boolean(),
    close: z.boolean(),
  }),
});
export type Need = z.infer<typeof need>;

// ---- claims ----

export const claimNeedBody = z
  .object({
    /** The helper organization that offers to help (one the caller acts for). */
    orgId: z.number().int().positive(),
    message: humanText({ min: 0, max: 1000, multiline: true }).optional(),
  })
  .strict();
export type ClaimNeedBody = z.infer<typeof claimNeedBody>;

export const requestResourceBody = z
  .object({
    /** The recipient organization that asks for the resource (one the caller acts for). */
    orgId: z.number().int().positive(),
    message: humanText({ min: 0, max: 1000, multiline: true }).optional(),
  })
  .strict();
export type RequestResourceBody = z.infer<typeof requestResourceBody>;

export const declineClaimBody = z.object({ reason: humanText({ min: 2, max: 500, multiline: true }) }).strict();
export type DeclineClaimBody = z.infer<typeof declineClaimBody>;

export const claim = z.object({
  id: z.number().int(),
  needId: z.number().int().nullable(),
  resourceId: z.number().int().nullable(),
  /** The title of the need or resource the claim is about, so a list of claims says what each is for. */
  subjectTitle: z.string(),
  direction: claimDirection,
  helperOrg: orgRef,
  recipientOrg: orgRef,
  message: z.string().nullable(),
  status: claimStatus,
  declineReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  projectId: z.number().int().nullable(),
  createdAt: z.string(),
  abilities: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() }),
});
export type Claim = z.infer<typeof claim>;

export const claimListQuery = pageQuery
  .extend({
    needId: z.coerce.number().int().positive().optional(),
    resourceId: z.coerce.number().int().positive().optional(),
    status: claimStatus.optional(),
  })
  .strict();
export type ClaimListQuery = z.infer<typeof claimListQuery>;

export const acceptClaimResponse = z.object({ projectId: z.number().int() });

// ---- resources ----

const resourceFields = {
  category: resourceCategory,
  title: humanText({ max: 100 }),
  description: humanText({ max: 5000, multiline: true }),
  capacity: humanText({ min: 0, max: 200 }).nullable().optional(),
  availableFrom: isoDate.nullable().optional(),
  availableTo: isoDate.nullable().optional(),
  conditions: humanText({ min: 0, max: 2000, multiline: true }).nullable().optional(),
  visibility,
};

export const createResourceBody = z.object({ orgId: z.number().int().positive(), ...resourceFields }).strict();
export type CreateResourceBody = z.infer<typeof createResourceBody>;

export const updateResourceBody = z.object(resourceFields).partial().strict();
export type UpdateResourceBody = z.infer<typeof updateResourceBody>;

export const resourceListQuery = pageQuery
  .extend({ ...listFilters, category: resourceCategory.optional(), status: resourceStatus.optional() })
  .strict();
export type ResourceListQuery = z.infer<typeof resourceListQuery>;

export const resource = z.object({
  id: z.number().int(),
  org: orgRef,
  category: resourceCategory,
  title: z.string(),
  description: z.string(),
  capacity: z.string().nullable(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  conditions: z.string().nullable(),
  visibility,
  status: resourceStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), withdraw: z.boolean(), request: z.boolean() }),
});
export type Resource = z.infer<typeof resource>;

// ---- projects ----

export const projectListQuery = pageQuery
  .extend({
    q: humanText({ min: 0, max: 50 }).optional(),
    orgId: z.coerce.number().int().positive().optional(),
    status: projectStatus.optional(),
  })
  .strict();
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export const updateProjectBody = z
  .object({
    title: humanText({ max: 100 }).optional(),
    goals: humanText({ min: 0, max: 5000, multiline: true }).nullable().optional(),
    planRule: planRule.nullable().optional(),
  })
  .strict();
export type UpdateProjectBody = z.infer<typeof updateProjectBody>;

/** How a party ends a project early: cancelled (the default), or concluded as done (`completed`). */
export const projectEndings = ["cancelled", "completed"] as const;

/**
 * Ending a help project (POST /api/projects/{id}/cancel): by one of its parties, with the reason the
 * other parties are shown. Concluding (`completed`) is for a project of its own (a resource's); a
 * need's project is completed by its need's lifecycle.
 */
export const cancelProjectBody = z
  .object({
    reason: humanText({ min: 2, max: 200, multiline: true }),
    outcome: z.enum(projectEndings).optional(),
  })
  .strict();
export type CancelProjectBody = z.infer<typeof cancelProjectBody>;

export const recordActivityBody = z
  .object({
    occurredOn: isoDate,
    type: activityType,
    description: humanText({ max: 2000, multiline: true }),
    participants: z.number().int().min(0).max(100_000).optional(),
    hours: hours.optional(),
    /** The party that records it (one the caller acts for). */
    orgId: z.number().int().positive(),
    /** Photos uploaded first (POST /api/attachments); photos only. */
    photoIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();
export type RecordActivityBody = z.infer<typeof recordActivityBody>;

export const recordContributionBody = z
  .object({
    /** The giving party (one the caller acts for) and the receiving one: either side may give. */
    giverOrgId: z.number().int().positive(),
    receiverOrgId: z.number().int().positive(),
    kind: contributionKind,
    /** Money, in fen. */
    amountFen: fen.optional(),
    /** The value of goods, in fen. */
    valueFen: fen.optional(),
    /** Volunteer hours, or cadre days as hours of 8. */
    hours: hours.optional(),
    description: humanText({ min: 0, max: 1000, multiline: true }).optional(),
  })
  .strict();
export type RecordContributionBody = z.infer<typeof recordContributionBody>;

export const activity = z.object({
  id: z.number().int(),
  occurredOn: z.string(),
  type: activityType,
  description: z.string(),
  participants: z.number().int().nullable(),
  hours: z.number().nullable(),
  recordedBy: orgRef,
  photoIds: z.array(z.string()),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof activity>;

export const contribution = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  giverOrg: orgRef,
  receiverOrg: orgRef,
  kind: contributionKind,
  amountFen: z.number().int().nullable(),
  valueFen: z.number().int().nullable(),
  hours: z.number().nullable(),
  description: z.string().nullable(),
  status: contributionStatus,
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ confirm: z.boolean() }),
});
export type Contribution = z.infer<typeof contribution>;

export const project = z.object({
  id: z.number().int(),
  title: z.string(),
  needId: z.number().int().nullable(),
  status: projectStatus,
  goals: z.string().nullable(),
  planRule: z.string().nullable(),
  startedOn: z.string(),
  helpers: z.array(orgRef),
  recipients: z.array(orgRef),
  /** The rhythm: the last joint activity, days since, and whether the plan lapsed (more than one period without one). */
  lastActivityOn: z.string().nullable(),
  daysSinceLastActivity: z.number().int().nullable(),
  planLapsed: z.boolean(),
  /** When and why it ended (cancelled or concluded by a party; a need's project ends with its need, with no reason). */
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({
    update: z.boolean(),
    recordActivity: z.boolean(),
    recordContribution: z.boolean(),
    cancel: z.boolean(),
  }),
});
export type Project = z.infer<typeof project>;

export const projectDetail = project.extend({
  activities: z.array(activity),
  contributions: z.array(contribution),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

// ---- suggestions (issue 8, item 5) ----

/**
 * Why a candidate ranks where it does, as codes and numbers the web translates (the server also
 * renders `reason`, one line in the request's language). `points` is the factor's share of the score.
 * category: the candidate's category fits the need's (`match`); distance: `hops` between the two
 * organizations in the division tree; availability: the resource is offered in the need's period;
 * rating: the helper's past ratings (`average` of `count` confirmed needs, null when none); load:
 * the helper's `activeProjects`; urgency: the need's urgency.
 */
export const suggestionFactorCodes = ["category", "distance", "availability", "rating", "load", "urgency"] as const;
export const suggestionFactor = z.object({
  code: z.enum(suggestionFactorCodes),
  points: z.number(),
  match: z.boolean().optional(),
  hops: z.number().int().nullable().optional(),
  available: z.boolean().optional(),
  average: z.number().nullable().optional(),
  count: z.number().int().optional(),
  activeProjects: z.number().int().optional(),
  urgency: urgency.optional(),
});
export type SuggestionFactor = z.infer<typeof suggestionFactor>;

export const suggestion = z.object({
  /** What is suggested: a helper organization, a resource, or a need (for a resource). */
  kind: z.enum(["organization", "resource", "need"]),
  id: z.number().int(),
  /** The organization's name, the resource's or the need's title. */
  title: z.string(),
  /** The organization (itself, or the one offering the resource or in need). */
  org: orgRef,
  /** The candidate's category: an organization's, a resource's or a need's. */
  category: z.string(),
  score: z.number(),
  factors: z.array(suggestionFactor),
  reason: z.string(),
});
export type Suggestion = z.infer<typeof suggestion>;

export const needSuggestions = z.object({ organizations: z.array(suggestion), resources: z.array(suggestion) });
export type NeedSuggestions = z.infer<typeof needSuggestions>;
export const resourceSuggestions = z.object({ needs: z.array(suggestion) });
export type ResourceSuggestions = z.infer<typeof resourceSuggestions>;

// ---- export (issue 8, item 6) ----

/** The needs list's filters, without paging: what POST /api/needs/export writes into the workbook. */
export const needExportQuery = needListQuery.omit({ page: true, pageSize: true }).strict();
export type NeedExportQuery = z.infer<typeof needExportQuery>;
