import type { AuditEntry, AuditListQuery } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type AuditListParams = Partial<AuditListQuery>;

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

/** GET /api/audit: the audit log, newest first, for the audit administrator. */
export function listAudit(params: AuditListParams, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>("/api/audit", { ...params }, signal);
}

export const auditQueries = {
  all: () => ["audit"] as const,
  list: (params: AuditListParams) =>
    queryOptions({
      queryKey: [...auditQueries.all(), "list", params] as const,
      queryFn: ({ signal }) => listAudit(params, signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
    }),
};
