import { createOrgBody, divisionCode, type UpdateOrgBody } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB, ImportRowProblem } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { runCommand } from "../../platform/commands.ts";
import type { DivisionDirectory } from "../divisions/divisions.ts";
import { allowedIds } from "../members/members.import.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { type OrgsService, orgDirectory } from "../orgs/orgs.service.ts";
import {
  type CheckedRow,
  headerProblemOf,
  type OrgRefText,
  orgRefText,
  type ParsedRow,
  pickOrg,
  referenced,
  wordProblem,
} from "./imports.kinds.ts";
import { schemaProblem } from "./imports.members.ts";
import { cellText, type SheetRow } from "./imports.reader.ts";

/**
 * Organizations (issue 13): the template's columns, the checks of one row (the contracts' own
 * schemas of POST /api/orgs, the closed vocabularies), then against the tree: the parent by
 * division code or full name — an organization the importer may add children to (orgPolicy
 * .createChild), or a row above in the same file — and the natural key: the division code, else
 * the name under the parent. An organization found so must be one the importer may update
 * (orgPolicy.update) and stay under the same parent (a move is the tree's, never an import's).
 * Writes go through the organizations' own commands (org.create, org.update), audited as typed ones.
 */
export const orgColumns = [
  { key: "name", header: "党组织全称", required: true },
  { key: "parent", header: "上级党组织", required: true },
  { key: "kind", header: "组织类型", required: true },
  { key: "category", header: "单位类别", required: true },
  { key: "area", header: "城乡", required: true },
  { key: "divisionCode", header: "行政区划代码", required: false },
  { key: "secretaryName", header: "书记姓名", required: false },
] as const;
export type OrgColumnKey = (typeof orgColumns)[number]["key"];

export const orgKindWords: Record<string, string> = {
  党委: "committee",
  党总支: "general_branch",
  党支部: "branch",
  联合党支部: "joint_branch",
  临时党支部: "temporary_branch",
};
export const orgCategoryWords: Record<string, string> = {
  农村: "village",
  城市社区: "urban_community",
  机关: "government_organ",
  国有企业: "state_enterprise",
  非公企业: "private_enterprise",
  学校: "school",
  医院: "hospital",
  社会组织: "social_organization",
  乡镇街道: "town_street",
  县区: "county",
  市: "city",
};
export const orgAreaWords: Record<string, string> = { 城市: "urban", 农村: "rural" };

export interface OrgImportFields {
  name: string;
  kind: string;
  category: string;
  area: string;
  /** Blank: none for a new organization, kept as it is for one already there. */
  divisionCode: string | null;
  secretaryName: string | null;
}

export interface ParsedOrgRow extends ParsedRow {
  fields: Partial<OrgImportFields>;
  parent: OrgRefText | null;
}

/** What a new or changed row writes: a new organization under a stored one or under a row above, or changed fields. */
export type OrgWrite =
  | {
      create: {
        parent: { id: number } | { row: number };
        fields: OrgImportFields;
        divisionName: string | null;
      };
    }
  | { update: { id: number; body: UpdateOrgBody; divisionName: string | null | undefined } };

const shape = createOrgBody.shape;

export const orgHeaderProblem = (cells: SheetRow["cells"]) => headerProblemOf(orgColumns, cells);

export function parseOrgRow(row: SheetRow): ParsedOrgRow {
  const problems: ImportRowProblem[] = [];
  const fields: ParsedOrgRow["fields"] = {};
  const cell = (key: OrgColumnKey) => row.cells[orgColumns.findIndex((c) => c.key === key)] ?? null;
  const text = (key: OrgColumnKey) => cellText(cell(key));
  const problem = (column: OrgColumnKey, code: string, params?: Record<string, string | number>) =>
    problems.push({ column, code, ...(params ? { params } : {}) });
  for (const column of orgColumns) {
    if (column.required && text(column.key) === null) problem(column.key, "validation.required");
  }
  const name = text("name");
  if (name !== null) {
    const r = schemaProblem(shape.name, name);
    if (r.code) problem("name", r.code);
    else fields.name = r.value as string;
  }
  for (const [key, table] of [
    ["kind", orgKindWords],
    ["category", orgCategoryWords],
    ["area", orgAreaWords],
  ] as const) {
    const value = text(key);
    if (value === null) continue;
    const r = wordProblem(table, value);
    if (r.problem) problem(key, r.problem.code, r.problem.params);
    else fields[key] = r.value;
  }
  const code = text("divisionCode");
  if (code === null) fields.divisionCode = null;
  else {
    const r = schemaProblem(divisionCode, code);
    if (r.code) problem("divisionCode", r.code);
    else fields.divisionCode = r.value as string;
  }
  const secretary = text("secretaryName");
  if (secretary === null) fields.secretaryName = null;
  else {
    const r = schemaProblem(shape.secretaryName, secretary);
    if (r.code) problem("secretaryName", r.code);
    else fields.secretaryName = (r.value as string | null) || null;
  }
  const parent = text("parent");
  return { row: row.number, problems, fields, parent: parent === null ? null : orgRefText(parent) };
}

type FoundOrg = Awaited<ReturnType<ReturnType<typeof orgDirectory>["findByCodesOrNames"]>>[number];

/** A row above that makes a new organization, as a parent a later row may name (by its own code or name). */
interface PendingOrg {
  row: number;
  name: string;
  /** The code it is known by (a place's own organization), else null. */
  divisionCode: string | null;
  /** The code it carries. */
  ownCode: string | null;
}

/** Every check against the tree, for all rows at once; the outcomes in the file's order. */
export async function checkOrgRows(
  db: Kysely<DB>,
  actor: Actor,
  divisions: DivisionDirectory,
  parsed: readonly ParsedOrgRow[],
): Promise<CheckedRow<OrgWrite>[]> {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const p of parsed) {
    if (p.parent?.code) codes.add(p.parent.code);
    if (p.parent?.name) names.add(p.parent.name);
    if (p.fields.divisionCode) codes.add(p.fields.divisionCode);
    if (p.fields.name) names.add(p.fields.name);
  }
  const directory = orgDirectory(db);
  const found = await directory.findByCodesOrNames([...codes], [...names]);
  const ids = found.map((o) => o.id);
  const [creatable, updatable, readable] = await Promise.all([
    allowedIds(db, actor, orgPolicy.createChild, ids, directory.loadForRules),
    allowedIds(db, actor, orgPolicy.update, ids, directory.loadForRules),
    allowedIds(db, actor, orgPolicy.read, ids, directory.loadForRules),
  ]);
  const divisionNames = new Map<string, string | null>();
  for (const p of parsed) {
    const code = p.fields.divisionCode;
    if (code && !divisionNames.has(code)) divisionNames.set(code, await divisions.nameOf(code));
  }
  const byName = (name: string) => found.filter((o) => o.name === name);
  const pending: PendingOrg[] = [];
  const seen = new Map<string, number>();

  return parsed.map((p): CheckedRow<OrgWrite> => {
    const problems = [...p.problems];
    const f = p.fields;
    let parent: FoundOrg | PendingOrg | null = null;
    if (p.parent) {
      const ref = p.parent;
      const stored = referenced(found, ref);
      const above = pending.filter((o) => (ref.code ? o.divisionCode === ref.code : o.name === ref.name));
      if (above.length + stored.filter((o) => creatable.has(o.id)).length > 1)
        problems.push({ column: "parent", code: "import.orgAmbiguous" });
      else if (above.length === 1) parent = above[0] as PendingOrg;
      else {
        const pick = pickOrg(
          stored,
          (o) => creatable.has(o.id),
          (o) => readable.has(o.id),
        );
        if (pick.code) problems.push({ column: "parent", code: pick.code });
        else parent = pick.org ?? null;
      }
    }
    if (f.divisionCode && divisionNames.get(f.divisionCode) === null)
      problems.push({ column: "divisionCode", code: "divisionCode.unknown" });

    // The natural key: the division code of a place's own organization, else the name under the
    // parent (a unit under a parent of the same code carries its place's code, not its own).
    const parentCode = parent === null ? null : "row" in parent ? parent.ownCode : parent.divisionCode;
    const byItsCode = f.divisionCode && parentCode !== f.divisionCode ? f.divisionCode : null;
    let existing: FoundOrg | undefined;
    if (byItsCode) {
      const withCode = referenced(found, { code: byItsCode, name: null });
      if (withCode.length > 1) problems.push({ column: "divisionCode", code: "import.orgAmbiguous" });
      existing = withCode.length === 1 ? withCode[0] : undefined;
    } else if (f.name && parent && "id" in parent) {
      const parentId = parent.id;
      const under = byName(f.name).filter((o) => o.parentId === parentId);
      if (under.length > 1) problems.push({ column: "name", code: "import.orgAmbiguous" });
      existing = under.length === 1 ? under[0] : undefined;
    }
    const parentKey = parent === null ? "" : "id" in parent ? `id:${parent.id}` : `row:${parent.row}`;
    const key = byItsCode ? `code:${byItsCode}` : `name:${parentKey}/${f.name ?? ""}`;
    if (f.name && parent) {
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({
          column: byItsCode ? "divisionCode" : "name",
          code: "import.duplicateInFile",
          params: { row: first },
        });
      else seen.set(key, p.row);
    }
    if (existing) {
      if (!updatable.has(existing.id)) {
        const dissolved = readable.has(existing.id) && existing.status !== "active";
        problems.push({ column: "name", code: dissolved ? "org.dissolved" : "import.orgOutsideJurisdiction" });
      } else if (parent && !("id" in parent && parent.id === existing.parentId)) {
        problems.push({ column: "parent", code: "import.orgParentDiffers" });
      }
    }
    const base = {
      row: p.row,
      name: f.name ?? "",
      idNumberMasked: f.divisionCode ?? existing?.divisionCode ?? "",
      orgName: parent?.name ?? "",
    };
    if (problems.length > 0 || parent === null) return { ...base, outcome: "bad", changes: [], problems };
    const fields = f as OrgImportFields;
    const divisionName = fields.divisionCode ? (divisionNames.get(fields.divisionCode) ?? null) : null;
    if (!existing) {
      pending.push({ row: p.row, name: fields.name, divisionCode: byItsCode, ownCode: fields.divisionCode });
      const at = "id" in parent ? { id: parent.id } : { row: parent.row };
      return {
        ...base,
        outcome: "new",
        changes: [],
        problems,
        write: { create: { parent: at, fields, divisionName } },
      };
    }
    const body: UpdateOrgBody = {};
    const changes: OrgColumnKey[] = [];
    if (existing.name !== fields.name) {
      body.name = fields.name;
      changes.push("name");
    }
    if (existing.kind !== fields.kind) {
      body.kind = fields.kind as UpdateOrgBody["kind"];
      changes.push("kind");
    }
    if (existing.category !== fields.category) {
      body.category = fields.category as UpdateOrgBody["category"];
      changes.push("category");
    }
    if (existing.area !== fields.area) {
      body.area = fields.area as UpdateOrgBody["area"];
      changes.push("area");
    }
    if (fields.divisionCode !== null && existing.divisionCode !== fields.divisionCode) {
      body.divisionCode = fields.divisionCode;
      changes.push("divisionCode");
    }
    if (existing.secretaryName !== fields.secretaryName) {
      body.secretaryName = fields.secretaryName;
      changes.push("secretaryName");
    }
    if (changes.length === 0) return { ...base, outcome: "unchanged", changes, problems };
    return {
      ...base,
      outcome: "changed",
      changes,
      problems,
      write: {
        update: { id: existing.id, body, divisionName: body.divisionCode === undefined ? undefined : divisionName },
      },
    };
  });
}

/**
 * Writes the checked rows in the file's order inside the caller's transaction, each through the
 * organizations' own command (authorized again and audited as org.create or org.update); a row
 * whose parent is a row above gets that row's new id.
 */
export async function writeOrgRows(
  trx: Kysely<DB>,
  actor: Actor,
  commands: OrgsService["commands"],
  rows: readonly CheckedRow<OrgWrite>[],
): Promise<{ created: number; updated: number }> {
  const createdAt = new Map<number, number>();
  let created = 0;
  let updated = 0;
  for (const r of rows) {
    const w = r.write;
    if (!w) continue;
    if ("create" in w) {
      const { parent, fields, divisionName } = w.create;
      const parentId = "id" in parent ? parent.id : createdAt.get(parent.row);
      if (parentId === undefined) throw new Error(`import: row ${r.row}'s parent row was not written`);
      const id = await runCommand(trx, actor, commands.create, {
        parentId,
        name: fields.name,
        kind: fields.kind as never,
        category: fields.category as never,
        area: fields.area as never,
        divisionCode: fields.divisionCode,
        secretaryName: fields.secretaryName,
        units: [],
        divisionName,
      });
      createdAt.set(r.row, id);
      created += 1;
    } else {
      await runCommand(trx, actor, commands.update, w.update);
      updated += 1;
    }
  }
  return { created, updated };
}

/** The example row of the template: a village's branch under its town's committee (by the town's code). */
export const orgExampleRow = ["中共三联村支部委员会", "350824101", "党支部", "农村", "农村", "350824101201", "张三"];
