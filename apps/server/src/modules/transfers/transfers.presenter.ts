import type { Transfer, TransferStatus, TransferStep } from "@huzhu/contracts";
import type { TransferRow } from "./transfers.repository.ts";

/** A transfer's row, its steps and the caller's abilities → its DTO. */
export function presentTransfer(row: TransferRow, steps: TransferStep[], abilities: Record<string, boolean>): Transfer {
  return {
    id: row.id,
    letterNo: row.letter_no,
    status: row.status as TransferStatus,
    member: { id: row.member_id, name: row.member_name },
    fromOrg: { id: row.from_org_id, name: row.from_org_name },
    toOrg: row.to_org_id === null ? null : { id: row.to_org_id, name: row.to_org_name ?? "" },
    toOutside: row.to_outside,
    reason: row.reason,
    rejectReason: row.reject_reason,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    steps,
    abilities: {
      accept: abilities.accept === true,
      reject: abilities.reject === true,
      cancel: abilities.cancel === true,
    },
  };
}
