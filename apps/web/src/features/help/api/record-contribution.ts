import type { Contribution, RecordContributionBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function recordContribution(input: { projectId: number; body: RecordContributionBody }): Promise<Contribution> {
  return api.post<Contribution>(`/api/projects/${input.projectId}/contributions`, input.body);
}

export function useRecordContribution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordContribution,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.projects() }),
  });
}
