import type { MemberExportQuery } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { apiDownload } from "../../../lib/api/client.ts";

export type MemberExportParams = Partial<MemberExportQuery>;

/**
 * GET /api/members/export: the filtered roster as .xlsx, masked, with the header row in the UI
 * language; the server audits it. Resolves to the downloaded file's name.
 */
export function exportMembers(params: MemberExportParams): Promise<string> {
  return apiDownload("/api/members/export", { ...params }, "member-roster.xlsx");
}

export function useExportMembers() {
  return useMutation({ mutationFn: exportMembers });
}
