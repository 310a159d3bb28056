import type { JobAccepted, NeedExportQuery } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type NeedExportParams = Partial<NeedExportQuery>;

/**
 * POST /api/needs/export: starts the export of the filtered needs list (the list's filters, no
 * paging) as a background job; resolves to the job's id, followed by lib/api/jobs.ts. 403 without
 * help.write.
 */
export function startNeedExport(params: NeedExportParams): Promise<JobAccepted> {
  const body = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  return api.post<JobAccepted>("/api/needs/export", body);
}

export function useStartNeedExport() {
  return useMutation({ mutationFn: startNeedExport });
}
