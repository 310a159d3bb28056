import type { Need } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** The lifecycle steps without a body; each is offered only when the need's abilities say so. */
export type NeedStep = "publish" | "withdraw" | "start" | "deliver" | "close";

export function needStep(input: { id: number; step: NeedStep }): Promise<Need> {
  return api.post<Need>(`/api/needs/${input.id}/${input.step}`);
}

export function useNeedStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: needStep,
    onSuccess: (need) => {
      queryClient.setQueryData(helpQueries.need(need.id).queryKey, need);
      return queryClient.invalidateQueries({ queryKey: helpQueries.all() });
    },
  });
}
