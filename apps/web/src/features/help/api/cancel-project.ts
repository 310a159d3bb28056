import type { CancelProjectBody, ProjectDetail } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** A party ends a project early, cancelled or concluded, with a reason the other parties are shown. */
export function cancelProject(input: { id: number; body: CancelProjectBody }): Promise<ProjectDetail> {
  return api.post<ProjectDetail>(`/api/projects/${input.id}/cancel`, input.body);
}

export function useCancelProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelProject,
    onSuccess: (project) => {
      queryClient.setQueryData(helpQueries.project(project.id).queryKey, project);
      // The home card (lapsed projects) and the lists change with it.
      return queryClient.invalidateQueries({ queryKey: helpQueries.all() });
    },
  });
}
