import type { Claim } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function withdrawClaim(id: number): Promise<Claim> {
  return api.post<Claim>(`/api/claims/${id}/withdraw`);
}

export function useWithdrawClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawClaim,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
