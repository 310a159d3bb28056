import type { Claim, ClaimNeedBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** 认领: a helper organization offers to help with a need. */
export function claimNeed(input: { needId: number; body: ClaimNeedBody }): Promise<Claim> {
  return api.post<Claim>(`/api/needs/${input.needId}/claims`, input.body);
}

export function useClaimNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimNeed,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
