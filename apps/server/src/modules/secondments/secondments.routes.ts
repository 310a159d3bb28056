import {
  createSecondmentBody,
  errorResponses,
  idParam,
  listOf,
  secondment,
  secondmentEvaluationBody,
  secondmentListQuery,
  secondmentLogBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { secondmentPolicy } from "./secondments.policy.ts";
import type { SecondmentsService } from "./secondments.service.ts";

/** Validate → service → reply (城乡干部双向交流, issue 11). Access and audit come from the policy and the commands. */
export function secondmentsRoutes(app: FastifyInstance, secondments: SecondmentsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["secondments"];
  r.get(
    "/api/secondments",
    {
      config: { ability: secondmentPolicy.read, audit: "secondment.list" },
      schema: {
        tags,
        summary: "Secondments of the caller's organizations (either side) or their own",
        querystring: secondmentListQuery,
        response: { 200: listOf(secondment), ...errorResponses },
      },
    },
    async (request) => secondments.list(requireActor(request), request.query),
  );
  r.get(
    "/api/secondments/:id",
    {
      config: { ability: secondmentPolicy.read, audit: "secondment.read" },
      schema: { tags, summary: "One secondment", params: idParam, response: { 200: secondment, ...errorResponses } },
    },
    async (request) => secondments.get(requireActor(request), request.params.id),
  );
  r.post(
    "/api/secondments",
    {
      config: { command: secondments.commands.create },
      schema: {
        tags,
        summary: "Send a cadre on a secondment: host, kind, period, plan",
        body: createSecondmentBody,
        response: { 201: secondment, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await secondments.create(requireActor(request), request.body)),
  );
  r.post(
    "/api/secondments/:id/logs",
    {
      config: { command: secondments.commands.log },
      schema: {
        tags,
        summary: "Log work done on a secondment (either side)",
        params: idParam,
        body: secondmentLogBody,
        response: { 200: secondment, ...errorResponses },
      },
    },
    async (request) => secondments.log(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/secondments/:id/evaluate",
    {
      config: { command: secondments.commands.evaluate },
      schema: {
        tags,
        summary: "One side's evaluation of a secondment, once per side",
        params: idParam,
        body: secondmentEvaluationBody,
        response: { 200: secondment, ...errorResponses },
      },
    },
    async (request) => secondments.evaluate(requireActor(request), request.params.id, request.body),
  );
}
