import { z } from "zod";
import { pageQuery } from "./common.ts";
import { labelFields } from "./field-labels.ts";

/**
 * Excel in and out (issue 13). The API:
 * - GET  /api/imports/templates/{kind}   the template workbook (Chinese headers, lists, instructions, one example)
 * - POST /api/imports                    multipart `kind` + `file` → 202 { id, jobId } (a validation job)
 * - GET  /api/imports                    the caller's imports, newest first
 * - GET  /api/imports/{id}               status, counts and the bad rows (paged), in the caller's language
 * - GET  /api/imports/{id}/rows          every row's outcome (filters: only errors, only changes)
 * - GET  /api/imports/{id}/errors.xlsx   the uploaded workbook with an error column
 * - POST /api/imports/{id}/commit        → 202 { jobId }; 409 while any row is bad; all rows or none
 * - POST /api/imports/exports            { kind } → 202 { jobId }: orgs, needs or resources in the template's columns
 */

/** What a template exists for. */
export const importKinds = ["members", "orgs", "needs", "resources"] as const;
export const importKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKind>;

/** What can be imported: every kind with a template (each needs what writing one by hand needs). */
export const importableKinds = importKinds;
export const importableKind = z.enum(importableKinds, { message: "import.kindNotImportable" });

export const importStatuses = ["validating", "validated", "invalid", "committing", "committed", "failed"] as const;
export const importStatus = z.enum(importStatuses);
export type ImportStatus = z.infer<typeof importStatus>;

/** A row's outcome: new (will be added), changed (will be updated), unchanged (nothing to write), bad. */
export const importRowOutcomes = ["new", "changed", "unchanged", "bad"] as const;
export const importRowOutcome = z.enum(importRowOutcomes);
export type ImportRowOutcome = z.infer<typeof importRowOutcome>;

export const importCounts = z.object({
  total: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  bad: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

/** One problem of one row: the sheet's row number (the header is row 1), the column's header, why. */
export const importError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importError>;

export const importSummary = z.object({
  id: z.number().int(),
  kind: importKind,
  status: importStatus,
  fileName: z.string(),
  counts: importCounts,
  /** Why the file itself was refused or the commit failed, in the caller's language. */
  message: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  /** The last job of this import (validation or commit), for its progress. */
  jobId: z.uuid().nullable(),
  createdBy: z.string(),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importDetail = importSummary.extend({
  errors: z.array(importError),
  /** How many errors there are in all (errors holds one page of them). */
  errorTotal: z.number().int(),
});
export type ImportDetail = z.infer<typeof importDetail>;

/** A row of the preview: masked as on the roster, with its outcome and problems. */
export const importRow = z.object({
  row: z.number().int(),
  outcome: importRowOutcome,
  name: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string(),
  /** The fields a changed row changes (their column headers). */
  changes: z.array(z.string()),
  errors: z.array(importError),
});
export type ImportRow = z.infer<typeof importRow>;

export const importAccepted = z.object({ id: z.number().int(), jobId: z.uuid() });
export type ImportAccepted = z.infer<typeof importAccepted>;

export const importListQuery = pageQuery.extend({ status: importStatus.optional() }).strict();
export type ImportListQuery = z.infer<typeof importListQuery>;

/** The page of the errors GET /api/imports/{id} answers. */
export const importDetailQuery = pageQuery;
export type ImportDetailQuery = z.infer<typeof importDetailQuery>;

export const importRowsQuery = pageQuery
  .extend({
    /** Only bad rows, or only rows that will be written (new or changed). */
    only: z.enum(["errors", "changes"]).optional(),
  })
  .strict();
export type ImportRowsQuery = z.infer<typeof importRowsQuery>;

export const importKindParam = z.object({ kind: importKind }).strict();

/**
 * An export in a template's columns, for round trips (POST /api/imports/exports → 202 { jobId }):
 * organizations, needs or resources; the roster's own export is masked, so members have none.
 */
export const importExportKinds = ["orgs", "needs", "resources"] as const;
export const importExportBody = z
  .object({ kind: z.enum(importExportKinds, { message: "import.kindNotExportable" }) })
  .strict();
export type ImportExportBody = z.infer<typeof importExportBody>;

labelFields("import", importListQuery);
labelFields("import", importRowsQuery);
labelFields("import", importKindParam);
labelFields("import", importExportBody);
