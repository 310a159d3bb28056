import type { Role } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import { type ListVersions, listVersionsSql } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";

export type ThrottleKind = "pair" | "address" | "account";
/** `max` failures within `windowMinutes` lock the key for `lockMinutes`. */
export interface ThrottleRule {
  max: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Accounts, role assignments, sessions and the login throttle: the only SQL of the auth module. */
export function authRepository(db: Kysely<DB>) {
  return {
    findUserByUsername(username: string) {
      return db
        .selectFrom("users")
        .select([
          "id",
          "username",
          "display_name",
          "password_hash",
          "member_id",
          "disabled",
          "must_change_password",
          "totp_enabled_at",
        ])
        .where("username", "=", username)
        .executeTakeFirst();
    },

    findUserById(id: number) {
      return db
        .selectFrom("users")
        .select(["id", "username", "display_name", "member_id", "disabled", "totp_enabled_at"])
        .where("id", "=", id)
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

    /**
     * The session and its user, if the session exists, was used within the idle timeout and is
     * younger than the absolute lifetime.
     */
    findLiveSession(sessionId: string, idleMinutes: number, maxHours: number) {
      return db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select([
          "s.id",
          "s.csrf_token",
          "s.created_at",
          "s.last_seen_at",
          // In the same statement, so a kept actor is never newer than the version it carries.
          listVersionsSql().as("list_versions"),
          "s.second_factor_pending",
          "u.id as user_id",
          "u.username",
          "u.display_name",
          "u.member_id",
          "u.disabled",
          "u.must_change_password",
          "u.totp_enabled_at",
        ])
        .where("s.id", "=", sessionId)
        .where("s.last_seen_at", ">", sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
        .where("s.created_at", ">", sql<Date>`now() - make_interval(hours => ${maxHours})`)
        .executeTakeFirst();
    },

    createSession(row: {
      id: string;
      userId: number;
      csrfToken: string;
      ip: string | null;
      secondFactorPending: boolean;
    }) {
      return db
        .insertInto("sessions")
        .values({
          id: row.id,
          user_id: row.userId,
          csrf_token: row.csrfToken,
          ip: row.ip,
          second_factor_pending: row.secondFactorPending,
        })
        .execute();
    },

    /**
     * The lists' versions (db/count.ts): 'auth' is everything an actor is built from, so a kept
     * actor holds while it does; the others let the request's pages be reused (keptPages).
     */
    async listVersions(): Promise<ListVersions> {
      const row = await db.selectNoFrom(listVersionsSql().as("v")).executeTakeFirstOrThrow();
      return row.v;
    },

    touchSession(sessionId: string) {
      return db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id", "=", sessionId).execute();
    },

    deleteSession(sessionId: string) {
      return db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    },

    /** Expired sessions are removed opportunistically at login; nothing depends on it for safety. */
    deleteExpiredSessions(idleMinutes: number, maxHours: number) {
      return db
        .deleteFrom("sessions")
        .where((eb) =>
          eb.or([
            eb("last_seen_at", "<", sql<Date>`now() - make_interval(mins => ${idleMinutes})`),
            eb("created_at", "<", sql<Date>`now() - make_interval(hours => ${maxHours})`),
          ]),
        )
        .execute();
    },

    /** Active locks among these throttle keys (a lock outlives its window's failures). */
    activeLocks(keys: ReadonlyArray<{ kind: ThrottleKind; key: string }>) {
      return db
        .selectFrom("login_throttle")
        .select(["kind", "locked_until"])
        .where((eb) => eb.or(keys.map((k) => eb.and([eb("kind", "=", k.kind), eb("key", "=", k.key)]))))
        .where("locked_until", ">", sql<Date>`now()`)
        .execute();
    },

    /**
     * Counts one failure in a window (a new window when the old one is over) and locks the key
     * when the count reaches `max`. One statement, so concurrent failures all count.
     */
    recordFailure(kind: ThrottleKind, key: string, rule: ThrottleRule) {
      const expired = sql`login_throttle.window_started_at < now() - make_interval(mins => ${rule.windowMinutes})`;
      return db
        .insertInto("login_throttle")
        .values({
          kind,
          key,
          failures: 1,
          window_started_at: sql`now()`,
          locked_until: rule.max <= 1 ? sql`now() + make_interval(mins => ${rule.lockMinutes})` : null,
        })
        .onConflict((oc) =>
          oc.columns(["kind", "key"]).doUpdateSet({
            failures: sql`CASE WHEN ${expired} THEN 1 ELSE login_throttle.failures + 1 END`,
            window_started_at: sql`CASE WHEN ${expired} THEN now() ELSE login_throttle.window_started_at END`,
            locked_until: sql`CASE WHEN (CASE WHEN ${expired} THEN 1 ELSE login_throttle.failures + 1 END) >= ${rule.max}
              THEN now() + make_interval(mins => ${rule.lockMinutes}) ELSE login_throttle.locked_until END`,
          }),
        )
        .returning(["failures"])
        .executeTakeFirstOrThrow()
        .then((r) => r.failures);
    },

    clearThrottle(kind: ThrottleKind, key: string) {
      return db.deleteFrom("login_throttle").where("kind", "=", kind).where("key", "=", key).execute();
    },

    /** Forgets windows that are over and locks that have run out, so the table stays small. */
    purgeThrottle(windowMinutes: number) {
      return db
        .deleteFrom("login_throttle")
        .where("window_started_at", "<", sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
        .execute();
    },

    /** Keeps a user's newest `keep` sessions and ends the others (a per-user limit). */
    endOldestSessions(userId: number, keep: number) {
      return db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .where(
          "id",
          "not in",
          db
            .selectFrom("sessions")
            .select("id")
            .where("user_id", "=", userId)
            .orderBy("created_at", "desc")
            .orderBy("id")
            .limit(keep),
        )
        .execute();
    },

    endOtherSessions(userId: number, keepSessionId: string) {
      return db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "<>", keepSessionId).execute();
    },

    passSecondFactor(sessionId: string) {
      return db
        .updateTable("sessions")
        .set({ second_factor_pending: false, second_factor_failures: 0, last_seen_at: sql`now()` })
        .where("id", "=", sessionId)
        .execute();
    },

    /** One more wrong code on this session; answers the count so far. */
    failSecondFactor(sessionId: string) {
      return db
        .updateTable("sessions")
        .set({ second_factor_failures: sql`second_factor_failures + 1` })
        .where("id", "=", sessionId)
        .returning("second_factor_failures")
        .executeTakeFirst()
        .then((r) => r?.second_factor_failures ?? Number.POSITIVE_INFINITY);
    },

    findCredentials(userId: number) {
      return db
        .selectFrom("users")
        .select(["password_hash", "totp_secret_enc", "totp_enabled_at", "totp_last_step"])
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
    },

    setPassword(userId: number, passwordHash: string) {
      return db
        .updateTable("users")
        .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: sql`now()` })
        .where("id", "=", userId)
        .execute();
    },

    /**
     * Accepts a TOTP step only if it is later than the last accepted one; the condition sits in
     * the UPDATE so two requests racing with the same code cannot both pass.
     */
    async claimTotpStep(userId: number, step: number): Promise<boolean> {
      const result = await db
        .updateTable("users")
        .set({ totp_last_step: step })
        .where("id", "=", userId)
        .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", String(step))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    startTotpEnrolment(userId: number, secretEnc: Uint8Array) {
      return db
        .updateTable("users")
        .set({ totp_secret_enc: secretEnc, totp_enabled_at: null, totp_last_step: null })
        .where("id", "=", userId)
        .execute();
    },

    enableTotp(userId: number) {
      return db.updateTable("users").set({ totp_enabled_at: sql`now()` }).where("id", "=", userId).execute();
    },

    disableTotp(userId: number) {
      return db
        .updateTable("users")
        .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null })
        .where("id", "=", userId)
        .execute();
    },

    async replaceRecoveryCodes(userId: number, hashes: string[]) {
      await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
      if (hashes.length) {
        await db
          .insertInto("recovery_codes")
          .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
          .execute();
      }
    },

    /** Uses a recovery code up; true if it was there and unused. */
    async useRecoveryCode(userId: number, hash: string): Promise<boolean> {
      const result = await db
        .updateTable("recovery_codes")
        .set({ used_at: sql`now()` })
        .where("user_id", "=", userId)
        .where("code_hash", "=", hash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;
