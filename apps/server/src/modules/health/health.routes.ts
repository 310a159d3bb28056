import type { FastifyInstance } from "fastify";
import type { Database } from "../../db/client.ts";

/** 200 when the database answers, 503 when it does not: what a load balancer needs. */
export function healthRoutes(app: FastifyInstance, database: Database) {
  app.get("/healthz", { config: { access: "public" }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.ping();
      return { status: "ok", database: database.kind };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: database.kind });
    }
  });
}
