import { apiError, pairingSolveQuery, pairingSolveResponse } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import type { PairingService } from "./pairing.service.ts";

/** The format allows 2,000,000 candidates: about 100 MB of JSON at most. */
const PROBLEM_BODY_LIMIT = 128 * 1024 * 1024;

export async function pairingRoutes(app: FastifyInstance, pairing: PairingService) {
  // In its own context, JSON bodies stay text: the worker parses them, off the event loop, and
  // handing a string to a worker is one copy where a parsed problem would be a deep clone.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "string", bodyLimit: PROBLEM_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/pairing/solve",
      {
        config: { access: "org.write", audit: "pairing.solve" },
        bodyLimit: PROBLEM_BODY_LIMIT,
        schema: {
          tags: ["pairing"],
          summary: "Solve a pairing problem (huzhu.pairing.v1) exactly, in a worker thread",
          description:
            "Optimal in this order: recipients covered, pairs assigned, total score (../shared/formats/pairing-v1.md). " +
            "Invalid problems answer 400 with `field` naming the place, e.g. candidates[41].",
          querystring: pairingSolveQuery,
          response: { 200: pairingSolveResponse, 400: apiError, 401: apiError, 403: apiError, 413: apiError },
        },
      },
      async (request, reply) => {
        const controller = new AbortController();
        // A client that gives up stops the solve too ('close' on the response: the request's own
        // 'close' fires as soon as its body has been read).
        reply.raw.once("close", () => {
          if (!reply.sent) controller.abort(new Error("client closed the request"));
        });
        return pairing.solve(requireActor(request), request.body as string, {
          explain: request.query.explain ?? false,
          signal: controller.signal,
        });
      },
    );
  });
}
