import type { Contribution } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** The receiver confirms a contribution: what counts is help the other side confirmed. */
export function confirmContribution(id: number): Promise<Contribution> {
  return api.post<Contribution>(`/api/contributions/${id}/confirm`);
}

export function useConfirmContribution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmContribution,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.projects() }),
  });
}
