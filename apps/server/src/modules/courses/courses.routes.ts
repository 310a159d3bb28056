import {
  assignCourseBody,
  course,
  courseDetail,
  courseListQuery,
  courseProgress,
  createCourseBody,
  errorResponses,
  idParam,
  listOf,
  recordStudyBody,
  studyPage,
  updateCourseBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import { coursePolicy, courseStudyAction } from "./courses.policy.ts";
import type { CoursesService } from "./courses.service.ts";

/** Validate → service → reply. Access and audit come from the policies and the commands. */
export function coursesRoutes(app: FastifyInstance, courses: CoursesService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = courses.commands;
  const tags = ["courses"];

  r.get(
    "/api/courses",
    {
      config: { ability: coursePolicy.read },
      schema: {
        tags,
        summary:
          "Courses and experience write-ups the caller sees; assigned=true: those assigned to their organizations",
        querystring: courseListQuery,
        response: { 200: listOf(course), ...errorResponses },
      },
    },
    async (request) => courses.list(requireActor(request), request.query),
  );
  r.post(
    "/api/courses",
    {
      config: { command: c.create },
      schema: {
        tags,
        summary: "Publish a course or an experience write-up of an organization",
        body: createCourseBody,
        response: { 201: courseDetail, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await courses.create(requireActor(request), request.body)),
  );
  r.get(
    "/api/courses/:id",
    {
      config: { ability: coursePolicy.read },
      schema: {
        tags,
        summary: "One course with its assignments and completions in the caller's jurisdiction, and their own progress",
        params: idParam,
        response: { 200: courseDetail, ...errorResponses },
      },
    },
    async (request) => courses.get(requireActor(request), request.params.id),
  );
  r.patch(
    "/api/courses/:id",
    {
      config: { command: c.update },
      schema: {
        tags,
        summary: "Edit a course or write-up (its owner's side)",
        params: idParam,
        body: updateCourseBody,
        response: { 200: courseDetail, ...errorResponses },
      },
    },
    async (request) => courses.update(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/courses/:id/assignments",
    {
      config: { command: c.assign },
      schema: {
        tags,
        summary: "Assign a course to organizations (their members) or to members of one's jurisdiction",
        params: idParam,
        body: assignCourseBody,
        response: { 200: z.object({ assigned: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => courses.assign(requireActor(request), request.params.id, request.body),
  );
  r.get(
    "/api/courses/:id/progress",
    {
      config: { ability: courseStudyAction },
      schema: {
        tags,
        summary: "The caller's own progress on a course assigned to them (as a member)",
        params: idParam,
        response: { 200: courseProgress, ...errorResponses },
      },
    },
    async (request) => courses.progress(requireActor(request), request.params.id),
  );
  r.post(
    "/api/courses/:id/progress",
    {
      config: { command: c.study },
      schema: {
        tags,
        summary: "Record minutes studied on a course assigned to the caller",
        params: idParam,
        body: recordStudyBody,
        response: { 200: courseProgress, ...errorResponses },
      },
    },
    async (request) => courses.recordStudy(requireActor(request), request.params.id, request.body),
  );
  r.get(
    "/api/study",
    {
      config: { ability: courseStudyAction },
      schema: {
        tags,
        summary: "The caller's study page (as a member): assigned courses, progress, hours, completions",
        response: { 200: studyPage, ...errorResponses },
      },
    },
    async (request) => courses.studyPage(requireActor(request)),
  );
  r.get(
    "/api/study/courses/:id",
    {
      config: { ability: courseStudyAction },
      schema: {
        tags,
        summary: "A course assigned to the caller, as they study it (content and their progress)",
        params: idParam,
        response: { 200: courseDetail, ...errorResponses },
      },
    },
    async (request) => courses.studyCourse(requireActor(request), request.params.id),
  );
}
