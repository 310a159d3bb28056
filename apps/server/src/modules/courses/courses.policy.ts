import { defineAction, definePolicy } from "../../platform/policy.ts";
import { type CourseRow, courseOwnerReach, courseReadReach, coursesRepository } from "./courses.repository.ts";

/**
 * Who may do what with remote-education courses (issue 10, F20), declared once. Courses are
 * shared like venues (互学共享) under mutual help's permissions: help.read sees the catalogue,
 * help.write publishes one's own and assigns what one sees to one's organizations and members.
 * A member studies what is assigned to them (their own record only: `course.study`).
 */
export const coursePolicy = definePolicy<CourseRow, "read" | "update" | "assign">(
  {
    name: "course",
    reach: courseReadReach,
    load: (db, where, ids) => coursesRepository(db).findCoursesWhere(where, ids),
    id: (course) => course.id,
  },
  {
    read: { grant: "help.read" },
    update: { grant: "help.write", reach: courseOwnerReach },
    /** Assigning it to organizations and members of one's own jurisdiction (checked per target). */
    assign: { grant: "help.write" },
  },
);

/** One's own study (学习记录): any signed-in member, on the courses assigned to them. */
export const courseStudyAction = defineAction("course.study", "authenticated");
