import type { SecurityAlertDto, SecurityAlertListQuery } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { scopeOf } from "../../platform/policy.ts";
import { securityAlertPolicy } from "./security-alerts.policy.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { type SecurityAlertRow, securityAlertsRepository } from "./security-alerts.repository.ts";

/** Row → DTO: the accounts by id, username and display name; the detail holds ids and counts only. */
function presentAlert(row: SecurityAlertRow): SecurityAlertDto {
  const account = (id: number | null, username: string | null, displayName: string | null) =>
    id === null ? null : { id, username: username ?? "", displayName: displayName ?? "" };
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    user: account(row.user_id, row.user_username, row.user_display_name),
    detail: row.detail ?? {},
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at).toISOString(),
    acknowledgedBy: account(row.ack_id, row.ack_username, row.ack_display_name),
  };
}

/**
 * The security administrator's alerts (role.manage): modules raise them through
 * platform/alerts.ts (ID-number probing, sign-in attacks); here they are listed and acknowledged.
 */
export function securityAlertsService(db: Kysely<DB>, clock: () => Date) {
  const repo = securityAlertsRepository(db);
  return {
    async list(actor: Actor, query: SecurityAlertListQuery): Promise<{ items: SecurityAlertDto[]; total: number }> {
      scopeOf(actor, securityAlertPolicy.read);
      const result = await repo.list(query);
      return { items: result.items.map(presentAlert), total: result.total };
    },

    /** Acknowledges an open alert, once; audited (a refusal by the route's config.audit). */
    async acknowledge(actor: Actor, id: number): Promise<SecurityAlertDto> {
      scopeOf(actor, securityAlertPolicy.acknowledge);
      await db.transaction().execute(async (trx) => {
        const r = securityAlertsRepository(trx);
        const alert = await r.find(id);
        if (!alert) throw notFound("alert");
        if (!(await r.acknowledge(id, actor.userId, clock()))) throw conflict("alert.acknowledged");
        await recordAudit(trx, actor, {
          action: "alert.acknowledge",
          result: "success",
          targetType: "alert",
          targetId: id,
          detail: { kind: alert.kind },
        });
      });
      const row = await repo.find(id);
      if (!row) throw notFound("alert");
      return presentAlert(row);
    },
  };
}
export type SecurityAlertsService = ReturnType<typeof securityAlertsService>;
