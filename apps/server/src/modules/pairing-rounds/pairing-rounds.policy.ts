import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import type { OrgRow } from "../orgs/orgs.repository.ts";
import {
  type PairingRow,
  pairingOrgReach,
  pairingReach,
  pairingRoundsRepository,
  type RoundRow,
  roundReach,
} from "./pairing-rounds.repository.ts";

/**
 * Who may do what with pairing rounds and pairings (issue 9), declared once. A round is the
 * superior organization's work (上级党组织统筹协调): coordinators (`pairing.solve`) whose
 * jurisdiction contains the round's organization read, edit, run and publish it; nobody else
 * sees it. A pairing is read by those above either side (and by the two members of a member
 * pairing), and ended by coordinators above either side.
 */
const notPublished = (round: Pick<RoundRow, "status">) =>
  round.status !== "published" || new AppError(409, "pairingRound.published");

export const roundPolicy = definePolicy<RoundRow, "read" | "update" | "run" | "publish" | "copy">(
  {
    name: "pairing_round",
    reach: roundReach,
    load: (db, where, ids) => pairingRoundsRepository(db).findRoundsWhere(where, ids),
    id: (round) => round.id,
  },
  {
    read: { grant: "pairing.solve" },
    update: { grant: "pairing.solve", rule: notPublished },
    run: { grant: "pairing.solve", rule: notPublished },
    /** A new draft from this one (a published round too: next year's round, or a second run to compare). */
    copy: { grant: "pairing.solve" },
    publish: {
      grant: "pairing.solve",
      rule: (round) =>
        round.status === "solved" ||
        new AppError(409, round.status === "published" ? "pairingRound.published" : "pairingRound.notRun"),
    },
  },
);

/** The organization a round or a pairing by hand is about: one in the coordinator's jurisdiction. */
export const coordinatedOrgPolicy = definePolicy<OrgRow, "coordinate">(orgPolicy.resource, {
  coordinate: {
    grant: "pairing.solve",
    rule: (org) => org.status === "active" || new AppError(409, "org.dissolved"),
    presented: false,
  },
});

/** The members of a member pairing (党员结对): members the coordinator's jurisdiction reaches. */
export const coordinatedMemberPolicy = definePolicy<MemberRow, "coordinate">(memberPolicy.resource, {
  coordinate: { grant: "pairing.solve", presented: false },
});

const current = (pairing: Pick<PairingRow, "status">) =>
  pairing.status === "active" || pairing.status === "proposed" || new AppError(409, "pairing.notActive");

export const pairingPolicy = definePolicy<PairingRow, "read" | "conclude" | "dissolve" | "recordVisit" | "demonstrate">(
  {
    name: "pairing",
    reach: pairingReach,
    load: (db, where, ids) => pairingRoundsRepository(db).findPairingsWhere(where, ids),
    id: (pairing) => pairing.id,
  },
  {
    read: { grant: "help.read" },
    conclude: { grant: "pairing.solve", reach: pairingOrgReach, rule: current },
    dissolve: { grant: "pairing.solve", reach: pairingOrgReach, rule: current },
    /** Either side, or those above it, record a visit (a leader's to the contact point, a unit's to its village). */
    recordVisit: { grant: "help.write", rule: current },
    /** 示范点: the coordinators' recognition. */
    demonstrate: { grant: "pairing.solve", reach: pairingOrgReach, rule: current },
  },
);
