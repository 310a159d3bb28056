import type { Actor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import { type MemberRow, memberManagedReach } from "../members/members.repository.ts";
import { type HardshipRow, hardshipReach, hardshipRepository, type Keepers } from "./hardship.repository.ts";

/**
 * Who may see and keep members in difficulty (生活困难党员, issue 11), declared once. A case is
 * sensitive personal information: only the secretary of the organization that keeps it (the
 * member's primary organization when it was opened) and the coordinators above it read or write
 * it — not leaders, not partners, not the secretaries of other branches or of organizations above.
 * The grant is member.reveal (held by exactly coordinators and secretaries: those who may see a
 * member's full ID number see their difficulties), the reach the keeping organization and those
 * above, and the rule narrows secretaries to their own organization.
 */
export function keepersOf(actor: Pick<Actor, "roles">): Keepers {
  return {
    coordinatorPaths: actor.roles.flatMap((r) => (r.role === "coordinator" && r.orgPath ? [r.orgPath] : [])),
    secretaryOrgIds: actor.roles.flatMap((r) => (r.role === "secretary" && r.orgId !== null ? [r.orgId] : [])),
  };
}

/** Whether the actor keeps cases of the organization at this id and path. */
export function keeps(actor: Pick<Actor, "roles">, orgId: number, orgPath: string): boolean {
  const k = keepersOf(actor);
  return k.secretaryOrgIds.includes(orgId) || k.coordinatorPaths.some((p) => orgPath.startsWith(p));
}

const open = (c: Pick<HardshipRow, "status">) => c.status === "open" || new AppError(409, "hardship.closed");

export const hardshipPolicy = definePolicy<HardshipRow, "read" | "record" | "close">(
  {
    name: "hardship_case",
    reach: hardshipReach,
    load: (db, where, ids) => hardshipRepository(db).findWhere(where, ids),
    id: (c) => c.id,
  },
  {
    read: { grant: "member.reveal", rule: (c, { actor }) => keeps(actor, c.org_id, c.org_path) },
    record: {
      grant: "member.reveal",
      rule: (c, { actor }) => (keeps(actor, c.org_id, c.org_path) ? open(c) : false),
    },
    close: {
      grant: "member.reveal",
      rule: (c, { actor }) => (keeps(actor, c.org_id, c.org_path) ? open(c) : false),
    },
  },
);

/** Opening a case is an ability on the member: their primary organization's secretary or a coordinator above. */
export const hardshipOpenPolicy = definePolicy<MemberRow, "read" | "openHardship">(memberPolicy.resource, {
  read: { grant: "member.read", presented: false },
  openHardship: {
    grant: "member.reveal",
    reach: memberManagedReach,
    rule: (m, { actor }) => keeps(actor, m.primary_org_id, m.primary_org_path),
    presented: false,
  },
});
