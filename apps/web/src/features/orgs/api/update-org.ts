import type { Org, UpdateOrgBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";

export function updateOrg(input: { id: number; body: UpdateOrgBody }): Promise<Org> {
  return api.patch<Org>(`/api/orgs/${input.id}`, input.body);
}

export function useUpdateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrg,
    onSuccess: (org) => {
      queryClient.setQueryData(orgsQueries.detail(org.id).queryKey, org);
      return queryClient.invalidateQueries({ queryKey: orgsQueries.lists() });
    },
  });
}
