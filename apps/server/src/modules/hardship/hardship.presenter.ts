import type { HardshipCategory, HardshipStatus, HardshipSummary } from "@huzhu/contracts";
import type { HardshipRow } from "./hardship.repository.ts";

/** A case's row → its summary: who, where, what kind, never the details. */
export function presentHardshipSummary(row: HardshipRow): HardshipSummary {
  return {
    id: row.id,
    member: { id: row.member_id, name: row.member_name },
    org: { id: row.org_id, name: row.org_name },
    category: row.category as HardshipCategory,
    status: row.status as HardshipStatus,
    entries: row.entries,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
