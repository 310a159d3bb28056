import { createNeedBody, type UpdateNeedBody } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB, ImportRowProblem } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { runCommand } from "../../platform/commands.ts";
import type { Ability } from "../../platform/policy.ts";
import { allowedIds } from "../members/members.import.ts";
import { helpDirectory } from "../needs/needs.directory.ts";
import { helpOrgPolicy, needPolicy } from "../needs/needs.policy.ts";
import type { NeedRow } from "../needs/needs.repository.ts";
import type { NeedsService } from "../needs/needs.service.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
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
import { dateOf, schemaProblem } from "./imports.members.ts";
import { type CellValue, cellText, type SheetRow } from "./imports.reader.ts";

/**
 * Needs (需求清单, issue 13): the template's columns, each cell through the contracts' schema of
 * POST /api/needs, then against the database: the organization (division code or full name) one
 * the importer may act for in mutual help (helpOrgPolicy.actFor: help.write in its jurisdiction,
 * active), and the natural key — the organization and the title: a need of that organization with
 * that title is the same need (changed or unchanged), updated only where needPolicy.update allows
 * (its owner's side, a state that may still change). Writes are the needs module's own commands
 * (need.create, need.update), audited as typed ones. Resources share all of it (imports.resources.ts).
 */
export const needColumns = [
  { key: "org", header: "提出需求的党组织", required: true },
  { key: "category", header: "需求类别", required: true },
  { key: "title", header: "需求标题", required: true },
  { key: "description", header: "需求描述", required: true },
  { key: "urgency", header: "紧急程度", required: false },
  { key: "deadline", header: "截止日期", required: false },
  { key: "visibility", header: "公开范围", required: false },
] as const;

export const needCategoryWords: Record<string, string> = {
  找差距: "diagnosis",
  筹资金: "funds",
  谋发展: "development",
  建班子: "leadership",
  建阵地: "venue",
  建制度: "institutions",
  发展经济: "economy",
  改善民生: "livelihood",
  扶贫帮困: "poverty_relief",
  教育培训: "training",
  其他: "other",
};
/** The web's words for urgency (不急, 一般, 较急, 紧急); blank is 一般. */
export const urgencyWords: Record<string, string> = { 不急: "low", 一般: "normal", 较急: "high", 紧急: "urgent" };
/** Who sees the record beyond its organization's superiors; blank is 全县（市）, the web form's default. */
export const visibilityWords: Record<string, string> = {
  仅上级党组织: "superiors",
  结对单位: "partners",
  "全县（市）": "region",
};

/** One row of a needs or resources file after its own checks. */
export interface ParsedHelpRow<F> extends ParsedRow {
  org: OrgRefText | null;
  fields: Partial<F>;
}

export interface NeedImportFields {
  category: string;
  title: string;
  description: string;
  urgency: string;
  deadline: string | null;
  visibility: string;
}

/** What a new or changed row writes. */
export type HelpWrite<Create, Update> = { create: Create } | { update: { id: number; body: Update } };
export type NeedWrite = HelpWrite<NeedImportFields & { orgId: number }, UpdateNeedBody>;

/** A row's cells as the columns name them, and how to note a problem of a column. */
export function rowReader(columns: readonly { key: string; header: string; required: boolean }[], row: SheetRow) {
  const problems: ImportRowProblem[] = [];
  const cell = (key: string): CellValue => row.cells[columns.findIndex((c) => c.key === key)] ?? null;
  const text = (key: string) => cellText(cell(key));
  const problem = (column: string, code: string, params?: Record<string, string | number>) =>
    problems.push({ column, code, ...(params ? { params } : {}) });
  for (const column of columns) {
    if (column.required && text(column.key) === null) problem(column.key, "validation.required");
  }
  const word = (key: string, table: Record<string, string>, blank: string | null) => {
    const value = text(key);
    if (value === null) return blank ?? undefined;
    const r = wordProblem(table, value);
    if (r.problem) problem(key, r.problem.code, r.problem.params);
    return r.value;
  };
  const schemaText = (key: string, schema: Parameters<typeof schemaProblem>[0]) => {
    const value = text(key);
    if (value === null) return undefined;
    const r = schemaProblem(schema, value);
    if (r.code) problem(key, r.code);
    return r.code ? undefined : (r.value as string);
  };
  return { problems, cell, text, problem, word, schemaText };
}

const shape = createNeedBody.shape;

export const needHeaderProblem = (cells: SheetRow["cells"]) => headerProblemOf(needColumns, cells);

export function parseNeedRow(row: SheetRow): ParsedHelpRow<NeedImportFields> {
  const r = rowReader(needColumns, row);
  const fields: Partial<NeedImportFields> = {
    category: r.word("category", needCategoryWords, null),
    title: r.schemaText("title", shape.title),
    description: r.schemaText("description", shape.description),
    urgency: r.word("urgency", urgencyWords, "normal"),
    visibility: r.word("visibility", visibilityWords, "region"),
  };
  const deadline = r.cell("deadline");
  if (deadline === null) fields.deadline = null;
  else {
    const d = dateOf(deadline);
    if (d.code) r.problem("deadline", d.code);
    else fields.deadline = d.value as string;
  }
  const org = r.text("org");
  return { row: row.number, problems: r.problems, fields, org: org === null ? null : orgRefText(org) };
}

/**
 * The checks against the database shared by needs and resources: the organization (one query for
 * every reference, authorized with helpOrgPolicy.actFor), the stored records under the natural key
 * (organization and title), duplicates inside the file, and whether a changed record may be updated.
 */
export async function checkHelpRows<
  F extends { title: string },
  Existing extends { id: number; org_id: number; title: string },
  Update,
>(
  db: Kysely<DB>,
  actor: Actor,
  parsed: readonly ParsedHelpRow<F>[],
  kind: {
    existing: (orgIds: readonly number[], titles: readonly string[]) => Promise<Existing[]>;
    update: Ability<Existing>;
    /** The changed columns and the update's body; empty when nothing differs. */
    compare: (existing: Existing, fields: F) => { changes: string[]; body: Update };
    /** Problems of what would be written (a deadline already past), as the command would refuse them. */
    writeProblems?: (fields: F, changes: readonly string[] | null) => ImportRowProblem[];
  },
): Promise<CheckedRow<HelpWrite<F & { orgId: number }, Update>>[]> {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const p of parsed) {
    if (p.org?.code) codes.add(p.org.code);
    if (p.org?.name) names.add(p.org.name);
  }
  const directory = orgDirectory(db);
  const found = await directory.findByCodesOrNames([...codes], [...names]);
  const ids = found.map((o) => o.id);
  const [actable, readable] = await Promise.all([
    allowedIds(db, actor, helpOrgPolicy.actFor, ids, directory.loadForRules),
    allowedIds(db, actor, orgPolicy.read, ids, directory.loadForRules),
  ]);
  const orgOf = (ref: OrgRefText) =>
    pickOrg(
      referenced(found, ref),
      (o) => actable.has(o.id),
      (o) => readable.has(o.id),
    );
  const picked = parsed.map((p) => (p.org ? orgOf(p.org) : null));
  const orgIds = picked.flatMap((o) => (o?.org ? [o.org.id] : []));
  const titles = parsed.flatMap((p) => (p.fields.title ? [p.fields.title] : []));
  const stored = await kind.existing(orgIds, titles);
  const updatable = await allowedIds(
    db,
    actor,
    kind.update,
    stored.map((s) => s.id),
  );
  const keyOf = (orgId: number, title: string) => `${orgId}\u0000${title}`;
  const byKey = new Map<string, Existing[]>();
  for (const s of stored) byKey.set(keyOf(s.org_id, s.title), [...(byKey.get(keyOf(s.org_id, s.title)) ?? []), s]);
  const seen = new Map<string, number>();

  return parsed.map((p, i): CheckedRow<HelpWrite<F & { orgId: number }, Update>> => {
    const problems = [...p.problems];
    const pick = picked[i];
    if (pick?.code) problems.push({ column: "org", code: pick.code });
    const org = pick?.org;
    const title = p.fields.title;
    let existing: Existing | undefined;
    if (org && title) {
      const key = keyOf(org.id, title);
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({ column: "title", code: "import.duplicateInFile", params: { row: first } });
      else seen.set(key, p.row);
      const same = byKey.get(key) ?? [];
      if (same.length > 1) problems.push({ column: "title", code: "import.recordAmbiguous" });
      existing = same.length === 1 ? same[0] : undefined;
    }
    const base = { row: p.row, name: title ?? "", idNumberMasked: "", orgName: org?.name ?? "" };
    if (problems.length > 0 || !org) return { ...base, outcome: "bad", changes: [], problems };
    const fields = p.fields as F;
    if (!existing) {
      const write = kind.writeProblems?.(fields, null) ?? [];
      if (write.length > 0) return { ...base, outcome: "bad", changes: [], problems: write };
      return { ...base, outcome: "new", changes: [], problems, write: { create: { ...fields, orgId: org.id } } };
    }
    const { changes, body } = kind.compare(existing, fields);
    if (changes.length === 0) return { ...base, outcome: "unchanged", changes, problems };
    if (!updatable.has(existing.id))
      return { ...base, outcome: "bad", changes: [], problems: [{ column: "title", code: "import.notUpdatable" }] };
    const write = kind.writeProblems?.(fields, changes) ?? [];
    if (write.length > 0) return { ...base, outcome: "bad", changes: [], problems: write };
    return { ...base, outcome: "changed", changes, problems, write: { update: { id: existing.id, body } } };
  });
}

export function checkNeedRows(
  db: Kysely<DB>,
  actor: Actor,
  parsed: readonly ParsedHelpRow<NeedImportFields>[],
  today: string,
): Promise<CheckedRow<NeedWrite>[]> {
  return checkHelpRows<NeedImportFields, NeedRow, UpdateNeedBody>(db, actor, parsed, {
    existing: (orgIds, titles) => helpDirectory(db).needsByOrgAndTitle(orgIds, titles),
    update: needPolicy.update,
    compare(n, f) {
      const body: UpdateNeedBody = {};
      const changes: string[] = [];
      if (n.category !== f.category) {
        body.category = f.category as UpdateNeedBody["category"];
        changes.push("category");
      }
      if (n.description !== f.description) {
        body.description = f.description;
        changes.push("description");
      }
      if (n.urgency !== f.urgency) {
        body.urgency = f.urgency as UpdateNeedBody["urgency"];
        changes.push("urgency");
      }
      if ((n.deadline ?? null) !== f.deadline) {
        body.deadline = f.deadline;
        changes.push("deadline");
      }
      if (n.visibility !== f.visibility) {
        body.visibility = f.visibility as UpdateNeedBody["visibility"];
        changes.push("visibility");
      }
      return { changes, body };
    },
    // POST /api/needs refuses a deadline already past, and PATCH when it changes the deadline.
    writeProblems: (f, changes) =>
      f.deadline && f.deadline < today && (changes === null || changes.includes("deadline"))
        ? [{ column: "deadline", code: "date.past" }]
        : [],
  });
}

/** Writes the checked rows through the needs module's own commands (need.create, need.update). */
export async function writeNeedRows(
  trx: Kysely<DB>,
  actor: Actor,
  commands: NeedsService["commands"],
  rows: readonly CheckedRow<NeedWrite>[],
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const r of rows) {
    const w = r.write;
    if (!w) continue;
    if ("create" in w) {
      const f = w.create;
      await runCommand(trx, actor, commands.createNeed, {
        orgId: f.orgId,
        category: f.category as never,
        title: f.title,
        description: f.description,
        urgency: f.urgency as never,
        deadline: f.deadline,
        visibility: f.visibility as never,
      });
      created += 1;
    } else {
      await runCommand(trx, actor, commands.updateNeed, w.update);
      updated += 1;
    }
  }
  return { created, updated };
}
