import type { SecurityAlertDto, SecurityAlertListQuery } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { scopeOf } from "../../platform/policy.ts";
import { securityAlertPolicy } from "./security-alerts.policy.ts";
import { presentAlert } from "./security-alerts.presenter.ts";
import { securityAlertsRepository } from "./security-alerts.repository.ts";

/**
 * The security administrator's alerts (role.manage): modules raise them through
 * platform/alerts.ts (ID-number probing, sign-in attacks); here they are listed and acknowledged.
 */
export function securityAlertsService(db: Kysely<DB>, clock: () => Date) {
  const repo = securityAlertsRepository(db);

  const commands = {
    /** Acknowledges an open alert, once; audited (a refusal under the same name, by the route). */
    acknowledge: defineCommand({
      name: "alert.acknowledge",
      // An action: alerts are global (the security administrator's scope is the whole system), so
      // there is no reach to check; the alert is looked up in the command's transaction.
      ability: securityAlertPolicy.acknowledge,
      targetType: "alert",
      targets: (_id: number) => [],
      async run({ trx, actor, input: id }) {
        const r = securityAlertsRepository(trx);
        const alert = await r.find(id);
        if (!alert) throw notFound("alert");
        // Only an open alert is marked: a second acknowledgement (or a concurrent one) is 409.
        if (!(await r.acknowledge(id, actor.userId, clock()))) throw conflict("alert.acknowledged");
        return { result: id, targetId: id, detail: { kind: alert.kind } };
      },
      async present(db, _actor, id) {
        const row = await securityAlertsRepository(db).find(id);
        if (!row) throw notFound("alert");
        return presentAlert(row);
      },
    }),
  };

  return {
    commands,

    async list(actor: Actor, query: SecurityAlertListQuery): Promise<{ items: SecurityAlertDto[]; total: number }> {
      scopeOf(actor, securityAlertPolicy.read);
      const result = await repo.list(query);
      return { items: result.items.map(presentAlert), total: result.total };
    },

    acknowledge: (actor: Actor, id: number): Promise<SecurityAlertDto> => execute(db, actor, commands.acknowledge, id),
  };
}
export type SecurityAlertsService = ReturnType<typeof securityAlertsService>;
