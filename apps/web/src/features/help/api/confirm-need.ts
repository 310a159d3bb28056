import type { ConfirmNeedBody, Need } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** The recipient confirms the delivered help and rates it 1–5. */
export function confirmNeed(input: { id: number; body: ConfirmNeedBody }): Promise<Need> {
  return api.post<Need>(`/api/needs/${input.id}/confirm`, input.body);
}

export function useConfirmNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmNeed,
    onSuccess: (need) => {
      queryClient.setQueryData(helpQueries.need(need.id).queryKey, need);
      return queryClient.invalidateQueries({ queryKey: helpQueries.all() });
    },
  });
}
