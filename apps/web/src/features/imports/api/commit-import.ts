import type { JobAccepted } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { importsQueries } from "./queries.ts";

/** POST /api/imports/{id}/commit: writes every row or none, as a job (409 while any row is bad). */
export function commitImport(id: number): Promise<JobAccepted> {
  return api.post<JobAccepted>(`/api/imports/${id}/commit`);
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importsQueries.all() }),
  });
}
