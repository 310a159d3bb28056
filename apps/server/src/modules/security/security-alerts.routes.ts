import { errorResponses, idParam, listOf, securityAlert, securityAlertListQuery } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { securityAlertPolicy } from "./security-alerts.policy.ts";
import type { SecurityAlertsService } from "./security-alerts.service.ts";

/** Validate → service → present; access and audit come from the policy and the command. */
export function securityAlertsRoutes(app: FastifyInstance, alerts: SecurityAlertsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["security"];

  r.get(
    "/api/security/alerts",
    {
      config: { ability: securityAlertPolicy.read },
      schema: {
        tags,
        summary: "Security alerts, newest first (security administrator)",
        querystring: securityAlertListQuery,
        response: { 200: listOf(securityAlert), ...errorResponses },
      },
    },
    async (request) => alerts.list(requireActor(request), request.query),
  );

  r.post(
    "/api/security/alerts/:id/acknowledge",
    {
      config: { command: alerts.commands.acknowledge },
      schema: {
        tags,
        summary: "Acknowledge a security alert (security administrator; audited)",
        params: idParam,
        response: { 200: securityAlert, ...errorResponses },
      },
    },
    async (request) => alerts.acknowledge(requireActor(request), request.params.id),
  );
}
