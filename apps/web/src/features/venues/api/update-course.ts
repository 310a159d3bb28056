import type { CourseDetail, UpdateCourseBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

export function updateCourse(input: { id: number; body: UpdateCourseBody }): Promise<CourseDetail> {
  return api.patch<CourseDetail>(`/api/courses/${input.id}`, input.body);
}

export function useUpdateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCourse,
    onSuccess: (course) => {
      queryClient.setQueryData(venuesQueries.course(course.id).queryKey, course);
      return queryClient.invalidateQueries({ queryKey: venuesQueries.courses() });
    },
  });
}
