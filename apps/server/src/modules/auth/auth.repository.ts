import type { Role } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Accounts, role assignments, sessions and the login throttle: the only SQL of the auth module. */
export function authRepository(db: Kysely<DB>) {
  return {
    findUserByUsername(username: string) {
      return db
        .selectFrom("users")
        .select(["id", "username", "display_name", "password_hash", "member_id", "disabled"])
        .where("username", "=", username)
        .executeTakeFirst();
    },

    rolesOf(userId: number) {
      return db
        .selectFrom("role_assignments as r")
        .leftJoin("organizations as o", "o.id", "r.org_id")
        .select(["r.id", "r.role", "r.org_id", "o.name as org_name", "o.path as org_path", "o.status as org_status"])
        .where("r.user_id", "=", userId)
        .orderBy("r.id")
        .execute()
        .then((rows) =>
          rows
            // A role held in a dissolved organization no longer grants anything.
            .filter((r) => r.org_status !== "dissolved")
            .map((r) => ({
              id: r.id,
              role: r.role as Role,
              orgId: r.org_id,
              orgName: r.org_name,
              orgPath: r.org_path,
            })),
        );
    },

    /** The session and its user, if the session exists and was used within the idle timeout. */
    findLiveSession(sessionId: string, idleMinutes: number) {
      return db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select([
          "s.id",
          "s.csrf_token",
          "s.last_seen_at",
          "u.id as user_id",
          "u.username",
          "u.display_name",
          "u.member_id",
          "u.disabled",
        ])
        .where("s.id", "=", sessionId)
        .where("s.last_seen_at", ">", sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
        .executeTakeFirst();
    },

    createSession(row: { id: string; userId: number; csrfToken: string; ip: string | null }) {
      return db
        .insertInto("sessions")
        .values({ id: row.id, user_id: row.userId, csrf_token: row.csrfToken, ip: row.ip })
        .execute();
    },

    touchSession(sessionId: string) {
      return db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id", "=", sessionId).execute();
    },

    deleteSession(sessionId: string) {
      return db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    },

    /** Expired sessions are removed opportunistically at login; nothing depends on it for safety. */
    deleteIdleSessions(idleMinutes: number) {
      return db
        .deleteFrom("sessions")
        .where("last_seen_at", "<", sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
        .execute();
    },

    findThrottle(username: string) {
      return db
        .selectFrom("login_throttle")
        .select(["failures", "window_started_at", "locked_until"])
        .where("username", "=", username)
        .executeTakeFirst();
    },

    /**
     * Counts one failure in a 15-minute window (a new window when the old one is over) and locks
     * the name for 15 minutes at the fifth. One statement, so concurrent failures all count.
     */
    recordFailure(username: string, maxFailures: number, windowMinutes: number) {
      return db
        .insertInto("login_throttle")
        .values({ username, failures: 1, window_started_at: sql`now()` })
        .onConflict((oc) =>
          oc.column("username").doUpdateSet({
            failures: sql`CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${windowMinutes})
              THEN 1 ELSE login_throttle.failures + 1 END`,
            window_started_at: sql`CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${windowMinutes})
              THEN now() ELSE login_throttle.window_started_at END`,
          }),
        )
        .returning(["failures"])
        .executeTakeFirstOrThrow()
        .then(async ({ failures }) => {
          if (failures >= maxFailures) {
            await db
              .updateTable("login_throttle")
              .set({ locked_until: sql`now() + make_interval(mins => ${windowMinutes})` })
              .where("username", "=", username)
              .execute();
          }
          return failures;
        });
    },

    clearThrottle(username: string) {
      return db.deleteFrom("login_throttle").where("username", "=", username).execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;
