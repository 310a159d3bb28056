import { apiError, auditEntry, auditExportQuery, auditListQuery, listOf } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import { XLSX_CONTENT_TYPE } from "./audit.export.ts";
import { auditPolicy } from "./audit.policy.ts";
import type { AuditService } from "./audit.service.ts";

/** Validate → service → reply; access from the policy, refusals recorded under each route's audit action. */
export function auditRoutes(app: FastifyInstance, audit: AuditService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiError, 401: apiError, 403: apiError };

  r.get(
    "/api/audit",
    {
      config: { ability: auditPolicy.read, audit: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "The audit log (audit administrator only), organizations and accounts by name",
        querystring: auditListQuery,
        response: { 200: listOf(auditEntry), ...errors },
      },
    },
    async (request) => audit.list(requireActor(request), request.query),
  );

  r.get(
    "/api/audit/export",
    {
      // Refusals (403, 400 over the cap) are audited under this action by the error handler.
      config: { ability: auditPolicy.export, audit: "audit.export" },
      schema: {
        tags: ["audit"],
        summary: "The filtered audit log as an Excel workbook, labelled in the request's language (audited)",
        querystring: auditExportQuery,
        response: {
          200: {
            description: "The workbook (.xlsx)",
            content: {
              [XLSX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: "string", format: "binary" }) },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const result = await audit.export(requireActor(request), request.query, request.locale);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header("content-disposition", result.contentDisposition)
        .header("x-row-count", String(result.rowCount))
        .send(result.workbook);
    },
  );
}
