import { AppError, forbidden } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import { type OrgRow, orgsRepository } from "./orgs.repository.ts";

/**
 * Who may do what with an organization, declared once: routes take their access rule from here,
 * the service authorizes with it, the client receives it with each organization, and the
 * authorization matrix test derives its expectations from it. Rules are small pure predicates
 * (the Outline way); reach is SQL (the organization's own path in the caller's subtrees).
 */
const active = (org: Pick<OrgRow, "status">) => org.status === "active" || new AppError(409, "org.dissolved");

/** The top of one's own jurisdiction is the superior's to move or dissolve, not the coordinator's. */
const belowOwnRoot = (org: Pick<OrgRow, "path">, paths: readonly string[], refusal: AppError) =>
  !paths.includes(org.path) || refusal;

const both = (...verdicts: (true | AppError)[]) => verdicts.find((v) => v !== true) ?? true;

export const orgPolicy = definePolicy<
  OrgRow,
  "read" | "lookup" | "update" | "createChild" | "move" | "dissolve" | "addMembers" | "assignRoles"
>(
  {
    name: "organization",
    reach: [{ kind: "subtree", column: "organizations.path" }],
    load: (db, where, ids) => orgsRepository(db).findWhere(where, ids),
    id: (org) => org.id,
  },
  {
    read: { grant: "org.read" },
    /** Pickers: the security administrator looks across the whole tree to grant roles. */
    lookup: { grant: ["org.read", "role.manage"], presented: false },
    update: { grant: "org.write", rule: (org) => active(org) },
    createChild: { grant: "org.write", rule: (org) => active(org) },
    /** Making it a member's primary organization (a secretary keeps the roster without org.write). */
    addMembers: { grant: "member.write", rule: (org) => active(org), presented: false },
    /** Granting a role held at it (the security administrator, whose scope is the whole tree). */
    assignRoles: { grant: "role.manage", rule: (org) => active(org), presented: false },
    move: {
      grant: "org.write",
      rule: (org, { scope }) =>
        both(active(org), scope.global || belowOwnRoot(org, scope.paths, new AppError(403, "org.moveRoot"))),
    },
    dissolve: {
      grant: "org.write",
      rule: (org, { scope }) => both(active(org), scope.global || belowOwnRoot(org, scope.paths, forbidden())),
    },
  },
);
