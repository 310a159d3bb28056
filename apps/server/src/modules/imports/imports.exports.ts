import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { scopeOf, visibleWhere } from "../../platform/policy.ts";
import { helpDirectory } from "../needs/needs.directory.ts";
import { needPolicy, resourcePolicy } from "../needs/needs.policy.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { referenced } from "./imports.kinds.ts";
import { wordOf } from "./imports.members.ts";
import { needCategoryWords, urgencyWords, visibilityWords } from "./imports.needs.ts";
import { orgAreaWords, orgCategoryWords, orgKindWords } from "./imports.orgs.ts";
import { resourceCategoryWords } from "./imports.resources.ts";

/**
 * Exports in the import templates' columns (issue 13), for round trips: what the caller may write
 * of a kind, each row as its importer reads it back (a place's own organization by its division code, else by full
 * name; the closed vocabularies in the template's words), so the file imports back as all
 * unchanged. Organizations: those the caller may update below their jurisdiction's roots (a root's
 * parent is outside it), parents first. Needs and resources: those of the caller's own side
 * (needPolicy.update's and resourcePolicy.update's reach). None of these columns is personal data
 * the screens mask. Members have no such export: the roster's is masked, and a masked ID number
 * cannot come back in.
 */
export type ExportKind = "orgs" | "needs" | "resources";
type Cell = string | null;

const isoDay = (value: string | Date | null) =>
  value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export async function exportRows(db: Kysely<DB>, actor: Actor, kind: ExportKind): Promise<Cell[][]> {
  if (kind === "orgs") {
    const scope = scopeOf(actor, orgPolicy.update);
    const rows = await orgDirectory(db).forExport(visibleWhere(actor, orgPolicy.update), scope.paths);
    return rows.map((o) => [
      o.name,
      // By code when the parent is its place's own organization (its parent has another code).
      o.parent_code && o.parent_code !== o.grand_code ? o.parent_code : o.parent_name,
      wordOf(orgKindWords, o.kind),
      wordOf(orgCategoryWords, o.category),
      wordOf(orgAreaWords, o.area),
      o.division_code,
      o.secretary_name,
    ]);
  }
  const help = helpDirectory(db);
  const records =
    kind === "needs"
      ? await help.needsWhere(visibleWhere(actor, needPolicy.update))
      : await help.resourcesWhere(visibleWhere(actor, resourcePolicy.update));
  // An organization by its code when the code finds exactly it (the highest carrying it), else by name.
  const directory = orgDirectory(db);
  const places = (await directory.places([...new Set(records.map((r) => r.org_id))])).flatMap((p) => (p ? [p] : []));
  const codes = [...new Set(places.flatMap((p) => (p.division_code ? [p.division_code] : [])))];
  const withCodes = await directory.findByCodesOrNames(codes, []);
  const refs = new Map<number, string>();
  for (const p of places) {
    const byCode = p.division_code ? referenced(withCodes, { code: p.division_code, name: null }) : [];
    if (p.division_code && byCode.length === 1 && byCode[0]?.id === p.id) refs.set(p.id, p.division_code);
  }
  const orgRef = (r: { org_id: number; org_name: string }) => refs.get(r.org_id) ?? r.org_name;
  if (kind === "needs") {
    return (records as Awaited<ReturnType<typeof help.needsWhere>>).map((n) => [
      orgRef(n),
      wordOf(needCategoryWords, n.category),
      n.title,
      n.description,
      wordOf(urgencyWords, n.urgency),
      isoDay(n.deadline),
      wordOf(visibilityWords, n.visibility),
    ]);
  }
  return (records as Awaited<ReturnType<typeof help.resourcesWhere>>).map((r) => [
    orgRef(r),
    wordOf(resourceCategoryWords, r.category),
    r.title,
    r.description,
    wordOf(visibilityWords, r.visibility),
  ]);
}
