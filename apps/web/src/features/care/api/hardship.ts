import type { CreateHardshipBody, HardshipCase, HardshipEntryBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { careQueries } from "./queries.ts";

/** Writes on members in difficulty; each answers the case with its details, kept as the detail query's data. */
function useCaseWrite<V>(write: (v: V) => Promise<HardshipCase>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (c) => {
      queryClient.setQueryData(careQueries.hardshipCase(c.id, true).queryKey, c);
      void queryClient.invalidateQueries({ queryKey: [...careQueries.hardship(), "list"] });
    },
  });
}

export const useCreateHardship = () =>
  useCaseWrite((body: CreateHardshipBody) => api.post<HardshipCase>("/api/hardship-cases", body));
export const useRecordHardshipEntry = (id: number) =>
  useCaseWrite((body: HardshipEntryBody) => api.post<HardshipCase>(`/api/hardship-cases/${id}/entries`, body));
export const useCloseHardship = (id: number) =>
  useCaseWrite(() => api.post<HardshipCase>(`/api/hardship-cases/${id}/close`));
