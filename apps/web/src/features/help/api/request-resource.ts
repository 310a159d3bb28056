import type { Claim, RequestResourceBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** A recipient asks for a resource (the other direction of 双向认领); the owner answers it. */
export function requestResource(input: { resourceId: number; body: RequestResourceBody }): Promise<Claim> {
  return api.post<Claim>(`/api/resources/${input.resourceId}/requests`, input.body);
}

export function useRequestResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestResource,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.all() }),
  });
}
