import type { MoveOrgBody, Org } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";

/** Moves an organization with its whole subtree under a new parent. */
export function moveOrg(input: { id: number; body: MoveOrgBody }): Promise<Org> {
  return api.post<Org>(`/api/orgs/${input.id}/move`, input.body);
}

export function useMoveOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveOrg,
    // Ancestors, depths and counts change across the subtree: refetch everything about orgs.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgsQueries.all() }),
  });
}
