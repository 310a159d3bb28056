import type { Member, MemberStatus } from "@huzhu/contracts";
import type { Scope } from "../../platform/access.ts";
import { pathInScope } from "../../platform/access.ts";
import type { MemberRow } from "./members.repository.ts";

/** Whether a scope reaches a member through either of their organizations. */
export function memberReachable(scope: Scope, row: Pick<MemberRow, "primary_org_path" | "co_org_path">): boolean {
  return pathInScope(scope, row.primary_org_path) || (row.co_org_path !== null && pathInScope(scope, row.co_org_path));
}

/** Row → DTO. Only masked personal data ever leaves through here; the full values need reveal. */
export function presentMember(row: MemberRow, abilities: { write: Scope; reveal: Scope }): Member {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Member["gender"],
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    idNumberMasked: row.id_number_masked,
    phoneMasked: row.phone_masked,
    education: row.education as Member["education"],
    joinDate: row.join_date,
    status: row.status as MemberStatus,
    primaryOrg: { id: row.primary_org_id, name: row.primary_org_name },
    coOrg: row.co_org_id === null ? null : { id: row.co_org_id, name: row.co_org_name ?? "" },
    abilities: {
      update: memberReachable(abilities.write, row),
      reveal: memberReachable(abilities.reveal, row),
    },
  };
}
