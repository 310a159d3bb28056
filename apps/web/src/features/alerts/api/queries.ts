import type { SecurityAlertDto, SecurityAlertListQuery } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type AlertListParams = Partial<SecurityAlertListQuery>;

export interface AlertPage {
  items: SecurityAlertDto[];
  total: number;
}

/** GET /api/security/alerts: security alerts, newest first, for the security administrator. */
export function listAlerts(params: AlertListParams, signal?: AbortSignal): Promise<AlertPage> {
  return api.get<AlertPage>("/api/security/alerts", { ...params }, signal);
}

export const alertsQueries = {
  all: () => ["security-alerts"] as const,
  list: (params: AlertListParams) =>
    queryOptions({
      queryKey: [...alertsQueries.all(), "list", params] as const,
      queryFn: ({ signal }) => listAlerts(params, signal),
      placeholderData: keepPreviousData,
      // An alert is news: always ask again when the page is opened.
      staleTime: 0,
    }),
};
