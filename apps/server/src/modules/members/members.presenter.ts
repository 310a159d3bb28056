import type { Member, MemberStatus } from "@huzhu/contracts";
import { ageInYear } from "@huzhu/domain";
import type { MemberRow } from "./members.repository.ts";

/**
 * Row → DTO. Only masked personal data ever leaves through here; the full values (ID number,
 * phone, birth date) need reveal. `today` is the service's clock, for the age.
 */
export function presentMember(row: MemberRow, abilities: Record<string, boolean>, today: Date): Member {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Member["gender"],
    ethnicity: row.ethnicity,
    birthYear: row.birth_year,
    age: ageInYear(row.birth_year, today),
    idNumberMasked: row.id_number_masked,
    phoneMasked: row.phone_masked,
    education: row.education as Member["education"],
    joinDate: row.join_date,
    status: row.status as MemberStatus,
    primaryOrg: { id: row.primary_org_id, name: row.primary_org_name },
    coOrg: row.co_org_id === null ? null : { id: row.co_org_id, name: row.co_org_name ?? "" },
    // presentAbilities answers every presented ability of the member policy.
    abilities: abilities as Member["abilities"],
  };
}
