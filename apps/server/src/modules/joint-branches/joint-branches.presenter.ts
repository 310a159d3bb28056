import type { JointBranch, JointBranchKind } from "@huzhu/contracts";
import type { JointBranchRow } from "./joint-branches.repository.ts";

/** A joint branch's row → its DTO: the organization, where it sits, and how many members come from each side. */
export function presentJointBranch(row: JointBranchRow, members: { helper: number; recipient: number }): JointBranch {
  return {
    id: row.org_id,
    name: row.name,
    kind: row.kind as JointBranchKind,
    pairingId: row.pairing_id,
    parent: { id: row.parent_id, name: row.parent_name },
    members,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
