import type { ProjectDetail, UpdateProjectBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

/** A project's title, goals and activity plan (RRULE), by a party. */
export function updateProject(input: { id: number; body: UpdateProjectBody }): Promise<ProjectDetail> {
  return api.patch<ProjectDetail>(`/api/projects/${input.id}`, input.body);
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProject,
    onSuccess: (project) => {
      queryClient.setQueryData(helpQueries.project(project.id).queryKey, project);
      return queryClient.invalidateQueries({ queryKey: helpQueries.projects() });
    },
  });
}
