import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** Accepting a claim starts the help project (or joins the need's). */
export function acceptClaim(id: number): Promise<{ projectId: number }> {
  return api.post<{ projectId: number }>(`/api/claims/${id}/accept`);
}

export function useAcceptClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptClaim,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
