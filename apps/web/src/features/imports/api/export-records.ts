import type { ImportExportBody, JobAccepted } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/**
 * POST /api/imports/exports: organizations, needs or resources in the template's columns, as a
 * background job (its workbook imports back as all unchanged); 403 for a kind one may not write.
 */
export function exportRecords(kind: ImportExportBody["kind"]): Promise<JobAccepted> {
  return api.post<JobAccepted>("/api/imports/exports", { kind });
}

export function useExportRecords() {
  return useMutation({ mutationFn: exportRecords });
}
