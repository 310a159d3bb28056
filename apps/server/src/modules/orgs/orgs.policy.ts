import type { Scope } from "../../platform/access.ts";
import { pathInScope } from "../../platform/access.ts";

/**
 * Pure allow-rules for the organization tree, one per ability, from small predicates
 * (the Outline pattern). The presenter sends the results to the client so buttons follow them.
 */
type OrgLike = { path: string; status: string };

const active = (org: OrgLike) => org.status === "active";
const writable = (write: Scope, org: OrgLike) => pathInScope(write, org.path);
/** The top of one's own jurisdiction is the coordinator's superior's to move or dissolve, not theirs. */
const belowOwnRoot = (write: Scope, org: OrgLike) => !write.paths.includes(org.path) && !write.global;

export const orgPolicy = {
  update: (write: Scope, org: OrgLike) => active(org) && writable(write, org),
  createChild: (write: Scope, org: OrgLike) => active(org) && writable(write, org),
  move: (write: Scope, org: OrgLike) => active(org) && writable(write, org) && belowOwnRoot(write, org),
  dissolve: (write: Scope, org: OrgLike) => active(org) && writable(write, org) && belowOwnRoot(write, org),
  /** A new parent must be writable, active, and not inside the subtree being moved. */
  moveTarget: (write: Scope, org: OrgLike, parent: OrgLike) =>
    active(parent) && writable(write, parent) && !parent.path.startsWith(org.path),
};
