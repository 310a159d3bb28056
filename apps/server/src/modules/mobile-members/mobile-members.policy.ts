import { type Actor, scopeFor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import {
  type MobileMemberRow,
  mobileDestReach,
  mobileMembersRepository,
  mobileOriginReach,
  mobileReadReach,
  mobileSidesReach,
} from "./mobile-members.repository.ts";

/**
 * Who may do what with mobile members (流动党员, issue 11), declared once. The origin side (the
 * member's organization when they left, and its superiors) registers and closes; the destination
 * organization's side receives them and records their activities; either side records a contact;
 * both sides and the member read. The permissions are the roster's (member.read, member.write).
 */
const notClosed = (r: Pick<MobileMemberRow, "status">) =>
  r.status !== "closed" || new AppError(409, "mobileMember.closed");

export const mobileMemberPolicy = definePolicy<
  MobileMemberRow,
  "read" | "receive" | "recordActivity" | "contact" | "close"
>(
  {
    name: "mobile_member",
    reach: mobileReadReach,
    load: (db, where, ids) => mobileMembersRepository(db).findWhere(where, ids),
    id: (r) => r.id,
  },
  {
    read: { grant: "member.read" },
    receive: {
      grant: "member.write",
      reach: mobileDestReach,
      rule: (r) => r.status === "registered" || new AppError(409, "mobileMember.notRegistered"),
    },
    recordActivity: { grant: "member.write", reach: mobileDestReach, rule: notClosed },
    contact: { grant: "member.write", reach: mobileSidesReach, rule: notClosed },
    close: { grant: "member.write", reach: mobileOriginReach, rule: notClosed },
  },
);

/** The member's own organization's side (member.write over it), or the member themself. */
const ownSideOrSelf = (m: Pick<MemberRow, "id" | "primary_org_path">, actor: Actor) =>
  (actor.memberId === m.id && actor.roles.some((r) => r.role === "member")) ||
  scopeFor(actor, "member.write").paths.some((p) => m.primary_org_path.startsWith(p));

/** Registering an outflow is an ability on the member. */
export const mobileRegisterPolicy = definePolicy<MemberRow, "read" | "registerOutflow">(memberPolicy.resource, {
  read: { grant: "member.read", presented: false },
  registerOutflow: {
    grant: ["member.write", "member.read"],
    reach: [
      { kind: "subtree", column: "members.primary_org_path" },
      { kind: "selfMember", column: "members.id" },
    ],
    rule: (m, { actor }) => ownSideOrSelf(m, actor),
    presented: false,
  },
});
