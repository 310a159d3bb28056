import type { SecurityAlertDto } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { alertsQueries } from "./queries.ts";

/** POST /api/security/alerts/:id/acknowledge: marks an alert as seen and dealt with (audited). */
export function acknowledgeAlert(id: number): Promise<SecurityAlertDto> {
  return api.post<SecurityAlertDto>(`/api/security/alerts/${id}/acknowledge`);
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsQueries.all() }),
  });
}
