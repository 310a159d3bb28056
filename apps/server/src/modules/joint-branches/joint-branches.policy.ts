import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { pairingPolicy } from "../pairing-rounds/pairing-rounds.policy.ts";
import { type PairingRow, pairingOrgReach } from "../pairing-rounds/pairing-rounds.repository.ts";

/**
 * Who may form and see a pairing's joint branch (联建, issue 9), declared once, on the pairing:
 * whoever sees the pairing sees its joint branch; a coordinator above either side may try to form
 * one from an active organization pairing, and the command then asks that both sides lie in their
 * jurisdiction (the joint branch goes under the two sides' common superior, which must be theirs).
 */
const activeOrgPairing = (pairing: Pick<PairingRow, "status" | "helper_org_id" | "recipient_org_id">) => {
  // Organization pairings and unit-contracts-village (单位包村); not a member's contact point.
  if (pairing.helper_org_id === null || pairing.recipient_org_id === null)
    return new AppError(409, "jointBranch.notOrgPairing");
  return pairing.status === "active" || new AppError(409, "pairing.notActive");
};

export const jointBranchPolicy = definePolicy<PairingRow, "read" | "form">(pairingPolicy.resource, {
  read: { grant: "help.read", presented: false },
  form: { grant: "pairing.solve", reach: pairingOrgReach, rule: activeOrgPairing },
});
