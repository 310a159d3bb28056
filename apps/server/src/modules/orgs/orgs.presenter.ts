import type { Org, OrgArea, OrgCategory, OrgKind } from "@huzhu/contracts";
import type { OrgRow } from "./orgs.repository.ts";

/** Ids on a materialized path, root first, excluding the organization itself. */
export function ancestorIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number).slice(0, -1);
}

/** Row → contract DTO. Whitelists fields: the internal path never leaves the server. */
export function presentOrg(row: OrgRow, abilities: Record<string, boolean>, ancestorNames: Map<number, string>): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind as OrgKind,
    category: row.category as OrgCategory,
    area: row.area as OrgArea,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    secretaryName: row.secretary_name,
    units: row.units,
    flags: row.flags as Org["flags"],
    status: row.status as "active" | "dissolved",
    dissolvedAt: row.dissolved_at ? new Date(row.dissolved_at).toISOString() : null,
    depth: row.depth,
    childCount: row.child_count,
    memberCount: row.member_count,
    ancestors: ancestorIds(row.path)
      .filter((id) => ancestorNames.has(id))
      .map((id) => ({ id, name: ancestorNames.get(id) ?? "" })),
    // presentAbilities answers every presented ability of the policy, so buttons follow the server.
    abilities: abilities as Org["abilities"],
  };
}
