import type { Role, UserListQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  disabled: boolean;
}

/** Accounts and role assignments (administration side; sign-in lives in the auth module). */
export function usersRepository(db: Kysely<DB>) {
  return {
    async list(query: UserListQuery): Promise<{ items: UserRow[]; total: number }> {
      let q = db.selectFrom("users");
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb("username", "like", like), eb("display_name", "like", like)]));
      }
      if (query.role) {
        const roleName = query.role;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("role_assignments as r")
              .select("r.id")
              .whereRef("r.user_id", "=", "users.id")
              .where("r.role", "=", roleName),
          ),
        );
      }
      const [items, count] = await Promise.all([
        q
          .select(["id", "username", "display_name", "member_id", "disabled"])
          .orderBy("username")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    findById(id: number): Promise<UserRow | undefined> {
      return db
        .selectFrom("users")
        .select(["id", "username", "display_name", "member_id", "disabled"])
        .where("id", "=", id)
        .executeTakeFirst();
    },

    async usernameTaken(username: string): Promise<boolean> {
      return (
        (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst()) !== undefined
      );
    },

    async memberExists(memberId: number): Promise<boolean> {
      return (await db.selectFrom("members").select("id").where("id", "=", memberId).executeTakeFirst()) !== undefined;
    },

    async orgActive(orgId: number): Promise<boolean> {
      const row = await db.selectFrom("organizations").select("status").where("id", "=", orgId).executeTakeFirst();
      return row?.status === "active";
    },

    async insert(values: { username: string; displayName: string; passwordHash: string; memberId: number | null }) {
      const row = await db
        .insertInto("users")
        .values({
          username: values.username,
          display_name: values.displayName,
          password_hash: values.passwordHash,
          member_id: values.memberId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, patch: Partial<{ display_name: string; password_hash: string; disabled: boolean }>) {
      await db.updateTable("users").set(patch).where("id", "=", id).execute();
    },

    /** Ends every session of a user (disabled account, new password). */
    async endSessions(userId: number) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },

    rolesOf(userIds: number[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("role_assignments as r")
        .leftJoin("organizations as o", "o.id", "r.org_id")
        .select(["r.id", "r.user_id", "r.role", "r.org_id", "o.name as org_name"])
        .where("r.user_id", "in", userIds)
        .orderBy("r.id")
        .execute();
    },

    findAssignment(id: number) {
      return db
        .selectFrom("role_assignments")
        .select(["id", "user_id", "role", "org_id"])
        .where("id", "=", id)
        .executeTakeFirst();
    },

    async insertAssignment(userId: number, role: Role, orgId: number | null) {
      const row = await db
        .insertInto("role_assignments")
        .values({ user_id: userId, role, org_id: orgId })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async deleteAssignment(id: number) {
      await db.deleteFrom("role_assignments").where("id", "=", id).execute();
    },
  };
}
