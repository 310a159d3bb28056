import type { Course, CourseProgress } from "@huzhu/contracts";
import { chinaIso } from "../venues/venues.time.ts";
import type { CourseRow, ProgressRow } from "./courses.repository.ts";

const iso = (d: Date | string) => chinaIso(new Date(d));

export function presentCourse(row: CourseRow, abilities: Record<string, boolean>, study: boolean): Course {
  return {
    id: row.id,
    kind: row.kind as Course["kind"],
    title: row.title,
    summary: row.summary,
    url: row.url,
    minutes: row.minutes,
    owner: { id: row.org_id, name: row.org_name },
    openTo: row.open_to as Course["openTo"],
    createdAt: iso(row.created_at),
    abilities: { update: abilities.update ?? false, assign: abilities.assign ?? false, study },
  };
}

/** Hours to one decimal. */
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

export function presentProgress(row: ProgressRow): CourseProgress {
  return {
    courseId: row.course_id,
    memberId: row.member_id,
    minutesStudied: row.minutes_studied,
    hours: hours(row.minutes_studied),
    completed: row.completed_at !== null,
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    dueOn: row.due_on,
  };
}

export { hours as studyHours };
