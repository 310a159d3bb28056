import type { Org } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgKeys } from "./keys.ts";

export function getOrg(id: number, signal?: AbortSignal): Promise<Org> {
  return api.get<Org>(`/api/orgs/${id}`, undefined, signal);
}

export function useOrg(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: ({ signal }) => getOrg(id ?? 0, signal),
    enabled: id !== undefined,
  });
}
