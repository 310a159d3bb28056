import type { CreateOrgBody, Org } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";

export function createOrg(body: CreateOrgBody): Promise<Org> {
  return api.post<Org>("/api/orgs", body);
}

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrg,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgsQueries.all() }),
  });
}
