import { useQuery } from "@tanstack/react-query";
import { type AlertListParams, alertsQueries } from "./queries.ts";

export function useAlerts(params: AlertListParams) {
  return useQuery(alertsQueries.list(params));
}
