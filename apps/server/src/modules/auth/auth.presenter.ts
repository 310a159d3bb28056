import type { Me } from "@huzhu/contracts";
import { type Actor, needsSecondFactor, permissionsOf } from "../../platform/access.ts";

/**
 * The signed-in user as the web sees them. While a gate is pending, no roles or permissions
 * (nothing else works yet). `requireSecondFactor` is HUZHU_REQUIRE_2FA: whether one's roles make
 * a second factor compulsory.
 */
export function presentMe(actor: Actor, requireSecondFactor: boolean): Me {
  const open = actor.gates.length === 0;
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      memberId: actor.memberId,
      secondFactor: actor.secondFactor,
      secondFactorRequired: requireSecondFactor && needsSecondFactor(actor.roles),
    },
    gates: [...actor.gates],
    roles: open ? actor.roles.map((r) => ({ id: r.id, role: r.role, orgId: r.orgId, orgName: r.orgName })) : [],
    permissions: open ? permissionsOf(actor) : [],
    csrfToken: actor.csrfToken,
  };
}
