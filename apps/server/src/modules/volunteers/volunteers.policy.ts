import { type Actor, scopeFor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { defineAction, definePolicy } from "../../platform/policy.ts";
import {
  claimReach,
  completeReach,
  feedbackReach,
  memberNameReach,
  type ServiceRequestRow,
  serviceRequestReach,
  type TeamRow,
  teamReach,
  volunteersRepository,
} from "./volunteers.repository.ts";

/**
 * Who may do what with volunteer teams and service requests (党员志愿服务队, issue 11), declared once.
 * - Teams: seen by mutual help's readers of the team's organization and above (help.read), formed
 *   and managed by its writers (help.write: secretaries and coordinators).
 * - Service requests: asked by an organization's help writers, or by a member for themself; seen
 *   by the requesting side, the claiming team's side, the member helped, and — while open — by every
 *   role inside the county it is published to, whose teams may claim it; completed (with hours) by
 *   the claiming team's side; rated once by the requesting side or the member helped.
 */
export const teamPolicy = definePolicy<TeamRow, "read" | "manage">(
  {
    name: "volunteer_team",
    reach: teamReach,
    load: (db, where, ids) => volunteersRepository(db).findTeams(where, ids),
    id: (t) => t.id,
  },
  {
    read: { grant: "help.read" },
    manage: { grant: "help.write" },
  },
);

const inState =
  (code: string, ...states: string[]) =>
  (r: Pick<ServiceRequestRow, "status">) =>
    states.includes(r.status) || new AppError(409, code, { params: { status: r.status } });

/** The member helped, or a help writer over the requesting organization. */
function requestingSide(r: ServiceRequestRow, actor: Actor): boolean {
  if (r.member_id !== null && actor.memberId === r.member_id && actor.roles.some((x) => x.role === "member"))
    return true;
  return scopeFor(actor, "help.write").paths.some((p) => r.org_path.startsWith(p));
}

export const serviceRequestPolicy = definePolicy<
  ServiceRequestRow,
  "read" | "seeMember" | "claim" | "complete" | "feedback"
>(
  {
    name: "service_request",
    reach: serviceRequestReach,
    load: (db, where, ids) => volunteersRepository(db).findRequests(where, ids),
    id: (r) => r.id,
  },
  {
    read: { grant: ["help.read", "member.read"] },
    // The member's name: for the request's own sides, not the county it is published to.
    seeMember: { grant: ["help.read", "member.read"], reach: memberNameReach },
    claim: { grant: "help.write", reach: claimReach, rule: inState("serviceRequest.notOpen", "open") },
    complete: { grant: "help.write", reach: completeReach, rule: inState("serviceRequest.notClaimed", "claimed") },
    feedback: {
      grant: ["help.write", "member.read"],
      reach: feedbackReach,
      rule: (r, { actor }) => {
        if (!requestingSide(r, actor)) return false;
        if (r.status !== "completed" || r.rating !== null) return new AppError(409, "serviceRequest.feedbackGiven");
        return true;
      },
    },
  },
);

/** Asking for service: a help writer for an organization, or any member for themself. */
export const askForService = defineAction("serviceRequest.create", ["help.write", "member.read"]);
/** One's own hours ledger. */
export const ownHours = defineAction("volunteerHours.own", "authenticated");
