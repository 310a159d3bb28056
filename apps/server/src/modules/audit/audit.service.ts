import type { AuditEntry, AuditExportQuery, AuditListQuery, Locale } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { describeFilters, recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { AppError } from "../../platform/errors.ts";
import { scopeOf } from "../../platform/policy.ts";
import { auditExportContentDisposition, writeAuditWorkbook } from "./audit.export.ts";
import { auditPolicy } from "./audit.policy.ts";
import { auditRefs, presentAuditEntry } from "./audit.presenter.ts";
import { auditRepository } from "./audit.repository.ts";

/** Like the roster export: a request cannot run away; above this the auditor narrows the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH_SIZE = 1_000;
/** The username typed into the actor filter is a search text: recorded by name only. */
const FREE_TEXT_FILTERS = ["actor"];

/** Reading and exporting the audit log; both are themselves recorded. */
export function auditService(db: Kysely<DB>, options: { exportMaxRows?: number } = {}) {
  const repo = auditRepository(db);
  const exportMaxRows = options.exportMaxRows ?? AUDIT_EXPORT_MAX_ROWS;

  return {
    async list(actor: Actor, query: AuditListQuery): Promise<{ items: AuditEntry[]; total: number }> {
      scopeOf(actor, auditPolicy.read);
      const result = await repo.list(query);
      const names = await repo.names(auditRefs(result.items));
      // Reading the log is itself recorded: who looked, with which filters.
      await recordAudit(db, actor, {
        action: "audit.read",
        result: "success",
        detail: describeFilters(query, FREE_TEXT_FILTERS),
      });
      return { total: result.total, items: result.items.map((row) => presentAuditEntry(row, names)) };
    },

    /**
     * The filtered log as .xlsx, newest first. The audit record (filters, row count) is written
     * before the file is handed back; refusals are recorded by the route's config.audit.
     */
    async export(actor: Actor, filters: AuditExportQuery, locale: Locale) {
      scopeOf(actor, auditPolicy.export);
      const total = await repo.count(filters);
      if (total > exportMaxRows) {
        throw new AppError(400, "export.tooMany", { params: { count: total, max: exportMaxRows } });
      }
      let left = exportMaxRows;
      const repoBatches = repo.batches(filters, EXPORT_BATCH_SIZE);
      async function* entries(): AsyncGenerator<AuditEntry[]> {
        for await (const batch of repoBatches) {
          // Stops at the cap even if records were added between the count and the last batch.
          const rows = batch.slice(0, Math.max(0, left));
          left -= rows.length;
          if (!rows.length) return;
          const names = await repo.names(auditRefs(rows));
          yield rows.map((row) => presentAuditEntry(row, names));
        }
      }
      const { buffer, rowCount } = await writeAuditWorkbook(entries(), locale);
      await recordAudit(db, actor, {
        action: "audit.export",
        result: "success",
        detail: { ...describeFilters(filters, FREE_TEXT_FILTERS), rowCount, locale },
      });
      const date = chinaDate(new Date());
      return { workbook: buffer, rowCount, contentDisposition: auditExportContentDisposition(locale, date) };
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
