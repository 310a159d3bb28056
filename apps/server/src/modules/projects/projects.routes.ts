import {
  cancelProjectBody,
  contribution,
  errorResponses,
  idParam,
  listOf,
  project,
  projectDetail,
  projectListQuery,
  recordActivityBody,
  recordContributionBody,
  updateProjectBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { projectPolicy } from "./projects.policy.ts";
import type { ProjectsService } from "./projects.service.ts";

/** Validate → service → reply. Access and audit come from the policies and the commands. */
export function projectsRoutes(app: FastifyInstance, projects: ProjectsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = projects.commands;
  const tags = ["projects"];

  r.get(
    "/api/projects",
    {
      config: { ability: projectPolicy.read },
      schema: {
        tags,
        summary: "Help projects the caller's organizations take part in (or are above)",
        querystring: projectListQuery,
        response: { 200: listOf(project), ...errorResponses },
      },
    },
    async (request) => projects.list(requireActor(request), request.query),
  );
  r.get(
    "/api/projects/:id",
    {
      config: { ability: projectPolicy.read },
      schema: {
        tags,
        summary: "One help project with its activities and contributions, and its rhythm",
        params: idParam,
        response: { 200: projectDetail, ...errorResponses },
      },
    },
    async (request) => projects.get(requireActor(request), request.params.id),
  );
  r.patch(
    "/api/projects/:id",
    {
      config: { command: c.update },
      schema: {
        tags,
        summary: "Edit a project's title, goals and activity plan (RRULE)",
        params: idParam,
        body: updateProjectBody,
        response: { 200: projectDetail, ...errorResponses },
      },
    },
    async (request) => projects.update(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/projects/:id/cancel",
    {
      config: { command: c.cancel },
      schema: {
        tags,
        summary: "End an active project early (either party), cancelled or concluded, with a reason",
        params: idParam,
        body: cancelProjectBody,
        response: { 200: projectDetail, ...errorResponses },
      },
    },
    async (request) => projects.cancel(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/projects/:id/activities",
    {
      config: { command: c.recordActivity },
      schema: {
        tags,
        summary: "Record a joint activity (either party), with photos",
        params: idParam,
        body: recordActivityBody,
        response: { 201: projectDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await projects.recordActivity(requireActor(request), request.params.id, request.body)),
  );
  r.post(
    "/api/projects/:id/contributions",
    {
      config: { command: c.recordContribution },
      schema: {
        tags,
        summary: "Record a contribution given (by the giver's side; either side may give)",
        params: idParam,
        body: recordContributionBody,
        response: { 201: contribution, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await projects.recordContribution(requireActor(request), request.params.id, request.body)),
  );
  r.post(
    "/api/contributions/:id/confirm",
    {
      config: { command: c.confirmContribution },
      schema: {
        tags,
        summary: "Confirm a contribution received (the receiver's side)",
        params: idParam,
        response: { 200: contribution, ...errorResponses },
      },
    },
    async (request) => projects.confirmContribution(requireActor(request), request.params.id),
  );
}
