import {
  copyPairingRoundBody,
  createContactPointBody,
  createMemberPairingBody,
  createPairingBody,
  createPairingRoundBody,
  endPairingBody,
  errorResponses,
  idParam,
  jobAccepted,
  listOf,
  pairing,
  pairingDetail,
  pairingListQuery,
  pairingPairBody,
  pairingPairQuery,
  pairingRound,
  pairingRoundListQuery,
  pairingRoundPreview,
  pairingRoundResult,
  publishPairingRoundBody,
  publishPairingRoundResponse,
  recordVisitBody,
  roundCapacityBody,
  roundDemandBody,
  setDemonstrationBody,
  updatePairingRoundBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import { pairingPolicy, roundPolicy } from "./pairing-rounds.policy.ts";
import type { PairingRoundsService, RoundEdit } from "./pairing-rounds.service.ts";

/** Validate → service → reply (issue 9). Access and audit come from the policies and the commands. */
export function pairingRoundsRoutes(app: FastifyInstance, rounds: PairingRoundsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = rounds.commands;
  const tags = ["pairing rounds"];

  r.post(
    "/api/pairing-rounds",
    {
      config: { command: c.create },
      schema: {
        tags,
        summary: "Start a pairing round over a jurisdiction (every parameter has a default)",
        body: createPairingRoundBody,
        response: { 201: pairingRound, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await rounds.create(requireActor(request), request.body)),
  );
  r.get(
    "/api/pairing-rounds",
    {
      config: { ability: roundPolicy.read },
      schema: {
        tags,
        summary: "The pairing rounds of the caller's jurisdiction, newest first",
        querystring: pairingRoundListQuery,
        response: { 200: listOf(pairingRound), ...errorResponses },
      },
    },
    async (request) => rounds.listRounds(requireActor(request), request.query),
  );
  r.get(
    "/api/pairing-rounds/:id",
    {
      config: { ability: roundPolicy.read },
      schema: {
        tags,
        summary: "One pairing round with its parameters and the last run's figures",
        params: idParam,
        response: { 200: pairingRound, ...errorResponses },
      },
    },
    async (request) => rounds.getRound(requireActor(request), request.params.id),
  );
  r.patch(
    "/api/pairing-rounds/:id",
    {
      config: { command: c.update },
      schema: {
        tags,
        summary: "Change a round's name or parameters (forms, weights, participants, capacities, demands, limits)",
        params: idParam,
        body: updatePairingRoundBody,
        response: { 200: pairingRound, ...errorResponses },
      },
    },
    async (request) => rounds.update(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/pairing-rounds/:id/copy",
    {
      config: { command: c.copy },
      schema: {
        tags,
        summary: "A new draft round with this one's parameters, locks and forbids (to compare two runs)",
        params: idParam,
        body: copyPairingRoundBody.optional(),
        response: { 201: pairingRound, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rounds.copy(requireActor(request), request.params.id, request.body ?? {})),
  );
  r.get(
    "/api/pairing-rounds/:id/preview",
    {
      config: { ability: roundPolicy.read },
      schema: {
        tags,
        summary: "The recipients, helpers and candidate set the parameters give, before solving",
        params: idParam,
        response: { 200: pairingRoundPreview, ...errorResponses },
      },
    },
    async (request) => rounds.preview(requireActor(request), request.params.id),
  );
  r.post(
    "/api/pairing-rounds/:id/run",
    {
      config: { command: c.run },
      schema: {
        tags,
        summary: "Solve the round as a background job (follow it with GET /api/jobs/{jobId})",
        params: idParam,
        response: { 202: jobAccepted, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await rounds.run(requireActor(request), request.params.id, request.locale)),
  );
  r.get(
    "/api/pairing-rounds/:id/problem",
    {
      config: { ability: roundPolicy.read },
      schema: {
        tags,
        summary: "The round's problem in the huzhu.pairing.v1 format, to solve and check anywhere",
        params: idParam,
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (request, reply) => {
      const problem = await rounds.problem(requireActor(request), request.params.id);
      return reply
        .header("content-disposition", `attachment; filename="pairing-round-${request.params.id}.json"`)
        .send(problem as unknown as Record<string, unknown>);
    },
  );
  r.get(
    "/api/pairing-rounds/:id/result",
    {
      config: { ability: roundPolicy.read },
      schema: {
        tags,
        summary: "The last run's result (huzhu.pairing-result.v1) with coverage, explanations and the uncovered",
        params: idParam,
        response: { 200: pairingRoundResult, ...errorResponses },
      },
    },
    async (request) => rounds.result(requireActor(request), request.params.id, request.locale),
  );

  // What-if edits: each re-solves from the previous optimum and answers the new result.
  const edit = (
    method: "post" | "delete" | "put",
    url: string,
    summary: string,
    part: "body" | "querystring",
    schema: z.ZodType,
    toEdit: (input: Record<string, unknown>) => RoundEdit,
  ) =>
    r.route({
      method: method.toUpperCase() as "POST",
      url,
      config: { command: c.edit },
      schema: {
        tags,
        summary,
        params: idParam,
        [part]: schema,
        response: { 200: pairingRoundResult, ...errorResponses },
      },
      handler: async (request) => {
        const input = (part === "body" ? request.body : request.query) as Record<string, unknown>;
        const { id } = request.params as { id: number };
        return rounds.edit(requireActor(request), id, toEdit(input), request.locale);
      },
    });
  const pair = (kind: "lock" | "unlock" | "forbid" | "allow") => (input: Record<string, unknown>) =>
    ({ kind, helperOrgId: input.helperOrgId as number, recipientOrgId: input.recipientOrgId as number }) as RoundEdit;
  edit(
    "post",
    "/api/pairing-rounds/:id/locks",
    "Lock a pair into the answer and re-solve",
    "body",
    pairingPairBody,
    pair("lock"),
  );
  edit(
    "delete",
    "/api/pairing-rounds/:id/locks",
    "Lift a lock and re-solve",
    "querystring",
    pairingPairQuery,
    pair("unlock"),
  );
  edit(
    "post",
    "/api/pairing-rounds/:id/forbids",
    "Keep a pair out of the answer and re-solve",
    "body",
    pairingPairBody,
    pair("forbid"),
  );
  edit(
    "delete",
    "/api/pairing-rounds/:id/forbids",
    "Lift a forbid and re-solve",
    "querystring",
    pairingPairQuery,
    pair("allow"),
  );
  edit(
    "put",
    "/api/pairing-rounds/:id/capacities",
    "Change a helper's capacity (null: the default) and re-solve",
    "body",
    roundCapacityBody,
    (input) => ({
      kind: "capacity",
      orgId: input.orgId as number,
      capacity: input.capacity as number | null,
    }),
  );
  edit(
    "put",
    "/api/pairing-rounds/:id/demands",
    "Change a recipient's demand (null: the default) and re-solve",
    "body",
    roundDemandBody,
    (input) => ({
      kind: "demand",
      orgId: input.orgId as number,
      demand: input.demand as number | null,
    }),
  );

  r.post(
    "/api/pairing-rounds/:id/publish",
    {
      config: { command: c.publish },
      schema: {
        tags,
        summary: "Publish the result: pairings with their agreements (PDF), both sides notified",
        params: idParam,
        body: publishPairingRoundBody.optional(),
        response: { 200: publishPairingRoundResponse, ...errorResponses },
      },
    },
    async (request) => rounds.publish(requireActor(request), request.params.id, request.body ?? {}),
  );

  // ---- pairings ----

  r.get(
    "/api/pairings",
    {
      config: { ability: pairingPolicy.read },
      schema: {
        tags,
        summary: "Pairings with an organization of the caller's jurisdiction (or the caller) on either side",
        querystring: pairingListQuery,
        response: { 200: listOf(pairing), ...errorResponses },
      },
    },
    async (request) => rounds.listPairings(requireActor(request), request.query),
  );
  r.post(
    "/api/pairings",
    {
      config: { command: c.createPairing },
      schema: {
        tags,
        summary: "Pair two organizations by hand (a coordinator over both), with its agreement",
        body: createPairingBody,
        response: { 201: pairingDetail, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await rounds.createPairing(requireActor(request), request.body)),
  );
  r.post(
    "/api/pairings/members",
    {
      config: { command: c.createMemberPairing },
      schema: {
        tags,
        summary: "Pair two members by hand (党员结对; a coordinator over both), with its agreement",
        body: createMemberPairingBody,
        response: { 201: pairingDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rounds.createMemberPairing(requireActor(request), request.body)),
  );
  r.get(
    "/api/pairings/:id",
    {
      config: { ability: pairingPolicy.read },
      schema: {
        tags,
        summary: "One pairing with its history",
        params: idParam,
        response: { 200: pairingDetail, ...errorResponses },
      },
    },
    async (request) => rounds.getPairing(requireActor(request), request.params.id),
  );
  r.get(
    "/api/pairings/:id/agreement",
    {
      config: { ability: pairingPolicy.read },
      schema: {
        tags,
        summary: "The pairing's agreement (结对帮扶协议书) as a PDF",
        params: idParam,
        response: { 200: z.any().describe("application/pdf"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await rounds.agreement(requireActor(request), request.params.id);
      const ascii = `pairing-agreement-${request.params.id}.pdf`;
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.content);
    },
  );
  r.post(
    "/api/contact-points",
    {
      config: { command: c.createContactPoint },
      schema: {
        tags,
        summary: "A leader's contact point (领导联点): the leader's member record and a village, with its agreement",
        body: createContactPointBody,
        response: { 201: pairingDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rounds.createContactPoint(requireActor(request), request.body)),
  );
  r.post(
    "/api/pairings/:id/visits",
    {
      config: { command: c.recordVisit },
      schema: {
        tags,
        summary: "Record a visit (a leader's to the contact point, a unit's to its village)",
        params: idParam,
        body: recordVisitBody,
        response: { 201: pairingDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rounds.recordVisit(requireActor(request), request.params.id, request.body)),
  );
  r.post(
    "/api/pairings/:id/demonstration",
    {
      config: { command: c.setDemonstration },
      schema: {
        tags,
        summary: "Mark (or unmark) a pairing or contact point as a demonstration site (示范点)",
        params: idParam,
        body: setDemonstrationBody,
        response: { 200: pairingDetail, ...errorResponses },
      },
    },
    async (request) => rounds.setDemonstration(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/pairings/:id/conclude",
    {
      config: { command: c.conclude },
      schema: {
        tags,
        summary: "Conclude a pairing (its period is over), with a note",
        params: idParam,
        body: endPairingBody,
        response: { 200: pairingDetail, ...errorResponses },
      },
    },
    async (request) => rounds.conclude(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/pairings/:id/dissolve",
    {
      config: { command: c.dissolve },
      schema: {
        tags,
        summary: "Dissolve a pairing early, with the reason",
        params: idParam,
        body: endPairingBody,
        response: { 200: pairingDetail, ...errorResponses },
      },
    },
    async (request) => rounds.dissolve(requireActor(request), request.params.id, request.body),
  );
}
