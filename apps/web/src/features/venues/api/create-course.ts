import type { Course, CreateCourseBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** An organization shares a course or a party-affairs experience write-up (远程教育, 互学共享). */
export function createCourse(body: CreateCourseBody): Promise<Course> {
  return api.post<Course>("/api/courses", body);
}

export function useCreateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venuesQueries.courses() }),
  });
}
