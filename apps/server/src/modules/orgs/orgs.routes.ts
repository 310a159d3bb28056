import {
  createOrgBody,
  dissolveOrgBody,
  errorResponses,
  idParam,
  listOf,
  moveOrgBody,
  org,
  orgListQuery,
  orgLookupQuery,
  orgOption,
  updateOrgBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { orgPolicy } from "./orgs.policy.ts";
import type { OrgsService } from "./orgs.service.ts";

/** Validate → service → present; no SQL and no rules here. Access and audit come from the policy and the commands. */
export function orgsRoutes(app: FastifyInstance, orgs: OrgsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["organizations"];

  r.get(
    "/api/orgs",
    {
      config: { ability: orgPolicy.read },
      schema: {
        tags,
        summary: "Children of an organization, the roots of the jurisdiction, or a search",
        querystring: orgListQuery,
        response: { 200: listOf(org), ...errorResponses },
      },
    },
    async (request) => orgs.list(requireActor(request), request.query),
  );

  r.get(
    "/api/orgs/lookup",
    {
      config: { ability: orgPolicy.lookup },
      schema: {
        tags,
        summary: "Find organizations by name for a picker (also for the security administrator)",
        querystring: orgLookupQuery,
        response: { 200: listOf(orgOption), ...errorResponses },
      },
    },
    async (request) => orgs.lookup(requireActor(request), request.query),
  );

  r.get(
    "/api/orgs/:id",
    {
      config: { ability: orgPolicy.read },
      schema: { tags, summary: "One organization", params: idParam, response: { 200: org, ...errorResponses } },
    },
    async (request) => orgs.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/orgs",
    {
      config: { command: orgs.commands.create },
      schema: {
        tags,
        summary: "Create an organization",
        body: createOrgBody,
        response: { 201: org, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await orgs.create(requireActor(request), request.body)),
  );

  r.patch(
    "/api/orgs/:id",
    {
      config: { command: orgs.commands.update },
      schema: {
        tags,
        summary: "Edit an organization",
        params: idParam,
        body: updateOrgBody,
        response: { 200: org, ...errorResponses },
      },
    },
    async (request) => orgs.update(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/orgs/:id/move",
    {
      config: { command: orgs.commands.move },
      schema: {
        tags,
        summary: "Move an organization with its whole subtree under a new parent",
        params: idParam,
        body: moveOrgBody,
        response: { 200: org, ...errorResponses },
      },
    },
    async (request) => orgs.move(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/orgs/:id/dissolve",
    {
      config: { command: orgs.commands.dissolve },
      schema: {
        tags,
        summary: "Dissolve an empty organization (kept in history)",
        params: idParam,
        body: dissolveOrgBody,
        response: { 200: org, ...errorResponses },
      },
    },
    async (request) => orgs.dissolve(requireActor(request), request.params.id, request.body),
  );
}
