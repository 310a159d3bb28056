import type { MobileActivity, RecordMobileActivityBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries, type Page } from "./queries.ts";

export function recordActivity(input: { id: number; body: RecordMobileActivityBody }): Promise<Page<MobileActivity>> {
  return api.post<Page<MobileActivity>>(`/api/mobile-members/${input.id}/activities`, input.body);
}

export function useRecordActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordActivity,
    onSuccess: (page, input) => {
      queryClient.setQueryData(motionQueries.activities(input.id).queryKey, page);
      return queryClient.invalidateQueries({ queryKey: motionQueries.mobile() });
    },
  });
}
