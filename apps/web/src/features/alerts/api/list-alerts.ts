import type { SecurityAlertDto, SecurityAlertListQuery } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type AlertListParams = Partial<SecurityAlertListQuery>;

export interface AlertPage {
  items: SecurityAlertDto[];
  total: number;
}

export const alertKeys = {
  all: ["security-alerts"] as const,
  list: (params: AlertListParams) => [...alertKeys.all, "list", params] as const,
};

/** GET /api/security/alerts: security alerts, newest first, for the security administrator. */
export function listAlerts(params: AlertListParams, signal?: AbortSignal): Promise<AlertPage> {
  return api.get<AlertPage>("/api/security/alerts", { ...params }, signal);
}

export function useAlerts(params: AlertListParams) {
  return useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) => listAlerts(params, signal),
    placeholderData: keepPreviousData,
    // An alert is news: always ask again when the page is opened.
    staleTime: 0,
  });
}
