import type { Locale } from "@huzhu/contracts";
import type { Actor } from "./access.ts";
import { type AuditRecord, recordAudit } from "./audit.ts";
import { AppError } from "./errors.ts";
import type { JobKind } from "./jobs.ts";
import { XLSX_CONTENT_TYPE } from "./spreadsheet.ts";

/** What every export job's parameters hold: the list's filters, and where it was asked from. */
export interface ExportJobParams<Filters> {
  filters: Filters;
  ip: string | null;
}

/**
 * A list's Excel export as a background job (the roster's, the needs list's…). It runs with its
 * owner's rights *as they are when it runs* (a role withdrawn in between no longer reaches
 * anything), reports progress per batch (message keys `job.<kind>.reading` / `.writing`), and
 * saves the workbook and the export's audit record together with its success.
 */
export function exportJob<Filters>(options: {
  kind: string;
  actorOf: (userId: number, ip: string | null) => Promise<Actor | null>;
  /** The module's export: the workbook, its row count, the date for its name, and its audit record. */
  write: (
    actor: Actor,
    filters: Filters,
    locale: Locale,
    onBatch: (done: number, total: number) => Promise<void>,
  ) => Promise<{ workbook: Buffer; rowCount: number; date: string; audit: AuditRecord }>;
  fileName: (locale: Locale, date: string) => string;
}): JobKind<ExportJobParams<Filters>> {
  return {
    kind: options.kind,
    heavy: true,
    async run(ctx) {
      const actor = await options.actorOf(ctx.ownerId, ctx.params.ip);
      if (!actor) throw new AppError(403, "forbidden");
      await ctx.progress(0, `job.${options.kind}.reading`);
      const result = await options.write(actor, ctx.params.filters, ctx.locale, (done, total) =>
        ctx.progress(total === 0 ? 1 : done / total, `job.${options.kind}.writing`, { done, total }),
      );
      return {
        result: { rowCount: result.rowCount },
        file: {
          name: options.fileName(ctx.locale, result.date),
          contentType: XLSX_CONTENT_TYPE,
          content: result.workbook,
        },
        commit: (trx) => recordAudit(trx, actor, result.audit),
      };
    },
  };
}
