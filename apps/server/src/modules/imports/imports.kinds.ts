import type { ImportRowProblem } from "../../db/schema.ts";
import { type CellValue, cellText } from "./imports.reader.ts";

/**
 * What the importers of organizations, needs and resources share with the members' (issue 13): a kind's columns in the template's order, the header
 * check, the organization references every kind but members makes (12-digit, 9-digit or 6-digit
 * division code, or full name) and the outcome of a checked row.
 */
export interface ImportColumn {
  key: string;
  header: string;
  required: boolean;
}

/** The header row's problem, if any: the first of the template's columns missing or out of place. */
export function headerProblemOf(
  columns: readonly ImportColumn[],
  cells: CellValue[],
): { code: string; params: Record<string, string> } | null {
  for (const [i, column] of columns.entries()) {
    const found = cellText(cells[i] ?? null);
    if (found !== column.header) {
      return {
        code: "import.wrongHeaders",
        params: { column: columnLetterOf(i), expected: column.header, found: found ?? "" },
      };
    }
  }
  return null;
}

const columnLetterOf = (i: number) =>
  i < 26
    ? String.fromCharCode(65 + i)
    : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));

/** One row after its own checks: what it says and what is wrong with it. */
export interface ParsedRow {
  row: number;
  problems: ImportRowProblem[];
}

/** The outcome of a row after every check; `write` is what a new or changed row writes. */
export interface CheckedRow<W = unknown> {
  row: number;
  outcome: "new" | "changed" | "unchanged" | "bad";
  /** What the preview shows of the row: a member's name, an organization's, a need's title. */
  name: string;
  /** A member's masked ID number; an organization's division code; empty for needs and resources. */
  idNumberMasked: string;
  /** The row's organization (a member's, a need's) or an organization's parent. */
  orgName: string;
  changes: string[];
  problems: ImportRowProblem[];
  write?: W;
}

/** An organization as a row names it: a division code (6, 9 or 12 digits), or a full name. */
export interface OrgRefText {
  code: string | null;
  name: string | null;
}
export const orgRefText = (text: string): OrgRefText =>
  /^(\d{6}|\d{9}|\d{12})$/.test(text) ? { code: text, name: null } : { code: null, name: text };

/**
 * The organizations a reference may mean among those found. By name, every one of that name. By
 * division code, the highest one carrying it: a place's own organization (a village's branch, a
 * town's committee) — the units under it (an organ's, an enterprise's or a joint branch) carry the
 * code of the place they sit in, and never above it.
 */
export function referenced<O extends { name: string; divisionCode: string | null; depth: number }>(
  found: readonly O[],
  ref: OrgRefText,
): O[] {
  if (!ref.code) return found.filter((o) => o.name === ref.name);
  const withCode = found.filter((o) => o.divisionCode === ref.code);
  const top = Math.min(...withCode.map((o) => o.depth));
  return withCode.filter((o) => o.depth === top);
}

/** A closed vocabulary's cell: the word's value, or the problem naming the allowed words. */
export function wordProblem(
  table: Record<string, string>,
  text: string,
):
  | { value: string; problem?: undefined }
  | { value?: undefined; problem: { code: string; params: Record<string, string> } } {
  const value = table[text];
  if (value) return { value };
  return { problem: { code: "import.notInList", params: { allowed: Object.keys(table).join("、") } } };
}

/**
 * Picks the organization a reference means among those found: exactly one usable (404-like
 * "not found" when none is found at all, "ambiguous" when more than one is usable, otherwise the
 * reason the found ones cannot be used: dissolved, or outside the importer's jurisdiction).
 */
export function pickOrg<O extends { id: number; status: string }>(
  found: readonly O[],
  usable: (o: O) => boolean,
  readable: (o: O) => boolean,
): { org: O; code?: undefined } | { org?: undefined; code: string } {
  if (found.length === 0) return { code: "import.orgNotFound" };
  const ok = found.filter(usable);
  if (ok.length > 1) return { code: "import.orgAmbiguous" };
  if (ok.length === 1) return { org: ok[0] as O };
  if (found.some((o) => readable(o) && o.status !== "active")) return { code: "org.dissolved" };
  return { code: "import.orgOutsideJurisdiction" };
}

export function countsOf(rows: readonly CheckedRow[]) {
  const counts = { total: rows.length, new: 0, changed: 0, unchanged: 0, bad: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  return counts;
}
