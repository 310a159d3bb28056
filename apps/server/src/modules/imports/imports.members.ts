import { createMemberBody, isoDate } from "@huzhu/contracts";
import { maskIdNumber } from "@huzhu/domain";
import type { z } from "zod";
import type { ImportRowProblem } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { hasMessage } from "../../platform/i18n.ts";
import {
  type ExistingMember,
  type MemberImportDirectory,
  type MemberImportFields,
  memberProblems,
} from "../members/members.import.ts";
import { type CellValue, cellText, isoDay, type SheetRow } from "./imports.reader.ts";

/**
 * The members template's columns (issue 13, in this order) and the checks of one row: each cell
 * through the contracts' own schema for that field (the ones POST /api/members validates with),
 * then the members module's rules on the fields together, then the organizations (by 12-digit
 * division code or full name, inside the importer's jurisdiction) and the roster (the ID number's
 * blind index: new, changed, unchanged, or someone else's member — a conflict, never moved).
 */
export const memberColumns = [
  { key: "name", header: "姓名", required: true },
  { key: "gender", header: "性别", required: true },
  { key: "ethnicity", header: "民族", required: true },
  { key: "birthDate", header: "出生日期", required: true },
  { key: "idNumber", header: "公民身份号码", required: true },
  { key: "phone", header: "手机号码", required: false },
  { key: "education", header: "学历", required: true },
  { key: "joinDate", header: "入党日期", required: true },
  { key: "status", header: "党员类别", required: true },
  { key: "primaryOrg", header: "所在党组织", required: true },
  { key: "coOrg", header: "共管党组织", required: false },
] as const;
export type MemberColumnKey = (typeof memberColumns)[number]["key"];
export const memberHeader = (key: string) => memberColumns.find((c) => c.key === key)?.header ?? key;

/** The closed vocabularies in the words the template's lists offer. */
export const genderWords: Record<string, string> = { 男: "male", 女: "female" };
export const statusWords: Record<string, string> = { 正式党员: "full", 预备党员: "probationary" };
export const educationWords: Record<string, string> = {
  小学: "primary",
  初中: "junior_high",
  高中: "senior_high",
  中专: "vocational",
  大专: "associate",
  大学本科: "bachelor",
  硕士研究生: "master",
  博士研究生: "doctorate",
};
export const wordOf = (table: Record<string, string>, value: string) =>
  Object.entries(table).find(([, v]) => v === value)?.[0] ?? value;

/** An organization as a row names it: a 12-digit division code, or a full name. */
export interface OrgRef {
  code: string | null;
  name: string | null;
}
const orgRefOf = (text: string): OrgRef =>
  /^\d{12}$/.test(text) ? { code: text, name: null } : { code: null, name: text };

/** One row after its own checks (before the database): what it says, and what is wrong with it. */
export interface ParsedMemberRow {
  row: number;
  fields: Partial<Omit<MemberImportFields, "primaryOrgId" | "coOrgId">>;
  primaryOrg: OrgRef | null;
  coOrg: OrgRef | null;
  problems: ImportRowProblem[];
}

/** The outcome of a row after every check. */
export interface CheckedMemberRow {
  row: number;
  outcome: "new" | "changed" | "unchanged" | "bad";
  name: string;
  idNumberMasked: string;
  orgName: string;
  changes: string[];
  problems: ImportRowProblem[];
  /** For new and changed rows: what to write. */
  write?: { id: number | null; fields: MemberImportFields };
}

const shape = createMemberBody.shape;

/** A contract field schema's first problem as a message key (its own key, or a generic one). */
export function schemaProblem(schema: z.ZodType, value: unknown): { value?: unknown; code?: string } {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  const message = result.error.issues[0]?.message ?? "";
  return { code: hasMessage(message) ? message : "import.invalidValue" };
}

/** A date cell: an Excel date, or text YYYY-MM-DD that is a real day. */
export function dateOf(value: CellValue): { value?: string; code?: string } {
  if (value instanceof Date) {
    const day = isoDay(value);
    return day ? { value: day } : { code: "date.invalid" };
  }
  if (typeof value === "number") return { code: "import.dateFormat" };
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { code: "import.dateFormat" };
  const r = schemaProblem(isoDate, text);
  return r.code ? { code: "date.invalid" } : { value: text };
}

/** The header row's problem, if any: the first of the template's columns missing or out of place. */
export function memberHeaderProblem(cells: CellValue[]): { code: string; params: Record<string, string> } | null {
  for (const [i, column] of memberColumns.entries()) {
    const found = cellText(cells[i] ?? null);
    if (found !== column.header) {
      return {
        code: "import.wrongHeaders",
        params: { column: columnLetter(i), expected: column.header, found: found ?? "" },
      };
    }
  }
  return null;
}

export const columnLetter = (i: number) =>
  i < 26
    ? String.fromCharCode(65 + i)
    : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));

/** A row's own checks: each cell, then the fields together (the members module's rules). */
export function parseMemberRow(row: SheetRow, today: string): ParsedMemberRow {
  const problems: ImportRowProblem[] = [];
  const fields: ParsedMemberRow["fields"] = {};
  const cell = (key: MemberColumnKey) => row.cells[memberColumns.findIndex((c) => c.key === key)] ?? null;
  const problem = (column: MemberColumnKey, code: string, params?: Record<string, string | number>) =>
    problems.push({ column, code, ...(params ? { params } : {}) });
  for (const column of memberColumns) {
    if (column.required && cell(column.key) === null) problem(column.key, "validation.required");
  }
  const text = (key: MemberColumnKey) => cellText(cell(key));

  const name = text("name");
  if (name !== null) {
    const r = schemaProblem(shape.name, name);
    if (r.code) problem("name", r.code);
    else fields.name = r.value as string;
  }
  const gender = text("gender");
  if (gender !== null) {
    if (genderWords[gender]) fields.gender = genderWords[gender];
    else problem("gender", "import.notInList", { allowed: Object.keys(genderWords).join("、") });
  }
  const ethnicity = text("ethnicity");
  if (ethnicity !== null) {
    const r = schemaProblem(shape.ethnicity, ethnicity);
    if (r.code) problem("ethnicity", r.code);
    else fields.ethnicity = r.value as string;
  }
  for (const key of ["birthDate", "joinDate"] as const) {
    const value = cell(key);
    if (value === null) continue;
    const r = dateOf(value);
    if (r.code) problem(key, r.code);
    else fields[key] = r.value as string;
  }
  const idCell = cell("idNumber");
  if (idCell !== null) {
    // An 18-digit number typed into a number cell has already lost its last digits in Excel.
    if (typeof idCell === "number") problem("idNumber", "import.idNumberAsNumber");
    else {
      const r = schemaProblem(shape.idNumber, cellText(idCell));
      if (r.code) problem("idNumber", r.code);
      else fields.idNumber = r.value as string;
    }
  }
  const phone = text("phone");
  if (phone === null) fields.phone = null;
  else {
    const r = schemaProblem(shape.phone, phone);
    if (r.code) problem("phone", r.code);
    else fields.phone = r.value as string;
  }
  const education = text("education");
  if (education !== null) {
    if (educationWords[education]) fields.education = educationWords[education];
    else problem("education", "import.notInList", { allowed: Object.keys(educationWords).join("、") });
  }
  const status = text("status");
  if (status !== null) {
    if (statusWords[status]) fields.status = statusWords[status];
    else problem("status", "import.notInList", { allowed: Object.keys(statusWords).join("、") });
  }
  const primary = text("primaryOrg");
  const co = text("coOrg");

  // The fields together, as POST /api/members checks them, when each of them was readable.
  if (fields.idNumber && fields.birthDate && fields.gender && fields.joinDate) {
    for (const p of memberProblems(
      { idNumber: fields.idNumber, birthDate: fields.birthDate, gender: fields.gender, joinDate: fields.joinDate },
      today,
    )) {
      problem(p.field, p.code);
    }
  }
  return {
    row: row.number,
    fields,
    primaryOrg: primary === null ? null : orgRefOf(primary),
    coOrg: co === null ? null : orgRefOf(co),
    problems,
  };
}

type ResolvedOrg = Awaited<ReturnType<MemberImportDirectory["resolveOrgs"]>>[number];

/**
 * The checks against the database for all rows at once: organizations (one query for every code
 * and name in the file, one per ability to authorize them), the roster (by blind index, in chunks),
 * duplicates inside the file. Answers every row's outcome in the file's order.
 */
export async function checkMemberRows(
  directory: MemberImportDirectory,
  actor: Actor,
  parsed: readonly ParsedMemberRow[],
): Promise<CheckedMemberRow[]> {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const p of parsed) {
    for (const ref of [p.primaryOrg, p.coOrg]) {
      if (ref?.code) codes.add(ref.code);
      if (ref?.name) names.add(ref.name);
    }
  }
  const orgs = await directory.resolveOrgs(actor, [...codes], [...names]);
  const byCode = new Map<string, ResolvedOrg>();
  const byName = new Map<string, ResolvedOrg[]>();
  const orgNames = new Map<number, string>();
  for (const o of orgs) {
    orgNames.set(o.id, o.name);
    if (o.divisionCode) byCode.set(o.divisionCode, o);
    byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  }
  const candidates = (ref: OrgRef) =>
    ref.code ? [byCode.get(ref.code)].filter((o) => o !== undefined) : (byName.get(ref.name ?? "") ?? []);

  // Duplicates inside the file: the second and later rows name the first.
  const firstRowOf = new Map<string, number>();
  const valid = parsed.filter((p) => p.fields.idNumber);
  const existing = await directory.findByIdNumbers(
    actor,
    valid.map((p) => p.fields.idNumber as string),
  );

  return parsed.map((p): CheckedMemberRow => {
    const problems = [...p.problems];
    let primaryOrgId: number | null = null;
    let coOrgId: number | null = null;
    if (p.primaryOrg) {
      const found = candidates(p.primaryOrg);
      const usable = found.filter((o) => o.addable);
      if (found.length === 0) problems.push({ column: "primaryOrg", code: "import.orgNotFound" });
      else if (usable.length > 1) problems.push({ column: "primaryOrg", code: "import.orgAmbiguous" });
      else if (usable.length === 1) primaryOrgId = (usable[0] as ResolvedOrg).id;
      else if (found.some((o) => o.readable && o.status !== "active"))
        problems.push({ column: "primaryOrg", code: "org.dissolved" });
      else problems.push({ column: "primaryOrg", code: "import.orgOutsideJurisdiction" });
    }
    if (p.coOrg) {
      const found = candidates(p.coOrg);
      const usable = found.filter((o) => o.readable && o.status === "active");
      if (found.length === 0) problems.push({ column: "coOrg", code: "import.orgNotFound" });
      else if (usable.length > 1) problems.push({ column: "coOrg", code: "import.orgAmbiguous" });
      else if (usable.length === 0) problems.push({ column: "coOrg", code: "import.orgOutsideJurisdiction" });
      else {
        coOrgId = (usable[0] as ResolvedOrg).id;
        if (coOrgId === primaryOrgId) problems.push({ column: "coOrg", code: "member.coOrgSame" });
      }
    }
    const idNumber = p.fields.idNumber;
    let current: ExistingMember | undefined;
    if (idNumber) {
      const first = firstRowOf.get(idNumber);
      if (first !== undefined)
        problems.push({ column: "idNumber", code: "import.duplicateInFile", params: { row: first } });
      else firstRowOf.set(idNumber, p.row);
      current = existing.get(idNumber);
      // Someone else's member: a transfer (组织关系转接) moves them, an import never does.
      if (current && !current.manageable) problems.push({ column: "idNumber", code: "import.idNumberElsewhere" });
    }
    const base = {
      row: p.row,
      name: p.fields.name ?? "",
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : "",
      orgName: primaryOrgId === null ? "" : (orgNames.get(primaryOrgId) ?? ""),
    };
    if (problems.length > 0 || primaryOrgId === null) {
      return { ...base, outcome: "bad", changes: [], problems };
    }
    const fields = { ...p.fields, primaryOrgId, coOrgId } as MemberImportFields;
    if (!current) return { ...base, outcome: "new", changes: [], problems, write: { id: null, fields } };
    const changes = changedColumns(current, fields);
    if (changes.length === 0) return { ...base, outcome: "unchanged", changes, problems };
    return { ...base, outcome: "changed", changes, problems, write: { id: current.id, fields } };
  });
}

/** The template's columns whose value differs from the stored member's. */
function changedColumns(current: ExistingMember, next: MemberImportFields): string[] {
  const c = current.fields;
  const changed: MemberColumnKey[] = [];
  if (c.name !== next.name) changed.push("name");
  if (c.gender !== next.gender) changed.push("gender");
  if (c.ethnicity !== next.ethnicity) changed.push("ethnicity");
  if (c.phone !== next.phone) changed.push("phone");
  if (c.education !== next.education) changed.push("education");
  if (c.joinDate !== next.joinDate) changed.push("joinDate");
  if (c.status !== next.status) changed.push("status");
  if (c.primaryOrgId !== next.primaryOrgId) changed.push("primaryOrg");
  if (c.coOrgId !== next.coOrgId) changed.push("coOrg");
  return changed;
}

/** An example row for the template (a made-up person whose ID number is valid). */
export const memberExampleRow = (orgCode: string) => [
  "张三",
  wordOf(genderWords, "male"),
  "汉族",
  "1985-06-15",
  "350824198506150018",
  "13800138000",
  wordOf(educationWords, "bachelor"),
  "2010-07-01",
  wordOf(statusWords, "full"),
  orgCode,
  "",
];
