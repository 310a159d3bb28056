import { z } from "zod";
import { humanText, isoDate, locales, pageQuery } from "./common.ts";

/**
 * Every action the audit log records. One enum, so that the server cannot record an action the
 * auditor's page has no label for: `auditLabels` (audit-labels.ts) must name each one in every
 * language, and the type checker says so when one is missing.
 */
export const auditActions = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.second_factor",
  "auth.password_change",
  "auth.second_factor_setup",
  "auth.second_factor_enable",
  "auth.second_factor_disable",
  "auth.recovery_codes",
  "org.create",
  "org.update",
  "org.move",
  "org.dissolve",
  "member.list",
  "member.read",
  "member.create",
  "member.update",
  "member.reveal",
  "member.export",
  "user.create",
  "user.update",
  "user.reset_request",
  "user.reset_approve",
  "user.reset_reject",
  "role.assign",
  "role.withdraw",
  "alert.acknowledge",
  "audit.read",
  "audit.export",
  "audit.chain_start",
  "keys.rotate",
  "pairing.solve",
  "job.download",
  "job.cancel",
  "attachment.upload",
  "notification.read",
  "demo.load",
  "need.create",
  "need.update",
  "need.publish",
  "need.withdraw",
  "need.assign",
  "need.start",
  "need.deliver",
  "need.confirm",
  "need.close",
  "need.expire",
  "need.export",
  "resource.create",
  "resource.update",
  "resource.withdraw",
  "claim.create",
  "claim.request",
  "claim.accept",
  "claim.decline",
  "claim.withdraw",
  "project.update",
  "project.cancel",
  "activity.record",
  "contribution.record",
  "contribution.confirm",
  "venue.create",
  "venue.update",
  "booking.create",
  "booking.approve",
  "booking.decline",
  "booking.cancel",
  "booking.checkIn",
  "course.create",
  "course.update",
  "course.assign",
  "course.study",
  "pairing_round.create",
  "pairing_round.update",
  "pairing_round.run",
  "pairing_round.edit",
  "pairing_round.publish",
  "pairing.create",
  "pairing.conclude",
  "pairing.dissolve",
  "pairing.visit",
  "pairing.demonstrate",
  "jointBranch.create",
  "transfer.list",
  "transfer.read",
  "transfer.request",
  "transfer.accept",
  "transfer.reject",
  "transfer.cancel",
  "mobileMember.list",
  "mobileMember.read",
  "mobileMember.register",
  "mobileMember.receive",
  "mobileMember.contact",
  "mobileMember.activity",
  "mobileMember.close",
  "mobileMember.extensionBranch",
  "registration.list",
  "registration.create",
  "registration.takePost",
  "registration.hours",
  "servicePost.create",
  "hardship.list",
  "hardship.view",
  "hardship.create",
  "hardship.record",
  "hardship.close",
  "volunteerTeam.create",
  "serviceRequest.list",
  "serviceRequest.read",
  "serviceRequest.create",
  "serviceRequest.claim",
  "serviceRequest.complete",
  "serviceRequest.feedback",
  "secondment.list",
  "secondment.read",
  "secondment.create",
  "secondment.log",
  "secondment.evaluate",
  "import.upload",
  "import.read",
  "import.commit",
  "import.export",
] as const;
export const auditAction = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditAction>;

export const auditTargetTypes = [
  "organization",
  "member",
  "user",
  "job",
  "attachment",
  "alert",
  "need",
  "resource",
  "claim",
  "project",
  "contribution",
  "venue",
  "booking",
  "course",
  "pairing_round",
  "pairing",
  "import",
  "transfer",
  "mobile_member",
  "registration",
  "service_post",
  "hardship_case",
  "volunteer_team",
  "service_request",
  "secondment",
] as const;
export const auditTargetType = z.enum(auditTargetTypes);
export type AuditTargetType = z.infer<typeof auditTargetType>;

export const auditResults = ["success", "failure", "denied"] as const;
export const auditResult = z.enum(auditResults);
export type AuditResult = z.infer<typeof auditResult>;

/** A field of a form or a filter, by its API name (camelCase identifier): never its value. */
const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "audit detail: not a field name");
/** An id, a count or a measure. */
const count = z.number().int().nonnegative();
const id = z.number().int().positive();
/** An enum value, a date, an action or an id written as text: short, no spaces, no Han characters. */
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,59}$/, "audit detail: not a code");
/** A filter value worth recording: ids, enum values, dates and switches. Free text goes to `searched` by name. */
const filterValue = z.union([count, z.boolean(), code]);

/**
 * What an audit record may say beyond who, when, what and the target: a typed whitelist of ids,
 * enum values, counts and field names. Names, search texts and anything else a user typed have no
 * place here, so they cannot reach the log (recordAudit parses every detail with this schema;
 * an unknown key is a programming error, refused before anything is written). The one exception is
 * `reason`: the justification the rules require for a reveal or a dissolution, bounded in length.
 */
export const auditDetail = z
  .object({
    /** Which fields a write changed (names, never values). */
    fields: z.array(fieldName).max(60).optional(),
    /** The personal field a reveal showed. */
    field: fieldName.optional(),
    /**
     * The stated justification of a reveal, a dissolution or a project's early end; a login refused
     * while locked says "locked".
     */
    reason: z.string().max(200).optional(),
    orgId: id.nullable().optional(),
    parentId: id.optional(),
    fromParentId: id.nullable().optional(),
    toParentId: id.optional(),
    primaryOrgId: id.optional(),
    assignmentId: id.nullable().optional(),
    /** A role's code (see `roles`). */
    role: code.optional(),
    /** The filters of an export or of a read of the log: ids, enum values and dates only. */
    filters: z.record(fieldName, filterValue).optional(),
    /** Free-text filters that were used (e.g. "q"), by name: the text itself is not recorded. */
    searched: z.array(fieldName).max(20).optional(),
    rowCount: count.optional(),
    failures: count.optional(),
    /** A sign-in: the steps still open (second factor, password change…), how the second factor was given. */
    gates: z.array(code).max(10).optional(),
    method: code.optional(),
    /** A failed sign-in for a name no account has (the name itself is not recorded). */
    unknownAccount: z.boolean().optional(),
    /** A password reset by an administrator: its request, what it resets, whether it awaits the second administrator. */
    requestId: id.optional(),
    password: z.boolean().optional(),
    secondFactor: z.boolean().optional(),
    awaitingApproval: z.boolean().optional(),
    /** A job's kind, an attachment's type and size. */
    kind: code.optional(),
    contentType: z
      .string()
      .regex(/^[a-z]+\/[a-z0-9.+-]{1,80}$/)
      .optional(),
    size: count.optional(),
    locale: z.enum(locales).optional(),
    // A pairing solve.
    covered: count.optional(),
    assigned: count.optional(),
    score: z.number().optional(),
    solveMs: count.optional(),
    bytes: count.optional(),
    // Mutual help: the records a claim, a project or a contribution links, a need's rating and move.
    needId: id.optional(),
    resourceId: id.optional(),
    projectId: id.optional(),
    helperOrgId: id.optional(),
    recipientOrgId: id.optional(),
    rating: z.number().int().min(1).max(5).optional(),
    fromStatus: code.optional(),
    toStatus: code.optional(),
    // Shared venues and courses (issue 10): the venue a booking is of, the course studied or assigned.
    venueId: id.optional(),
    courseId: id.optional(),
    // Pairing rounds: the round a run, an edit or a pairing belongs to, and the pairings it made.
    roundId: id.optional(),
    pairings: count.optional(),
    // An import (issue 13): the members it added and updated when it committed.
    created: count.optional(),
    updated: count.optional(),
    // The demo load.
    orgs: count.optional(),
    members: count.optional(),
    accounts: count.optional(),
    // A refused request (recorded by the HTTP layer): why first, then the route's pattern, never
    // the query string or the body.
    code: code.optional(),
    status: z.number().int().min(100).max(599).optional(),
    httpMethod: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
    route: z
      .string()
      .regex(/^\/api\/[A-Za-z0-9/:_-]*$/, "audit detail: not a route")
      .max(100)
      .optional(),
    // The start of the chain after an upgrade: how many records came before it, and their digest.
    legacyRecords: count.optional(),
    legacyDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
export type AuditDetail = z.infer<typeof auditDetail>;
export type AuditDetailKey = keyof AuditDetail;
export const auditDetailKeys = Object.keys(auditDetail.shape) as AuditDetailKey[];

/** An organization as the auditor reads it: its name and the names above it, from the top. */
export const auditOrgRef = z.object({ name: z.string(), path: z.array(z.string()) });
export type AuditOrgRef = z.infer<typeof auditOrgRef>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  /** One of auditActions (older records may carry a code no longer in use). */
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /**
   * The target by name: an organization's name (its path in targetPath), an account's username.
   * Members are shown by id only, never by name.
   */
  targetName: z.string().nullable(),
  targetPath: z.array(z.string()),
  result: auditResult,
  detail: z.record(z.string(), z.unknown()),
  /** Organizations the detail names by id (parentId, orgId…), keyed by id. */
  orgs: z.record(z.string(), auditOrgRef),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** The filters of the audit log, shared by the page and its export. */
export const auditFilters = z
  .object({
    action: auditAction.optional(),
    actor: humanText({ min: 0, max: 64 }).optional(),
    result: auditResult.optional(),
    targetType: auditTargetType.optional(),
    targetId: z
      .string()
      .regex(/^\d{1,19}$/, { message: "id.format" })
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditListQuery = pageQuery.extend(auditFilters.shape).strict();
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = auditFilters;
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
