import {
  createHardshipBody,
  errorResponses,
  hardshipCase,
  hardshipEntryBody,
  hardshipListQuery,
  hardshipSummary,
  idParam,
  listOf,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { hardshipPolicy } from "./hardship.policy.ts";
import type { HardshipService } from "./hardship.service.ts";

/** Validate → service → reply (生活困难党员, issue 11). Access and audit come from the policy and the commands. */
export function hardshipRoutes(app: FastifyInstance, hardship: HardshipService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["hardship"];

  r.get(
    "/api/hardship-cases",
    {
      config: { ability: hardshipPolicy.read, audit: "hardship.list" },
      schema: {
        tags,
        summary: "Members in difficulty the caller keeps (no details)",
        querystring: hardshipListQuery,
        response: { 200: listOf(hardshipSummary), ...errorResponses },
      },
    },
    async (request) => hardship.list(requireActor(request), request.query),
  );

  r.get(
    "/api/hardship-cases/:id",
    {
      config: { ability: hardshipPolicy.read, audit: "hardship.view" },
      schema: {
        tags,
        summary: "One case with its details, visits, help and follow-ups (every read audited)",
        params: idParam,
        response: { 200: hardshipCase, ...errorResponses },
      },
    },
    async (request) => hardship.view(requireActor(request), request.params.id),
  );

  r.post(
    "/api/hardship-cases",
    {
      config: { command: hardship.commands.create },
      schema: {
        tags,
        summary: "Record a member in difficulty (the details are encrypted at rest)",
        body: createHardshipBody,
        response: { 201: hardshipCase, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await hardship.create(requireActor(request), request.body)),
  );

  r.post(
    "/api/hardship-cases/:id/entries",
    {
      config: { command: hardship.commands.record },
      schema: {
        tags,
        summary: "Record a visit, help given (by whom, what, value) or a follow-up",
        params: idParam,
        body: hardshipEntryBody,
        response: { 200: hardshipCase, ...errorResponses },
      },
    },
    async (request) => hardship.record(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/hardship-cases/:id/close",
    {
      config: { command: hardship.commands.close },
      schema: {
        tags,
        summary: "Close a case",
        params: idParam,
        response: { 200: hardshipCase, ...errorResponses },
      },
    },
    async (request) => hardship.close(requireActor(request), request.params.id),
  );
}
