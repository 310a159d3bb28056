import type { MobileMember, MobileMemberStatus, MobileReason } from "@huzhu/contracts";
import type { MobileMemberRow } from "./mobile-members.repository.ts";

/** A registration's row → its DTO; `cutoff` is the date before which an open one is out of contact. */
export function presentMobileMember(
  row: MobileMemberRow,
  abilities: Record<string, boolean>,
  cutoff: string,
  outOfContactDays: number,
): MobileMember {
  return {
    id: row.id,
    status: row.status as MobileMemberStatus,
    member: { id: row.member_id, name: row.member_name },
    originOrg: { id: row.origin_org_id, name: row.origin_org_name },
    destOrg: row.dest_org_id === null ? null : { id: row.dest_org_id, name: row.dest_org_name ?? "" },
    destPlace: row.dest_place,
    reason: row.reason as MobileReason,
    contact: row.contact,
    leftOn: row.left_on,
    expectedReturn: row.expected_return,
    lastContactOn: row.last_contact_on,
    outOfContact: row.status !== "closed" && row.last_contact_on < cutoff,
    outOfContactDays,
    receivedAt: row.received_at === null ? null : new Date(row.received_at).toISOString(),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
    abilities: {
      receive: abilities.receive === true,
      recordActivity: abilities.recordActivity === true,
      contact: abilities.contact === true,
      close: abilities.close === true,
    },
  };
}
