import type { ImportDetail, ImportKind, ImportRow, ImportStatus, ImportSummary, Locale } from "@huzhu/contracts";
import type { ImportRowProblem } from "../../db/schema.ts";
import { translate } from "../../platform/i18n.ts";
import type { ImportColumn } from "./imports.kinds.ts";
import { memberColumns } from "./imports.members.ts";
import { needColumns } from "./imports.needs.ts";
import { orgColumns } from "./imports.orgs.ts";
import type { ImportRecord } from "./imports.repository.ts";
import { resourceColumns } from "./imports.resources.ts";

/** Each kind's columns in its template's order. */
export const columnsOf: Record<ImportKind, readonly ImportColumn[]> = {
  members: memberColumns,
  orgs: orgColumns,
  needs: needColumns,
  resources: resourceColumns,
};

/** A column key's header in a kind's template (problems are stored by key, shown by header). */
export const headerOf = (kind: ImportKind, key: string) => columnsOf[kind].find((c) => c.key === key)?.header ?? key;

/** A message of the catalog; for a row's problem, "<column>：<reason>" with the column's header. */
export function problemMessage(
  locale: Locale,
  code: string,
  problem?: ImportRowProblem,
  kind: ImportKind = "members",
): string {
  if (!problem) return translate(locale, code);
  return translate(locale, code, {
    column: headerOf(kind, problem.column),
    message: translate(locale, problem.code, problem.params ?? {}),
  });
}

export function presentImportSummary(r: ImportRecord, locale: Locale): ImportSummary {
  return {
    id: r.id,
    kind: r.kind as ImportKind,
    status: r.status as ImportStatus,
    fileName: r.file_name,
    counts: {
      total: r.total,
      new: r.new_count,
      changed: r.changed_count,
      unchanged: r.unchanged_count,
      bad: r.bad_count,
    },
    message: r.message === null ? null : translate(locale, r.message, r.message_params),
    createdAt: r.created_at.toISOString(),
    committedAt: r.committed_at === null ? null : r.committed_at.toISOString(),
    jobId: r.job_id,
    createdBy: r.owner_name,
  };
}

const presentProblem = (locale: Locale, kind: ImportKind, row: number, p: ImportRowProblem) => ({
  row,
  column: headerOf(kind, p.column),
  code: p.code,
  message: translate(locale, p.code, p.params ?? {}),
});

export function presentImportDetail(
  r: ImportRecord,
  errors: { items: ({ row: number } & ImportRowProblem)[]; total: number },
  locale: Locale,
): ImportDetail {
  return {
    ...presentImportSummary(r, locale),
    errors: errors.items.map((e) => presentProblem(locale, r.kind as ImportKind, e.row, e)),
    errorTotal: errors.total,
  };
}

export function presentImportRow(
  r: {
    row_number: number;
    outcome: string;
    name: string;
    id_number_masked: string;
    org_name: string;
    changes: string[];
    errors: ImportRowProblem[];
  },
  locale: Locale,
  kind: ImportKind,
): ImportRow {
  return {
    row: r.row_number,
    outcome: r.outcome as ImportRow["outcome"],
    name: r.name,
    idNumberMasked: r.id_number_masked,
    orgName: r.org_name,
    changes: r.changes.map((key) => headerOf(kind, key)),
    errors: r.errors.map((p) => presentProblem(locale, kind, r.row_number, p)),
  };
}
