import type { AuditFilters, AuditListQuery, AuditOrgRef } from "@huzhu/contracts";
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";

export type AuditRow = Awaited<ReturnType<ReturnType<typeof auditRepository>["list"]>>["items"][number];

/** Detail keys whose value is an organization's id, shown by name and path when the log is read. */
export const orgIdDetailKeys = [
  "orgId",
  "parentId",
  "fromParentId",
  "toParentId",
  "primaryOrgId",
  "helperOrgId",
  "recipientOrgId",
] as const;

/** What the records name by id: organizations by name and path, accounts by username. Members never. */
export interface AuditNames {
  orgs: Map<string, AuditOrgRef>;
  users: Map<string, string>;
}

/** Reads the audit log. There is deliberately no update or delete here (nor anywhere). */
export function auditRepository(db: Kysely<DB>) {
  function filtered(filters: AuditFilters) {
    let q: SelectQueryBuilder<DB, "audit_log", object> = db.selectFrom("audit_log");
    // The auditor's own reads are recorded (audit.read) but shown only when asked for, or every
    // filter change would push the events under review off the first page.
    q = filters.action ? q.where("action", "=", filters.action) : q.where("action", "<>", "audit.read");
    if (filters.actor) q = q.where("actor_name", "=", filters.actor.toLowerCase());
    if (filters.result) q = q.where("result", "=", filters.result);
    if (filters.targetType) q = q.where("target_type", "=", filters.targetType);
    if (filters.targetId) q = q.where("target_id", "=", filters.targetId);
    // Days are China Standard Time days: that is what an auditor in the county means by "on the 3rd".
    if (filters.from)
      q = q.where("at", ">=", sql<Date>`(${filters.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (filters.to)
      q = q.where("at", "<", sql<Date>`(${filters.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    return q;
  }

  const columns = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "ip",
    "action",
    "target_type",
    "target_id",
    "result",
    "detail",
  ] as const;

  return {
    async list(query: AuditListQuery) {
      const q = filtered(query);
      const [items, count] = await Promise.all([
        q
          .select(columns)
          .orderBy("at", "desc")
          .orderBy("id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total: count };
    },

    async count(filters: AuditFilters): Promise<number> {
      return countRows(filtered(filters));
    },

    /** The filtered log, newest record first, in keyset batches (the export). */
    async *batches(filters: AuditFilters, size: number) {
      let before: number | null = null;
      for (;;) {
        let q = filtered(filters);
        if (before !== null) q = q.where("id", "<", before);
        const rows = await q.select(columns).orderBy("id", "desc").limit(size).execute();
        if (rows.length) yield rows;
        const last = rows.at(-1);
        if (!last || rows.length < size) return;
        before = Number(last.id);
      }
    },

    /**
     * Names for the ids a page of records mentions, in two queries: the organizations (with the
     * names of everything above them, from their materialized paths) and the accounts.
     */
    async names(refs: { orgIds: Iterable<string>; userIds: Iterable<string> }): Promise<AuditNames> {
      const orgIds = [...new Set(refs.orgIds)].filter((id) => /^\d{1,9}$/.test(id)).map(Number);
      const userIds = [...new Set(refs.userIds)].filter((id) => /^\d{1,9}$/.test(id)).map(Number);
      const orgs = new Map<string, AuditOrgRef>();
      const users = new Map<string, string>();
      if (orgIds.length) {
        const found = await db
          .selectFrom("organizations")
          .select(["id", "name", "path"])
          .where("id", "in", orgIds)
          .execute();
        const pathIds = (path: string) => path.split("/").filter(Boolean).map(Number);
        const above = [...new Set(found.flatMap((o) => pathIds(o.path)))];
        const names = new Map(
          (above.length
            ? await db.selectFrom("organizations").select(["id", "name"]).where("id", "in", above).execute()
            : []
          ).map((o) => [o.id, o.name]),
        );
        for (const o of found) {
          const path = pathIds(o.path)
            .filter((id) => id !== o.id)
            .map((id) => names.get(id) ?? `#${id}`);
          orgs.set(String(o.id), { name: o.name, path });
        }
      }
      if (userIds.length) {
        const found = await db.selectFrom("users").select(["id", "username"]).where("id", "in", userIds).execute();
        for (const u of found) users.set(String(u.id), u.username);
      }
      return { orgs, users };
    },
  };
}
