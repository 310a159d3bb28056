import type { Role, UserListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  disabled: boolean;
  must_change_password: boolean;
  totp_enabled_at: Date | null;
}

const userColumns = [
  "id",
  "username",
  "display_name",
  "member_id",
  "disabled",
  "must_change_password",
  "totp_enabled_at",
] as const;

/**
 * Accounts and role assignments (administration side; sign-in lives in the auth module). It reads
 * no other module's tables except the organization's name beside a role (rolesOf): whether a
 * member or an organization exists or is active is asked of their policies (members.policy.ts
 * `link`, orgs.policy.ts `assignRoles`).
 */
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
          .select(userColumns)
          .orderBy("username")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    findById(id: number): Promise<UserRow | undefined> {
      return db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
    },

    /** The rows among ids that satisfy a reach condition (the policy's loader). */
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<UserRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom("users").select(userColumns).where("id", "in", ids).where(where).execute();
    },

    async usernameTaken(username: string): Promise<boolean> {
      return (
        (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst()) !== undefined
      );
    },

    async insert(values: { username: string; displayName: string; passwordHash: string; memberId: number | null }) {
      const row = await db
        .insertInto("users")
        .values({
          username: values.username,
          display_name: values.displayName,
          password_hash: values.passwordHash,
          member_id: values.memberId,
          // The administrator chose it: a one-time password.
          must_change_password: true,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(
      id: number,
      patch: Partial<{ display_name: string; password_hash: string; disabled: boolean; must_change_password: boolean }>,
    ) {
      if (Object.keys(patch).length === 0) return;
      await db.updateTable("users").set(patch).where("id", "=", id).execute();
    },

    /** Clears two-factor sign-in and its recovery codes; the owner enrols again. */
    async resetSecondFactor(id: number) {
      await db
        .updateTable("users")
        .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null })
        .where("id", "=", id)
        .execute();
      await db.deleteFrom("recovery_codes").where("user_id", "=", id).execute();
    },

    /** Tells the database who acts, for the triggers that refuse a change to one's own roles. */
    async actAs(userId: number) {
      await sql`SELECT set_config('huzhu.actor_id', ${String(userId)}, true)`.execute(db);
    },

    /** Locks the account row so that checks on its roles and state hold until the transaction ends. */
    async lockUser(id: number) {
      await db.selectFrom("users").select("id").where("id", "=", id).forUpdate().execute();
    },

    /** Enabled accounts holding this role, other than `exceptUserId`. */
    async otherEnabledHolders(role: Role, exceptUserId: number): Promise<number> {
      const row = await db
        .selectFrom("role_assignments as r")
        .innerJoin("users as u", "u.id", "r.user_id")
        .select(sql<number>`count(DISTINCT u.id)::int`.as("n"))
        .where("r.role", "=", role)
        .where("u.disabled", "=", false)
        .where("u.id", "<>", exceptUserId)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Open (pending, not yet expired) reset requests for these accounts. */
    pendingResets(userIds: number[], expiryHours: number) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("password_reset_requests")
        .select(["id", "user_id", "created_at"])
        .where("user_id", "in", userIds)
        .where("status", "=", "pending")
        .where("created_at", ">", sql<Date>`now() - make_interval(hours => ${expiryHours})`)
        .execute();
    },

    /** Marks pending requests older than the expiry as expired, so a new one can be made. */
    async expireResets(expiryHours: number) {
      await db
        .updateTable("password_reset_requests")
        .set({ status: "expired", decided_at: sql`now()` })
        .where("status", "=", "pending")
        .where("created_at", "<=", sql<Date>`now() - make_interval(hours => ${expiryHours})`)
        .execute();
    },

    async insertReset(values: {
      userId: number;
      requestedBy: number;
      passwordHash: string | null;
      resetSecondFactor: boolean;
    }): Promise<number> {
      const row = await db
        .insertInto("password_reset_requests")
        .values({
          user_id: values.userId,
          requested_by: values.requestedBy,
          password_hash: values.passwordHash,
          reset_second_factor: values.resetSecondFactor,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Replaces an open request (a second reset before approval supersedes the first). */
    async supersedeResets(userId: number) {
      await db
        .updateTable("password_reset_requests")
        .set({ status: "rejected", decided_at: sql`now()` })
        .where("user_id", "=", userId)
        .where("status", "=", "pending")
        .execute();
    },

    findReset(id: number) {
      return db.selectFrom("password_reset_requests").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    },

    async decideReset(id: number, status: "approved" | "rejected", decidedBy: number) {
      await db
        .updateTable("password_reset_requests")
        .set({ status, decided_by: decidedBy, decided_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async listResets(query: { status?: string | undefined; page: number; pageSize: number }) {
      let q = db
        .selectFrom("password_reset_requests as p")
        .innerJoin("users as u", "u.id", "p.user_id")
        .innerJoin("users as by", "by.id", "p.requested_by");
      if (query.status) q = q.where("p.status", "=", query.status);
      const [items, count] = await Promise.all([
        q
          .select([
            "p.id",
            "p.status",
            "p.password_hash",
            "p.reset_second_factor",
            "p.created_at",
            "p.decided_at",
            "u.id as user_id",
            "u.username",
            "u.display_name",
            "by.id as requested_by",
            "by.username as requested_by_username",
          ])
          .orderBy("p.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** Ends every session of a user (disabled account, new password). */
    async endSessions(userId: number) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },

    /**
     * The roles of these accounts, each with its organization's name. This join stays: it reads
     * only the name of the organization the account's own role assignment names (part of showing
     * the account); checks on an organization go through the orgs policy (orgPolicy.assignRoles).
     */
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
