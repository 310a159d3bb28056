import type { NotificationListQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";

/** One's own notifications: every finder takes the recipient's id. */
export function notificationsRepository(db: Kysely<DB>) {
  return {
    async listOwn(userId: number, query: NotificationListQuery) {
      let q = db.selectFrom("notifications").where("user_id", "=", userId);
      if (query.unread === "true") q = q.where("read_at", "is", null);
      if (query.unread === "false") q = q.where("read_at", "is not", null);
      const [items, count, unread] = await Promise.all([
        q
          .select(["id", "kind", "params", "link", "read_at", "created_at"])
          .orderBy("id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
        this.unreadCount(userId),
      ]);
      return { items, total: count, unread };
    },

    async unreadCount(userId: number): Promise<number> {
      const row = await db
        .selectFrom("notifications")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Marks one (or, with id null, all) of one's notifications read; answers how many changed. */
    async markRead(userId: number, id: number | null): Promise<number> {
      let q = db
        .updateTable("notifications")
        .set({ read_at: sql`now()` })
        .where("user_id", "=", userId)
        .where("read_at", "is", null);
      if (id !== null) q = q.where("id", "=", id);
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async existsOwn(userId: number, id: number): Promise<boolean> {
      const row = await db
        .selectFrom("notifications")
        .select("id")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async newestId(userId: number): Promise<number> {
      const row = await db
        .selectFrom("notifications")
        .select(sql<number>`coalesce(max(id), 0)::float8`.as("id"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return row.id;
    },

    newest(userId: number, afterId: number) {
      return db
        .selectFrom("notifications")
        .select(["id", "kind", "params", "link", "read_at", "created_at"])
        .where("user_id", "=", userId)
        .where("id", ">", afterId)
        .orderBy("id")
        .limit(20)
        .execute();
    },
  };
}
export type NotificationRow = Awaited<ReturnType<ReturnType<typeof notificationsRepository>["newest"]>>[number];
