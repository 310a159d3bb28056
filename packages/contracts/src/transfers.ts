import { z } from "zod";
import { humanText, pageQuery } from "./common.ts";

/**
 * Membership transfers (组织关系转接, issue 11): a member's primary organization changes through a
 * request and its acceptance, each step with who and when, under an introduction-letter number
 * (介绍信编号) the server generates.
 *
 * - `POST /transfers` `createTransferBody` → 201 `transfer` (`status: "pending"`), by the sending
 *   side (member.write over the member's organization) or the member themself; 409
 *   `transfer.open` while the member has an open transfer (a partial unique index says so).
 *   Either `toOrgId` (an organization on the platform) or `toOutside` (a free-text destination
 *   beyond the platform) names where the member goes.
 * - `POST /transfers/{id}/accept` — the receiving side (or a coordinator above it, the two sides'
 *   common superior when they do not see each other) accepts: the member moves in the same
 *   transaction. For a transfer out of the platform, the sending side confirms it and the member is
 *   recorded as transferred out (the record remains, off the active roster).
 * - `POST /transfers/{id}/reject` `rejectTransferBody` — the receiving side refuses, with a reason.
 * - `POST /transfers/{id}/cancel` — the sending side or the member withdraws the request.
 * - `GET /transfers` `transferListQuery` → `{ items, total }`; `GET /transfers/{id}` → `transfer`.
 */
export const transferStatuses = ["pending", "accepted", "rejected", "cancelled", "transferred_out"] as const;
export const transferStatus = z.enum(transferStatuses);
export type TransferStatus = z.infer<typeof transferStatus>;

export const transferStepActions = ["request", "accept", "reject", "cancel", "transfer_out"] as const;
export const transferStepAction = z.enum(transferStepActions);
export type TransferStepAction = z.infer<typeof transferStepAction>;

export const createTransferBody = z
  .object({
    memberId: z.number().int().positive(),
    /** The receiving organization on the platform. */
    toOrgId: z.number().int().positive().optional(),
    /** A destination outside the platform (beyond the county's edge), as written on the letter. */
    toOutside: humanText({ max: 200 }).optional(),
    reason: humanText({ max: 500, multiline: true }),
  })
  .strict();
export type CreateTransferBody = z.infer<typeof createTransferBody>;

export const rejectTransferBody = z.object({ reason: humanText({ max: 500, multiline: true }) }).strict();
export type RejectTransferBody = z.infer<typeof rejectTransferBody>;

export const transferListQuery = pageQuery
  .extend({
    status: transferStatus.optional(),
    /** incoming: to an organization of the caller's; outgoing: from one; open: still pending. */
    direction: z.enum(["incoming", "outgoing"]).optional(),
    memberId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type TransferListQuery = z.infer<typeof transferListQuery>;

const named = z.object({ id: z.number().int(), name: z.string() });

export const transferStep = z.object({
  action: transferStepAction,
  by: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});
export type TransferStep = z.infer<typeof transferStep>;

export const transfer = z.object({
  id: z.number().int(),
  letterNo: z.string(),
  status: transferStatus,
  member: named,
  fromOrg: named,
  toOrg: named.nullable(),
  toOutside: z.string().nullable(),
  reason: z.string(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  steps: z.array(transferStep),
  abilities: z.object({ accept: z.boolean(), reject: z.boolean(), cancel: z.boolean() }),
});
export type Transfer = z.infer<typeof transfer>;

/** `GET /transfers/destinations?q=`: active organizations anywhere on the platform, by part of their name. */
export const destinationQuery = z.object({ q: humanText({ min: 1, max: 50 }) }).strict();
export type DestinationQuery = z.infer<typeof destinationQuery>;

export const destination = z.object({ id: z.number().int(), name: z.string(), parentName: z.string().nullable() });
export type Destination = z.infer<typeof destination>;
