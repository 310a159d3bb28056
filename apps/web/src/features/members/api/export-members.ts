import type { JobAccepted, MemberExportQuery } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type MemberExportParams = Partial<MemberExportQuery>;

/**
 * POST /api/members/export: starts the export of the filtered roster as a background job (masked,
 * header row in the UI language, audited when done). Resolves to the job's id; its progress and
 * download come from lib/api/jobs.ts.
 */
export function startMemberExport(params: MemberExportParams): Promise<JobAccepted> {
  const body = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  return api.post<JobAccepted>("/api/members/export", body);
}

export function useStartMemberExport() {
  return useMutation({ mutationFn: startMemberExport });
}
