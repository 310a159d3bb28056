import type { AuditEntry, AuditListQuery } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type AuditListParams = Partial<AuditListQuery>;

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (params: AuditListParams) => [...auditKeys.all, "list", params] as const,
};

/** GET /api/audit: the audit log, newest first, for the audit administrator. */
export function listAudit(params: AuditListParams, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>("/api/audit", { ...params }, signal);
}

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => listAudit(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
