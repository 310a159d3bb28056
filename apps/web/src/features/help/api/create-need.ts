import type { CreateNeedBody, Need } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function createNeed(body: CreateNeedBody): Promise<Need> {
  return api.post<Need>("/api/needs", body);
}

export function useCreateNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNeed,
    onSuccess: (need) => {
      queryClient.setQueryData(helpQueries.need(need.id).queryKey, need);
      return queryClient.invalidateQueries({ queryKey: helpQueries.needLists() });
    },
  });
}
