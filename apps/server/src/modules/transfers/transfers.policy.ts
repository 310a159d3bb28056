import { scopeFor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { defineAction, definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import {
  type TransferRow,
  transferAcceptReach,
  transferReadReach,
  transferReceivingReach,
  transferSendingReach,
  transfersRepository,
} from "./transfers.repository.ts";

/**
 * Who may do what with membership transfers (组织关系转接, issue 11), declared once.
 * - Reading: the sending side, the receiving side (each an organization and its superiors) and the member.
 * - Requesting (on the member): the sending side (member.write over the member's organization) or
 *   the member themself.
 * - Accepting and rejecting: the receiving side (member.write there; a coordinator above it is the
 *   two sides' common superior when they do not see each other). A transfer out of the platform is
 *   accepted (confirmed) by the sending side.
 * - Cancelling: the sending side (member.write) or the member.
 */
const pending = (t: Pick<TransferRow, "status">) =>
  t.status === "pending" || new AppError(409, "transfer.notPending", { params: { status: t.status } });

/** member.write over an organization at this path, or the member themself. */
const sendingSideOrSelf = (
  orgPath: string,
  memberId: number,
  actor: Parameters<typeof scopeFor>[0],
): boolean | AppError => {
  if (actor.memberId === memberId && actor.roles.some((r) => r.role === "member")) return true;
  const write = scopeFor(actor, "member.write");
  return write.paths.some((p) => orgPath.startsWith(p));
};

export const transferPolicy = definePolicy<TransferRow, "read" | "accept" | "reject" | "cancel">(
  {
    name: "transfer",
    reach: transferReadReach,
    load: (db, where, ids) => transfersRepository(db).findWhere(where, ids),
    id: (t) => t.id,
  },
  {
    read: { grant: "member.read" },
    accept: { grant: "member.write", reach: transferAcceptReach, rule: pending },
    reject: {
      grant: "member.write",
      reach: transferReceivingReach,
      rule: (t) => pending(t),
    },
    cancel: {
      grant: ["member.write", "member.read"],
      reach: transferSendingReach,
      rule: (t, { actor }) => {
        const allowed = sendingSideOrSelf(t.from_org_path, t.member_id, actor);
        return allowed === true ? pending(t) : allowed;
      },
    },
  },
);

/** Requesting a transfer is an ability on the member: their organization's side, or themself. */
export const transferRequestPolicy = definePolicy<MemberRow, "read" | "requestTransfer">(memberPolicy.resource, {
  read: { grant: "member.read", presented: false },
  requestTransfer: {
    grant: ["member.write", "member.read"],
    reach: [
      { kind: "subtree", column: "members.primary_org_path" },
      { kind: "selfMember", column: "members.id" },
    ],
    rule: (m, { actor }) => sendingSideOrSelf(m.primary_org_path, m.id, actor),
    presented: false,
  },
});

/**
 * Where a member may go: any active organization on the platform, by name (names only). Every
 * signed-in user may look, since the member themself requests their own transfer or outflow.
 */
export const transferDestinations = defineAction("transfer.destinations", "authenticated");
