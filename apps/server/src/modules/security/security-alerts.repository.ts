import type { SecurityAlertListQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export interface SecurityAlertRow {
  id: string | number;
  at: Date;
  kind: string;
  detail: Record<string, unknown>;
  acknowledged_at: Date | null;
  user_id: number | null;
  user_username: string | null;
  user_display_name: string | null;
  ack_id: number | null;
  ack_username: string | null;
  ack_display_name: string | null;
}

/**
 * The only SQL of the security administrator's alert list. Alerts are global (the security
 * administrator's scope is the whole system), so these finders take no organization scope; the
 * service checks role.manage first. Raising an alert is platform/alerts.ts.
 */
export function securityAlertsRepository(db: Kysely<DB>) {
  const selectAlerts = () =>
    db
      .selectFrom("security_alerts as a")
      .leftJoin("users as u", "u.id", "a.user_id")
      .leftJoin("users as k", "k.id", "a.acknowledged_by")
      .select([
        "a.id",
        "a.at",
        "a.kind",
        "a.detail",
        "a.acknowledged_at",
        "u.id as user_id",
        "u.username as user_username",
        "u.display_name as user_display_name",
        "k.id as ack_id",
        "k.username as ack_username",
        "k.display_name as ack_display_name",
      ]);

  return {
    async list(query: SecurityAlertListQuery): Promise<{ items: SecurityAlertRow[]; total: number }> {
      let q = db.selectFrom("security_alerts");
      if (query.open === true) q = q.where("acknowledged_at", "is", null);
      if (query.open === false) q = q.where("acknowledged_at", "is not", null);
      const ids = q
        .select("id")
        // Newest first (security_alerts_at_idx), so what just happened is on top.
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [items, count] = await Promise.all([
        selectAlerts().where("a.id", "in", ids).orderBy("a.at", "desc").orderBy("a.id", "desc").execute() as Promise<
          SecurityAlertRow[]
        >,
        q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    find(id: number): Promise<SecurityAlertRow | undefined> {
      return selectAlerts().where("a.id", "=", id).executeTakeFirst() as Promise<SecurityAlertRow | undefined>;
    },

    /** Marks an open alert acknowledged; false when it was acknowledged already (or meanwhile). */
    async acknowledge(id: number, userId: number, at: Date): Promise<boolean> {
      const done = await db
        .updateTable("security_alerts")
        .set({ acknowledged_at: at, acknowledged_by: userId })
        .where("id", "=", id)
        .where("acknowledged_at", "is", null)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
  };
}
