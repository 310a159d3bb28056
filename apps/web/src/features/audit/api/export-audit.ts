import type { AuditExportQuery } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { apiDownload } from "../../../lib/api/client.ts";

export type AuditExportParams = Partial<AuditExportQuery>;

/**
 * GET /api/audit/export: the filtered log as .xlsx, labelled in the UI language as on the page;
 * the export is itself recorded. Resolves to the downloaded file's name.
 */
export function exportAudit(params: AuditExportParams): Promise<string> {
  return apiDownload("/api/audit/export", { ...params }, "audit-log.xlsx");
}

export function useExportAudit() {
  return useMutation({ mutationFn: exportAudit });
}
