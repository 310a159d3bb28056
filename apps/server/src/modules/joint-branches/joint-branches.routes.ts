import { createJointBranchBody, errorResponses, idParam, jointBranch, pairingJointBranch } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { jointBranchPolicy } from "./joint-branches.policy.ts";
import type { JointBranchesService } from "./joint-branches.service.ts";

/** Validate → service → reply (联建, issue 9). Access and audit come from the policy and the command. */
export function jointBranchesRoutes(app: FastifyInstance, jointBranches: JointBranchesService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["pairing rounds"];
  r.post(
    "/api/pairings/:id/joint-branch",
    {
      config: { command: jointBranches.commands.create },
      schema: {
        tags,
        summary: "Form a joint branch (联建) from an active organization pairing, co-managing members of both sides",
        params: idParam,
        body: createJointBranchBody,
        response: { 201: jointBranch, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await jointBranches.create(requireActor(request), request.params.id, request.body)),
  );
  r.get(
    "/api/pairings/:id/joint-branch",
    {
      config: { ability: jointBranchPolicy.read },
      schema: {
        tags,
        summary: "A pairing's joint branch (null while it has none)",
        params: idParam,
        response: { 200: pairingJointBranch, ...errorResponses },
      },
    },
    async (request) => jointBranches.get(requireActor(request), request.params.id),
  );
}
