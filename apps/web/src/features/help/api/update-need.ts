import type { Need, UpdateNeedBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function updateNeed(input: { id: number; body: UpdateNeedBody }): Promise<Need> {
  return api.patch<Need>(`/api/needs/${input.id}`, input.body);
}

export function useUpdateNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNeed,
    onSuccess: (need) => {
      queryClient.setQueryData(helpQueries.need(need.id).queryKey, need);
      return queryClient.invalidateQueries({ queryKey: helpQueries.needLists() });
    },
  });
}
