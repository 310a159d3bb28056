import type { Claim, DeclineClaimBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function declineClaim(input: { id: number; body: DeclineClaimBody }): Promise<Claim> {
  return api.post<Claim>(`/api/claims/${input.id}/decline`, input.body);
}

export function useDeclineClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declineClaim,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
