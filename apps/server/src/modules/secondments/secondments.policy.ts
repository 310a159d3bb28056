import { definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import { type MemberRow, memberManagedReach } from "../members/members.repository.ts";
import { type SecondmentRow, secondmentReach, secondmentsRepository, sidesReach } from "./secondments.repository.ts";

/**
 * Who may do what with secondments (城乡干部双向交流, issue 11), declared once. Either side — the
 * cadre's own organization (home) and the host, each with those above — and the cadre read it;
 * whoever manages the cadre's record sends them (member.write on the member); either side's help
 * writers log work and evaluate, each for their own side (the command checks which side).
 */
export const secondmentPolicy = definePolicy<SecondmentRow, "read" | "log" | "evaluate">(
  {
    name: "secondment",
    reach: secondmentReach,
    load: (db, where, ids) => secondmentsRepository(db).findWhere(where, ids),
    id: (s) => s.id,
  },
  {
    read: { grant: ["help.read", "member.read"] },
    log: { grant: "help.write", reach: sidesReach },
    evaluate: { grant: "help.write", reach: sidesReach },
  },
);

/** Sending a member on a secondment is an ability on the member: their organization's managers. */
export const secondmentSendPolicy = definePolicy<MemberRow, "read" | "second">(memberPolicy.resource, {
  read: { grant: "member.read", presented: false },
  second: { grant: "member.write", reach: memberManagedReach, presented: false },
});
