import type { AssignCourseBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** Assigns a course to organizations (their members) and/or members; answers how many were assigned. */
export function assignCourse(input: { id: number; body: AssignCourseBody }): Promise<{ assigned: number }> {
  return api.post<{ assigned: number }>(`/api/courses/${input.id}/assignments`, input.body);
}

export function useAssignCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignCourse,
    onSuccess: (_r, input) =>
      queryClient.invalidateQueries({ queryKey: [...venuesQueries.courses(), "detail", input.id] }),
  });
}
