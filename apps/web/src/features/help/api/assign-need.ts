import type { ClaimNeedBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** The coordinator of a common superior assigns a helper: the project starts at once. */
export function assignNeed(input: { needId: number; body: ClaimNeedBody }): Promise<{ projectId: number }> {
  return api.post<{ projectId: number }>(`/api/needs/${input.needId}/assign`, input.body);
}

export function useAssignNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignNeed,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
