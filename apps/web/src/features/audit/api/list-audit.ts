import { useQuery } from "@tanstack/react-query";
import { type AuditListParams, auditQueries } from "./queries.ts";

export function useAuditLog(params: AuditListParams) {
  return useQuery(auditQueries.list(params));
}
