import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";

/**
 * Mobile members (流动党员, issue 11): a member who works or lives away from their organization for
 * a while. The origin registers the outflow (destination: an organization on the platform or a
 * place; reason, contact, expected return); the destination organization receives them (inflow)
 * and records their activities, which the origin sees (co-management, 双向共管). Every activity or
 * contact refreshes the last contact date; past N days without contact (default 180) the record
 * is flagged out of contact. A coordinator may set up a branch for a cluster of them (延伸党组织).
 *
 * - `GET /mobile-members` `mobileMemberListQuery` → `{ items, total }`;
 *   `POST /mobile-members` `createMobileMemberBody` → 201 `mobileMember` (the member's own
 *   organization's side, or the member themself); 409 `mobileMember.open` while one is open.
 * - `GET /mobile-members/{id}`; `POST /mobile-members/{id}/receive` (the destination);
 *   `POST /mobile-members/{id}/contact` `mobileContactBody`; `POST /mobile-members/{id}/close`.
 * - `GET/POST /mobile-members/{id}/activities` `recordMobileActivityBody` (the destination records).
 * - `POST /mobile-members/extension-branch` `createExtensionBranchBody` → 201 `extensionBranch`: a
 *   coordinator sets up a branch under an organization of theirs for registrations whose destination
 *   lies under it; it becomes their destination and co-manages the members.
 */
export const mobileMemberStatuses = ["registered", "received", "closed"] as const;
export const mobileMemberStatus = z.enum(mobileMemberStatuses);
export type MobileMemberStatus = z.infer<typeof mobileMemberStatus>;

export const mobileReasons = ["work", "business", "study", "family", "other"] as const;
export const mobileReason = z.enum(mobileReasons);
export type MobileReason = z.infer<typeof mobileReason>;

export const createMobileMemberBody = z
  .object({
    memberId: z.number().int().positive(),
    /** The destination organization on the platform, if any. */
    destOrgId: z.number().int().positive().optional(),
    /** Where the member goes (a city, a company): required when no organization is named. */
    destPlace: humanText({ max: 200 }).optional(),
    reason: mobileReason,
    /** How to reach the member there (a phone, a messaging account). */
    contact: humanText({ max: 100 }),
    leftOn: isoDate,
    expectedReturn: isoDate.optional(),
  })
  .strict();
export type CreateMobileMemberBody = z.infer<typeof createMobileMemberBody>;

export const mobileMemberListQuery = pageQuery
  .extend({
    status: mobileMemberStatus.optional(),
    /** Only those out of contact. */
    outOfContact: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    memberId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type MobileMemberListQuery = z.infer<typeof mobileMemberListQuery>;

export const mobileContactBody = z.object({ contactedOn: isoDate }).strict();
export type MobileContactBody = z.infer<typeof mobileContactBody>;

export const recordMobileActivityBody = z
  .object({ occurredOn: isoDate, description: humanText({ max: 500, multiline: true }) })
  .strict();
export type RecordMobileActivityBody = z.infer<typeof recordMobileActivityBody>;

const named = z.object({ id: z.number().int(), name: z.string() });

export const mobileMember = z.object({
  id: z.number().int(),
  status: mobileMemberStatus,
  member: named,
  originOrg: named,
  destOrg: named.nullable(),
  destPlace: z.string().nullable(),
  reason: mobileReason,
  contact: z.string(),
  leftOn: z.string(),
  expectedReturn: z.string().nullable(),
  lastContactOn: z.string(),
  outOfContact: z.boolean(),
  /** The days without contact after which a record is flagged. */
  outOfContactDays: z.number().int(),
  receivedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  abilities: z.object({ receive: z.boolean(), recordActivity: z.boolean(), contact: z.boolean(), close: z.boolean() }),
});
export type MobileMember = z.infer<typeof mobileMember>;

export const mobileActivity = z.object({
  id: z.number().int(),
  occurredOn: z.string(),
  description: z.string(),
  org: named,
  by: z.string(),
  at: z.string(),
});
export type MobileActivity = z.infer<typeof mobileActivity>;

export const createExtensionBranchBody = z
  .object({
    /** The organization the new branch goes under (one in the coordinator's jurisdiction). */
    parentId: z.number().int().positive(),
    name: humanText({ max: 100 }),
    /** Open registrations whose destination lies under the parent. */
    mobileMemberIds: z.array(z.number().int().positive()).min(1).max(200),
  })
  .strict();
export type CreateExtensionBranchBody = z.infer<typeof createExtensionBranchBody>;

export const extensionBranch = z.object({ id: z.number().int(), name: z.string(), members: z.number().int() });
export type ExtensionBranch = z.infer<typeof extensionBranch>;
