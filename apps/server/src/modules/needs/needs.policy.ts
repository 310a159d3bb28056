import type { NeedStatus } from "@huzhu/contracts";
import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import type { OrgRow } from "../orgs/orgs.repository.ts";
import { type NeedAction, type NeedSide, needTransition } from "./needs.lifecycle.ts";
import {
  type ClaimRow,
  claimDecidingReach,
  claimMakingReach,
  claimReadReach,
  type NeedRow,
  needHelperReach,
  needOwnerReach,
  needReadReach,
  needsRepository,
  type ResourceRow,
  resourceOwnerReach,
  resourceReadReach,
} from "./needs.repository.ts";

/**
 * Who may do what with needs, resources and claims (issue 8), declared once. The side of a step is
 * the ability's reach (the owner side reaches the need's organization, the helper side an accepted
 * claim's helper); whether the step is legal in the need's state is the lifecycle table's answer
 * (needs.lifecycle.ts), so the rule and the command cannot disagree.
 */
const step = (action: NeedAction, side: NeedSide) => (need: Pick<NeedRow, "status">) => {
  const t = needTransition(need.status as NeedStatus, action, side);
  return t.ok || new AppError(t.status, t.code, { params: { status: need.status } });
};

/** A record of one's own jurisdiction is not one to claim or ask for: one helps others. */
const notOwn = (path: string, paths: readonly string[], code: string) =>
  !paths.some((p) => path.startsWith(p)) || new AppError(403, code);

export const needPolicy = definePolicy<
  NeedRow,
  | "read"
  | "update"
  | "publish"
  | "withdraw"
  | "claim"
  | "assign"
  | "start"
  | "deliver"
  | "confirm"
  | "close"
  | "suggest"
  | "export"
>(
  {
    name: "need",
    reach: needReadReach,
    load: (db, where, ids) => needsRepository(db).findNeedsWhere(where, ids),
    id: (need) => need.id,
  },
  {
    read: { grant: "help.read" },
    update: { grant: "help.write", reach: needOwnerReach, rule: step("update", "owner") },
    publish: { grant: "help.write", reach: needOwnerReach, rule: step("publish", "owner") },
    withdraw: { grant: "help.write", reach: needOwnerReach, rule: step("withdraw", "owner") },
    /** Offering help: a need one sees, of another jurisdiction, still looking for helpers. */
    claim: {
      grant: "help.write",
      rule: (need, { scope }) => {
        const own = notOwn(need.org_path, scope.paths, "need.ownNeed");
        return own === true ? step("claim", "helper")(need) : own;
      },
    },
    /** The coordinator of a superior assigns a helper (上级统筹): the need must be in their jurisdiction. */
    assign: { grant: "help.assign", reach: needOwnerReach, rule: step("assign", "superior") },
    start: { grant: "help.write", reach: needHelperReach, rule: step("start", "helper") },
    deliver: { grant: "help.write", reach: needHelperReach, rule: step("deliver", "helper") },
    confirm: { grant: "help.write", reach: needOwnerReach, rule: step("confirm", "owner") },
    close: { grant: "help.write", reach: needOwnerReach, rule: step("close", "owner") },
    /**
     * Suggested helpers and resources for a need (needs.suggestions.ts): for whoever sees the need
     * and may act on it, helping (help.write: secretaries, coordinators) or assigning (help.assign).
     * A leader, who only reads, sees the need but not the suggestions (403). The candidates are
     * only those the caller's own read abilities reach.
     */
    suggest: { grant: ["help.write", "help.assign"], presented: false },
    /**
     * The needs list as a workbook (POST /api/needs/export): what help.read reaches, for those who
     * work on mutual help (help.write: secretaries and coordinators), not for leaders, who read.
     * No permission of its own: help.write is exactly the roles the export is for.
     */
    export: { grant: "help.write", presented: false },
  },
);

const activeResource = (resource: Pick<ResourceRow, "status">) =>
  resource.status === "active" || new AppError(409, "resource.withdrawn");

export const resourcePolicy = definePolicy<ResourceRow, "read" | "update" | "withdraw" | "request" | "suggest">(
  {
    name: "resource",
    reach: resourceReadReach,
    load: (db, where, ids) => needsRepository(db).findResourcesWhere(where, ids),
    id: (resource) => resource.id,
  },
  {
    read: { grant: "help.read" },
    update: { grant: "help.write", reach: resourceOwnerReach, rule: activeResource },
    withdraw: { grant: "help.write", reach: resourceOwnerReach, rule: activeResource },
    /** Asking for a resource: one one sees, of another jurisdiction, still offered. */
    request: {
      grant: "help.write",
      rule: (resource, { scope }) => {
        const own = notOwn(resource.org_path, scope.paths, "resource.ownResource");
        return own === true ? activeResource(resource) : own;
      },
    },
    /** Needs suggested for a resource: like a need's suggestions, for whoever sees it and may help or assign. */
    suggest: { grant: ["help.write", "help.assign"], presented: false },
  },
);

const pending = (claim: Pick<ClaimRow, "status">) =>
  claim.status === "pending" || new AppError(409, "claim.notPending");

export const claimPolicy = definePolicy<ClaimRow, "read" | "accept" | "decline" | "withdraw">(
  {
    name: "claim",
    reach: claimReadReach,
    load: (db, where, ids) => needsRepository(db).findClaimsWhere(where, ids),
    id: (claim) => claim.id,
  },
  {
    read: { grant: "help.read" },
    accept: { grant: "help.write", reach: claimDecidingReach, rule: pending },
    decline: { grant: "help.write", reach: claimDecidingReach, rule: pending },
    withdraw: { grant: "help.write", reach: claimMakingReach, rule: pending },
  },
);

/**
 * Acting for an organization in mutual help (the helper that claims, the recipient that asks, the
 * party that records an activity): one in the caller's help.write jurisdiction, still active. The
 * organizations' own loader answers; a request naming one outside is that field's mistake.
 */
export const helpOrgPolicy = definePolicy<OrgRow, "actFor">(orgPolicy.resource, {
  actFor: {
    grant: "help.write",
    rule: (org) => org.status === "active" || new AppError(409, "org.dissolved"),
    presented: false,
  },
});
