import type { CreateResourceBody, Resource } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function createResource(body: CreateResourceBody): Promise<Resource> {
  return api.post<Resource>("/api/resources", body);
}

export function useCreateResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createResource,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpQueries.resources() }),
  });
}
