import { type AuditEntry, apiError, auditEntry, auditListQuery, listOf } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { requirePermission } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { requireActor } from "../../platform/http.ts";
import { auditRepository } from "./audit.repository.ts";

export function auditRoutes(app: FastifyInstance, db: Kysely<DB>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = auditRepository(db);

  r.get(
    "/api/audit",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "The audit log (audit administrator only)",
        querystring: auditListQuery,
        response: { 200: listOf(auditEntry), 400: apiError, 401: apiError, 403: apiError },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requirePermission(actor, "audit.read");
      const result = await repo.list(request.query);
      // Reading the log is itself recorded: who looked, with which filters.
      await recordAudit(db, actor, { action: "audit.read", result: "success", detail: { query: request.query } });
      return {
        total: result.total,
        items: result.items.map(
          (row): AuditEntry => ({
            id: Number(row.id),
            at: new Date(row.at).toISOString(),
            actorId: row.actor_id,
            actorName: row.actor_name,
            ip: row.ip,
            action: row.action,
            targetType: row.target_type,
            targetId: row.target_id,
            result: row.result as AuditEntry["result"],
            detail: (row.detail ?? {}) as Record<string, unknown>,
          }),
        ),
      };
    },
  );
}
