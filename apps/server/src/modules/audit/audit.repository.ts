import type { AuditListQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Reads the audit log. There is deliberately no update or delete here (nor anywhere). */
export function auditRepository(db: Kysely<DB>) {
  return {
    async list(query: AuditListQuery) {
      let q = db.selectFrom("audit_log");
      // The auditor's own reads are recorded (audit.read) but shown only when asked for, or every
      // filter change would push the events under review off the first page.
      q = query.action ? q.where("action", "=", query.action) : q.where("action", "<>", "audit.read");
      if (query.actor) q = q.where("actor_name", "=", query.actor.toLowerCase());
      if (query.result) q = q.where("result", "=", query.result);
      if (query.targetType) q = q.where("target_type", "=", query.targetType);
      if (query.targetId) q = q.where("target_id", "=", query.targetId);
      // Days are China Standard Time days: that is what an auditor in the county means by "on the 3rd".
      if (query.from) q = q.where("at", ">=", sql<Date>`(${query.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
      if (query.to) q = q.where("at", "<", sql<Date>`(${query.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
      const [items, count] = await Promise.all([
        q
          .selectAll()
          .orderBy("at", "desc")
          .orderBy("id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },
  };
}
