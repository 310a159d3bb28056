import { type Actor, scopeFor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { defineAction, definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import {
  type RegistrationRow,
  registrationCommunityReach,
  registrationReadReach,
  registrationsRepository,
} from "./registrations.repository.ts";

/**
 * Who may do what with in-service registrations (双报到, issue 11), declared once. The member's
 * organization's side (member.write) or the member registers; the community's side (member.write
 * there) records hours; the member or the community takes a post for the registration. Both sides
 * and the member read.
 */
const active = (r: Pick<RegistrationRow, "status">) => r.status === "active" || new AppError(409, "registration.ended");
const writesAt = (actor: Actor, path: string) => scopeFor(actor, "member.write").paths.some((p) => path.startsWith(p));
const isSelf = (actor: Actor, memberId: number) =>
  actor.memberId === memberId && actor.roles.some((r) => r.role === "member");

export const registrationPolicy = definePolicy<RegistrationRow, "read" | "takePost" | "recordHours">(
  {
    name: "registration",
    reach: registrationReadReach,
    load: (db, where, ids) => registrationsRepository(db).findWhere(where, ids),
    id: (r) => r.id,
  },
  {
    read: { grant: "member.read" },
    takePost: {
      grant: ["member.write", "member.read"],
      reach: [...registrationCommunityReach, { kind: "selfMember", column: "community_registrations.member_id" }],
      rule: (r, { actor }) => (isSelf(actor, r.member_id) || writesAt(actor, r.community_path)) && active(r),
    },
    recordHours: { grant: "member.write", reach: registrationCommunityReach, rule: active },
  },
);

/** Registering is an ability on the member: their organization's side, or themself. */
export const registerPolicy = definePolicy<MemberRow, "read" | "registerWithCommunity">(memberPolicy.resource, {
  read: { grant: "member.read", presented: false },
  registerWithCommunity: {
    grant: ["member.write", "member.read"],
    reach: [
      { kind: "subtree", column: "members.primary_org_path" },
      { kind: "selfMember", column: "members.id" },
    ],
    rule: (m, { actor }) => isSelf(actor, m.id) || writesAt(actor, m.primary_org_path),
    presented: false,
  },
});

/** A community's posts are public notices: anyone signed in reads them (a member choosing one). */
export const servicePostsRead = defineAction("servicePost.list", "authenticated");
