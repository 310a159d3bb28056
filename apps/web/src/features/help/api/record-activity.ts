import type { ProjectDetail, RecordActivityBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { helpQueries } from "./queries.ts";

export function recordActivity(input: { projectId: number; body: RecordActivityBody }): Promise<ProjectDetail> {
  return api.post<ProjectDetail>(`/api/projects/${input.projectId}/activities`, input.body);
}

export function useRecordActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordActivity,
    onSuccess: (project) => {
      queryClient.setQueryData(helpQueries.project(project.id).queryKey, project);
      return queryClient.invalidateQueries({ queryKey: helpQueries.projects() });
    },
  });
}
