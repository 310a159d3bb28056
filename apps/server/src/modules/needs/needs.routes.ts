import {
  acceptClaimResponse,
  apiError,
  claim,
  claimListQuery,
  claimNeedBody,
  confirmNeedBody,
  createNeedBody,
  createResourceBody,
  declineClaimBody,
  errorResponses,
  idParam,
  jobAccepted,
  listOf,
  type Need,
  need,
  needExportQuery,
  needListQuery,
  needSuggestions,
  requestResourceBody,
  resource,
  resourceListQuery,
  resourceSuggestions,
  updateNeedBody,
  updateResourceBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Actor } from "../../platform/access.ts";
import type { Command } from "../../platform/commands.ts";
import { requireActor } from "../../platform/http.ts";
import type { JobKind, JobRunner } from "../../platform/jobs.ts";
import { claimPolicy, needPolicy, resourcePolicy } from "./needs.policy.ts";
import type { NeedRow } from "./needs.repository.ts";
import type { NeedExportJobParams, NeedsService } from "./needs.service.ts";

/** Validate → service → reply. Access and audit come from the policies and the commands. */
export function needsRoutes(
  app: FastifyInstance,
  needs: NeedsService,
  exportQueue: { jobs: JobRunner; kind: JobKind<NeedExportJobParams> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = needs.commands;

  // ---- needs (需求清单) ----
  const tags = ["needs"];
  r.get(
    "/api/needs",
    {
      config: { ability: needPolicy.read },
      schema: {
        tags,
        summary: "Needs the caller sees (own jurisdiction, partners', the region's, claimed ones)",
        querystring: needListQuery,
        response: { 200: listOf(need), ...errorResponses },
      },
    },
    async (request) => needs.listNeeds(requireActor(request), request.query),
  );
  r.post(
    "/api/needs/export",
    {
      // Checked at once (403 without need.export, 404 for an unseen `within`, 400 for bad filters or
      // over the cap), refusals audited under need.export; the job writes the workbook and the
      // success's audit record (filters, row count) when it is done, and its owner is told.
      config: { ability: needPolicy.export, audit: "need.export" },
      schema: {
        tags,
        summary: "Start an export of the filtered needs list as an Excel workbook (a background job)",
        description:
          "Answers 202 { jobId } at once. One heavy job per user at a time: a second answers 429 while the first is " +
          "queued or running. The finished job (GET /api/jobs/{id}) has resultUrl for the .xlsx.",
        body: needExportQuery,
        response: { 202: jobAccepted, ...errorResponses, 429: apiError },
      },
    },
    async (request, reply) => {
      const jobId = await needs.startExport(requireActor(request), request.body, request.locale, exportQueue);
      return reply.status(202).send({ jobId });
    },
  );
  r.get(
    "/api/needs/:id/suggestions",
    {
      config: { ability: needPolicy.suggest },
      schema: {
        tags,
        summary: "Helper organizations and resources for a need, ranked by fit, each with its factors and a reason",
        params: idParam,
        response: { 200: needSuggestions, ...errorResponses },
      },
    },
    async (request) => needs.suggestForNeed(requireActor(request), request.params.id, request.locale),
  );
  r.get(
    "/api/needs/:id",
    {
      config: { ability: needPolicy.read },
      schema: { tags, summary: "One need", params: idParam, response: { 200: need, ...errorResponses } },
    },
    async (request) => needs.getNeed(requireActor(request), request.params.id),
  );
  r.post(
    "/api/needs",
    {
      config: { command: c.createNeed },
      schema: {
        tags,
        summary: "Post a need for an organization (open at once unless draft: true)",
        body: createNeedBody,
        response: { 201: need, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await needs.createNeed(requireActor(request), request.body)),
  );
  r.patch(
    "/api/needs/:id",
    {
      config: { command: c.updateNeed },
      schema: {
        tags,
        summary: "Edit a need (draft or open)",
        params: idParam,
        body: updateNeedBody,
        response: { 200: need, ...errorResponses },
      },
    },
    async (request) => needs.updateNeed(requireActor(request), request.params.id, request.body),
  );
  const step = (
    path: string,
    command: Command<{ id: number }, NeedRow, number, Need>,
    summary: string,
    run: (actor: Actor, id: number) => Promise<Need>,
  ) =>
    r.post(
      `/api/needs/:id/${path}`,
      {
        config: { command },
        schema: { tags, summary, params: idParam, response: { 200: need, ...errorResponses } },
      },
      async (request) => run(requireActor(request), request.params.id),
    );
  step("publish", c.publishNeed, "Publish a draft (owner side)", needs.publishNeed);
  step("withdraw", c.withdrawNeed, "Withdraw a need nobody helps with yet (owner side)", needs.withdrawNeed);
  step("start", c.startNeed, "Start the work on a claimed need (helper side)", needs.startNeed);
  step("deliver", c.deliverNeed, "Say the help was delivered (helper side)", needs.deliverNeed);
  step("close", c.closeNeed, "Close a confirmed need (owner side)", needs.closeNeed);
  r.post(
    "/api/needs/:id/confirm",
    {
      config: { command: c.confirmNeed },
      schema: {
        tags,
        summary: "Confirm the delivered help and rate it 1–5 (owner side: the recipient)",
        params: idParam,
        body: confirmNeedBody,
        response: { 200: need, ...errorResponses },
      },
    },
    async (request) => needs.confirmNeed(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/needs/:id/claims",
    {
      config: { command: c.claimNeed },
      schema: {
        tags: ["claims"],
        summary: "Offer to help with a need (认领), for an organization the caller acts for",
        params: idParam,
        body: claimNeedBody,
        response: { 201: claim, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await needs.claimNeed(requireActor(request), request.params.id, request.body)),
  );
  r.post(
    "/api/needs/:id/assign",
    {
      config: { command: c.assignNeed },
      schema: {
        tags: ["claims"],
        summary: "Assign a helper to a need (the coordinator of a superior of both); starts or joins its project",
        params: idParam,
        body: claimNeedBody,
        response: { 200: acceptClaimResponse, ...errorResponses },
      },
    },
    async (request) => needs.assignNeed(requireActor(request), request.params.id, request.body),
  );

  // ---- claims (双向认领) ----
  r.get(
    "/api/claims",
    {
      config: { ability: claimPolicy.read },
      schema: {
        tags: ["claims"],
        summary: "Claims the caller's organizations made or received",
        querystring: claimListQuery,
        response: { 200: listOf(claim), ...errorResponses },
      },
    },
    async (request) => needs.listClaims(requireActor(request), request.query),
  );
  r.get(
    "/api/claims/:id",
    {
      config: { ability: claimPolicy.read },
      schema: { tags: ["claims"], summary: "One claim", params: idParam, response: { 200: claim, ...errorResponses } },
    },
    async (request) => needs.getClaim(requireActor(request), request.params.id),
  );
  r.post(
    "/api/claims/:id/accept",
    {
      config: { command: c.acceptClaim },
      schema: {
        tags: ["claims"],
        summary: "Accept a claim (the side it waits on): starts the help project, or joins the need's",
        params: idParam,
        response: { 200: acceptClaimResponse, ...errorResponses },
      },
    },
    async (request) => needs.acceptClaim(requireActor(request), request.params.id),
  );
  r.post(
    "/api/claims/:id/decline",
    {
      config: { command: c.declineClaim },
      schema: {
        tags: ["claims"],
        summary: "Decline a claim with a reason (the side it waits on)",
        params: idParam,
        body: declineClaimBody,
        response: { 200: claim, ...errorResponses },
      },
    },
    async (request) => needs.declineClaim(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/claims/:id/withdraw",
    {
      config: { command: c.withdrawClaim },
      schema: {
        tags: ["claims"],
        summary: "Take back a claim still waiting (the side that made it)",
        params: idParam,
        response: { 200: claim, ...errorResponses },
      },
    },
    async (request) => needs.withdrawClaim(requireActor(request), request.params.id),
  );

  // ---- resources (资源清单) ----
  const rtags = ["resources"];
  r.get(
    "/api/resources",
    {
      config: { ability: resourcePolicy.read },
      schema: {
        tags: rtags,
        summary: "Resources the caller sees",
        querystring: resourceListQuery,
        response: { 200: listOf(resource), ...errorResponses },
      },
    },
    async (request) => needs.listResources(requireActor(request), request.query),
  );
  r.get(
    "/api/resources/:id",
    {
      config: { ability: resourcePolicy.read },
      schema: { tags: rtags, summary: "One resource", params: idParam, response: { 200: resource, ...errorResponses } },
    },
    async (request) => needs.getResource(requireActor(request), request.params.id),
  );
  r.get(
    "/api/resources/:id/suggestions",
    {
      config: { ability: resourcePolicy.suggest },
      schema: {
        tags: rtags,
        summary: "Open needs for a resource, ranked by fit, each with its factors and a reason",
        params: idParam,
        response: { 200: resourceSuggestions, ...errorResponses },
      },
    },
    async (request) => needs.suggestForResource(requireActor(request), request.params.id, request.locale),
  );
  r.post(
    "/api/resources",
    {
      config: { command: c.createResource },
      schema: {
        tags: rtags,
        summary: "Offer a resource for an organization",
        body: createResourceBody,
        response: { 201: resource, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await needs.createResource(requireActor(request), request.body)),
  );
  r.patch(
    "/api/resources/:id",
    {
      config: { command: c.updateResource },
      schema: {
        tags: rtags,
        summary: "Edit a resource (owner side)",
        params: idParam,
        body: updateResourceBody,
        response: { 200: resource, ...errorResponses },
      },
    },
    async (request) => needs.updateResource(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/resources/:id/withdraw",
    {
      config: { command: c.withdrawResource },
      schema: {
        tags: rtags,
        summary: "Withdraw a resource (owner side); requests still waiting are withdrawn with it",
        params: idParam,
        response: { 200: resource, ...errorResponses },
      },
    },
    async (request) => needs.withdrawResource(requireActor(request), request.params.id),
  );
  r.post(
    "/api/resources/:id/requests",
    {
      config: { command: c.requestResource },
      schema: {
        tags: ["claims"],
        summary: "Ask for a resource (the recipient's claim), for an organization the caller acts for",
        params: idParam,
        body: requestResourceBody,
        response: { 201: claim, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await needs.requestResource(requireActor(request), request.params.id, request.body)),
  );
}
