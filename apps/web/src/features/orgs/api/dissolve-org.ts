import type { DissolveOrgBody, Org } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";

/** Dissolves an organization; its history is kept on the server. */
export function dissolveOrg(input: { id: number; body: DissolveOrgBody }): Promise<Org> {
  return api.post<Org>(`/api/orgs/${input.id}/dissolve`, input.body);
}

export function useDissolveOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: dissolveOrg,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgsQueries.all() }),
  });
}
