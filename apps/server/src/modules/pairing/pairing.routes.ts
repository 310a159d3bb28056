import { Readable } from "node:stream";
import { apiError, pairingSolveQuery, pairingSolveResponse } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http.ts";
import { pairingPolicy } from "./pairing.policy.ts";
import type { PairingService } from "./pairing.service.ts";

/** The format allows 2,000,000 candidates: about 100 MB of JSON at most. */
const PROBLEM_BODY_LIMIT = 128 * 1024 * 1024;

const ANSWER_PIECE_BYTES = 256 * 1024;

function* pieces(body: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < body.byteLength; at += size) yield body.subarray(at, at + size);
}

/**
 * The 200 answer: in the OpenAPI document, the contract's schema; in the code, the bytes the worker
 * wrote. Not serialized through zod: checking hundreds of thousands of pairs again here would block
 * the event loop for as long as the worker saved.
 */
const { $schema: _dialect, ...solveResponseDoc } = z.toJSONSchema(pairingSolveResponse, { io: "output" });
const solveResponseBytes = z.instanceof(Readable).meta(solveResponseDoc);

export async function pairingRoutes(app: FastifyInstance, pairing: PairingService) {
  // In its own context, a JSON body stays the chunks it arrived in: the worker decodes and parses
  // them, and they move to it without a copy. Fastify's own parser would join them into one buffer
  // on the event loop: for the format's largest problem, a fresh 100+ MB allocation and copy
  // (measured: 1.7 s per upload on the development VM, where touching new memory is slow).
  await app.register(async (scope) => {
    scope.addContentTypeParser("application/json", (request, payload, done) => {
      const declared = Number(request.headers["content-length"]);
      if (declared > PROBLEM_BODY_LIMIT) {
        done(new AppError(413, "body.too_large"), undefined);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received > PROBLEM_BODY_LIMIT) {
          stop();
          done(new AppError(413, "body.too_large"), undefined);
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        stop();
        done(null, chunks);
      };
      const onError = (error: Error) => {
        stop();
        done(error, undefined);
      };
      const stop = () => {
        payload.off("data", onData).off("end", onEnd).off("error", onError);
      };
      payload.on("data", onData).on("end", onEnd).on("error", onError);
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/pairing/solve",
      {
        // heavy: one solve or export per user at a time (platform/heavy-work.ts).
        config: { ability: pairingPolicy.solve, audit: "pairing.solve", heavy: "pairing.solve" },
        bodyLimit: PROBLEM_BODY_LIMIT,
        // A full solver is refused before the (up to 128 MB) problem is read.
        onRequest: async (_request, reply) => {
          const release = pairing.admit();
          reply.raw.once("close", release);
        },
        schema: {
          tags: ["pairing"],
          summary: "Solve a pairing problem (huzhu.pairing.v1) exactly, in a worker thread",
          description:
            "Optimal in this order: recipients covered, pairs assigned, total score (../shared/formats/pairing-v1.md). " +
            "Invalid problems answer 400 with `field` naming the place, e.g. candidates[41]. One heavy request " +
            "(solve or export) per user at a time: another answers 429 with Retry-After. A full solver queue " +
            "answers 503 with Retry-After; a problem that needs more memory than a solver worker may use, 413.",
          querystring: pairingSolveQuery,
          response: {
            200: {
              description: "The optimal pairing",
              content: { "application/json": { schema: solveResponseBytes } },
            },
            400: apiError,
            401: apiError,
            403: apiError,
            413: apiError,
            429: apiError,
            503: apiError,
          },
        },
      },
      async (request, reply) => {
        const controller = new AbortController();
        // A client that gives up stops the solve too ('close' on the response: the request's own
        // 'close' fires as soon as its body has been read).
        reply.raw.once("close", () => {
          if (!reply.sent) controller.abort(new Error("client closed the request"));
        });
        const body = await pairing.solve(requireActor(request), request.body as Buffer[], {
          explain: request.query.explain ?? false,
          signal: controller.signal,
        });
        // In pieces: one write of a province's answer (10+ MB) would keep the event loop inside the
        // socket's write for its whole copy; pieces go out as the socket drains.
        return reply
          .type("application/json; charset=utf-8")
          .header("content-length", String(body.byteLength))
          .send(Readable.from(pieces(body, ANSWER_PIECE_BYTES)));
      },
    );
  });
}
