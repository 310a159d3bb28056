import { z } from "zod";
import { auditExportQuery, auditListQuery } from "./audit.ts";
import { changePasswordBody, disableSecondFactorBody, loginBody, secondFactorBody, totpCodeBody } from "./auth.ts";
import {
  claimServiceRequestBody,
  completeServiceRequestBody,
  createHardshipBody,
  createSecondmentBody,
  createServiceRequestBody,
  createVolunteerTeamBody,
  hardshipEntryBody,
  hardshipListQuery,
  secondmentEvaluationBody,
  secondmentListQuery,
  secondmentLogBody,
  serviceFeedbackBody,
  serviceRequestListQuery,
  volunteerTeamListQuery,
} from "./care.ts";
import { idParam, pageQuery } from "./common.ts";
import {
  cancelProjectBody,
  claimListQuery,
  claimNeedBody,
  confirmNeedBody,
  createNeedBody,
  createResourceBody,
  declineClaimBody,
  needExportQuery,
  needListQuery,
  projectListQuery,
  recordActivityBody,
  recordContributionBody,
  requestResourceBody,
  resourceListQuery,
  updateNeedBody,
  updateProjectBody,
  updateResourceBody,
} from "./help.ts";
import { jobListQuery, uuidParam } from "./jobs.ts";
import { createJointBranchBody } from "./joint-branches.ts";
import { createMemberBody, memberExportQuery, memberListQuery, revealBody, updateMemberBody } from "./members.ts";
import {
  createExtensionBranchBody,
  createMobileMemberBody,
  mobileContactBody,
  mobileMemberListQuery,
  recordMobileActivityBody,
} from "./mobile-members.ts";
import { notificationListQuery, notificationStreamQuery } from "./notifications.ts";
import { createOrgBody, dissolveOrgBody, moveOrgBody, orgListQuery, orgLookupQuery, updateOrgBody } from "./orgs.ts";
import { pairingSolveQuery } from "./pairing.ts";
import {
  copyPairingRoundBody,
  createContactPointBody,
  createMemberPairingBody,
  createPairingBody,
  createPairingRoundBody,
  endPairingBody,
  pairingListQuery,
  pairingPairBody,
  pairingPairQuery,
  pairingRoundListQuery,
  publishPairingRoundBody,
  recordVisitBody,
  roundCapacityBody,
  roundDemandBody,
  setDemonstrationBody,
  updatePairingRoundBody,
} from "./pairing-rounds.ts";
import {
  createRegistrationBody,
  createServicePostBody,
  recordHoursBody,
  registrationListQuery,
  servicePostListQuery,
  takePostBody,
} from "./registrations.ts";
import { securityAlertListQuery } from "./security.ts";
import { createTransferBody, destinationQuery, rejectTransferBody, transferListQuery } from "./transfers.ts";
import { assignRoleBody, createUserBody, passwordResetListQuery, updateUserBody, userListQuery } from "./users.ts";
import {
  assignCourseBody,
  bookingListQuery,
  checkInBody,
  courseListQuery,
  createBookingBody,
  createCourseBody,
  createVenueBody,
  decideBookingBody,
  recordStudyBody,
  updateCourseBody,
  updateVenueBody,
  venueListQuery,
  venueUsageQuery,
} from "./venues.ts";

/**
 * Field labels belong to the schema a request is validated against, not to a field's name: the
 * `status` of a member (党员状态) is not the `status` of a job (任务状态). A request schema names
 * the label namespace of its fields (`labelFields("member", createMemberBody)`: its `status` is
 * labelled by the key `member.status`); a building block shared by many schemas (the paging
 * fields) labels its own fields (`labelField("list.page", …)`), which the schemas that extend it
 * keep. The texts of the keys live in each side's catalog (the server's `platform/i18n.ts`), in
 * every language; a server test lists every request field whose key has no text.
 */
export interface FieldLabelMeta {
  /** On an object schema: its fields are labelled `<fields>.<field name>` (nested: `<fields>.<a>.<b>`). */
  fields?: string;
  /** On a field's own schema: the label key of that field wherever the instance is used. */
  label?: string;
}

export const fieldLabelRegistry = z.registry<FieldLabelMeta>();

/** Labels the fields of an object schema `<namespace>.<field>`; returns the same schema. */
export function labelFields<T extends z.ZodType>(namespace: string, schema: T): T {
  fieldLabelRegistry.add(schema, { fields: namespace });
  return schema;
}

/** Gives one field schema instance its own label key (for fields shared by many schemas). */
export function labelField<T extends z.ZodType>(key: string, schema: T): T {
  fieldLabelRegistry.add(schema, { label: key });
  return schema;
}

interface WalkDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  getter?: () => z.ZodType;
}

/** The schema and the schemas it wraps (optional, nullable, default, pipe input…), outermost first. */
function layers(schema: z.ZodType): z.ZodType[] {
  const out: z.ZodType[] = [];
  let current: z.ZodType | undefined = schema;
  while (current && out.length < 20) {
    out.push(current);
    const def = current._zod.def as unknown as WalkDef;
    // A pipe's shape is its input's, unless the input is a transform (z.preprocess): then its output's.
    const piped = def.in && (def.in._zod.def as unknown as WalkDef).type === "transform" ? def.out : def.in;
    current = def.innerType ?? piped ?? (def.type === "lazy" ? def.getter?.() : undefined);
  }
  return out;
}

export interface FieldLabelRef {
  /** The label key, when the schema gives one (from a field's own label or its object's namespace). */
  key?: string;
  /** 1-based positions of the array items on the way (units.1 → [2]). */
  items: number[];
  /** Whether the schema declares this path at all (false: an unknown field, or none of its business). */
  declared: boolean;
}

/** Resolves the label key of a field path (zod issue path, or "a.0.b" split on dots) in a schema. */
export function fieldLabelOf(schema: z.ZodType, path: readonly PropertyKey[]): FieldLabelRef {
  let namespace: string | undefined;
  let named: string[] = [];
  const items: number[] = [];
  let current = schema;
  const enter = (s: z.ZodType): z.ZodType => {
    const all = layers(s);
    for (const layer of all) {
      const fields = fieldLabelRegistry.get(layer)?.fields;
      if (fields) {
        namespace = fields;
        named = [];
      }
    }
    return all[all.length - 1] ?? s;
  };
  for (const segment of path) {
    const base = enter(current);
    const def = base._zod.def as unknown as WalkDef;
    const index = typeof segment === "number" ? segment : /^\d+$/.test(String(segment)) ? Number(segment) : null;
    if (def.type === "object" && def.shape && typeof segment === "string" && Object.hasOwn(def.shape, segment)) {
      current = def.shape[segment] as z.ZodType;
      named.push(segment);
    } else if (def.type === "array" && def.element && index !== null) {
      current = def.element;
      items.push(index + 1);
    } else {
      return { items, declared: false };
    }
  }
  for (const layer of layers(current)) {
    const label = fieldLabelRegistry.get(layer)?.label;
    if (label) return { key: label, items, declared: true };
  }
  enter(current);
  return { ...(namespace && named.length ? { key: `${namespace}.${named.join(".")}` } : {}), items, declared: true };
}

/**
 * The fields of a request schema, as label paths (array items as `[]`), for the test that every
 * one has a label: objects are walked, everything else is a field.
 */
export function fieldPathsOf(schema: z.ZodType, prefix: PropertyKey[] = []): PropertyKey[][] {
  const all = layers(schema);
  const base = all[all.length - 1] ?? schema;
  const def = base._zod.def as unknown as WalkDef;
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([name, field]) => fieldPathsOf(field, [...prefix, name]));
  }
  if (def.type === "array" && def.element && prefix.length) {
    const element = layers(def.element).at(-1);
    if (element && (element._zod.def as unknown as WalkDef).type === "object") {
      return fieldPathsOf(def.element, [...prefix, 0]);
    }
  }
  return prefix.length ? [prefix] : [];
}

// The request schemas of the contracts, each with its namespace (a new one is added here; the
// server's test names any request field whose label is missing).
labelField("list.page", pageQuery.shape.page);
labelField("list.pageSize", pageQuery.shape.pageSize);
labelFields("record", idParam);
labelFields("record", uuidParam);
for (const schema of [loginBody, changePasswordBody, secondFactorBody, totpCodeBody, disableSecondFactorBody]) {
  labelFields("auth", schema);
}
for (const schema of [createMemberBody, updateMemberBody, memberListQuery, memberExportQuery]) {
  labelFields("member", schema);
}
labelFields("reveal", revealBody);
for (const schema of [createOrgBody, updateOrgBody, moveOrgBody, dissolveOrgBody, orgListQuery, orgLookupQuery]) {
  labelFields("org", schema);
}
for (const schema of [createUserBody, updateUserBody, userListQuery]) labelFields("user", schema);
labelFields("role", assignRoleBody);
labelFields("passwordReset", passwordResetListQuery);
labelFields("audit", auditListQuery);
labelFields("audit", auditExportQuery);
labelFields("job", jobListQuery);
labelFields("notification", notificationListQuery);
labelFields("notification", notificationStreamQuery);
labelFields("alert", securityAlertListQuery);
labelFields("pairing", pairingSolveQuery);
for (const schema of [
  copyPairingRoundBody,
  createPairingRoundBody,
  updatePairingRoundBody,
  pairingRoundListQuery,
  pairingPairBody,
  pairingPairQuery,
  roundCapacityBody,
  roundDemandBody,
  publishPairingRoundBody,
]) {
  labelFields("pairingRound", schema);
}
for (const schema of [
  pairingListQuery,
  createPairingBody,
  createMemberPairingBody,
  createContactPointBody,
  recordVisitBody,
  setDemonstrationBody,
  endPairingBody,
]) {
  labelFields("pairing", schema);
}
labelFields("jointBranch", createJointBranchBody);
for (const schema of [
  createRegistrationBody,
  registrationListQuery,
  createServicePostBody,
  servicePostListQuery,
  takePostBody,
  recordHoursBody,
]) {
  labelFields("registration", schema);
}
for (const schema of [createTransferBody, rejectTransferBody, transferListQuery, destinationQuery]) {
  labelFields("transfer", schema);
}
for (const schema of [createHardshipBody, hardshipEntryBody, hardshipListQuery]) labelFields("hardship", schema);
for (const schema of [createSecondmentBody, secondmentListQuery, secondmentLogBody, secondmentEvaluationBody]) {
  labelFields("secondment", schema);
}
for (const schema of [createVolunteerTeamBody, volunteerTeamListQuery]) labelFields("volunteerTeam", schema);
for (const schema of [
  createServiceRequestBody,
  serviceRequestListQuery,
  claimServiceRequestBody,
  completeServiceRequestBody,
  serviceFeedbackBody,
]) {
  labelFields("serviceRequest", schema);
}
for (const schema of [
  createMobileMemberBody,
  mobileMemberListQuery,
  mobileContactBody,
  recordMobileActivityBody,
  createExtensionBranchBody,
]) {
  labelFields("mobileMember", schema);
}
for (const schema of [createNeedBody, updateNeedBody, needListQuery, needExportQuery, confirmNeedBody]) {
  labelFields("need", schema);
}
for (const schema of [claimNeedBody, requestResourceBody, declineClaimBody, claimListQuery])
  labelFields("claim", schema);
for (const schema of [createResourceBody, updateResourceBody, resourceListQuery]) labelFields("resource", schema);
for (const schema of [projectListQuery, updateProjectBody, cancelProjectBody]) labelFields("project", schema);
labelFields("activity", recordActivityBody);
labelFields("contribution", recordContributionBody);
for (const schema of [createVenueBody, updateVenueBody, venueListQuery, venueUsageQuery]) labelFields("venue", schema);
for (const schema of [createBookingBody, decideBookingBody, checkInBody, bookingListQuery])
  labelFields("booking", schema);
for (const schema of [createCourseBody, updateCourseBody, courseListQuery, assignCourseBody, recordStudyBody]) {
  labelFields("course", schema);
}
