import type { SecurityAlertDto } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { alertKeys } from "./list-alerts.ts";

/** POST /api/security/alerts/:id/acknowledge: marks an alert as seen and dealt with (audited). */
export function acknowledgeAlert(id: number): Promise<SecurityAlertDto> {
  return api.post<SecurityAlertDto>(`/api/security/alerts/${id}/acknowledge`);
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
