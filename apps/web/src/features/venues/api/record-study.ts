import type { CourseProgress } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** Adds minutes studied to the caller's progress on a course; completed once the course's minutes are reached. */
export function recordStudy(input: { courseId: number; minutes: number }): Promise<CourseProgress> {
  return api.post<CourseProgress>(`/api/courses/${input.courseId}/progress`, { minutes: input.minutes });
}

export function useRecordStudy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordStudy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venuesQueries.courses() }),
  });
}
