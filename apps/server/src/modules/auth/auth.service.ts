import crypto from "node:crypto";
import type { LoginBody, Me } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, permissionsOf } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError } from "../../platform/errors.ts";
import { decoyHash, verifyPassword } from "../../platform/passwords.ts";
import { authRepository } from "./auth.repository.ts";

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export const hashSessionToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export function authService(db: Kysely<DB>, options: { idleMinutes: number }) {
  const repo = authRepository(db);

  async function buildActor(
    user: { id: number; username: string; display_name: string; member_id: number | null },
    sessionId: string,
    csrfToken: string,
    ip: string | null,
  ): Promise<Actor> {
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      memberId: user.member_id,
      roles: await repo.rolesOf(user.id),
      sessionId,
      csrfToken,
      ip,
    };
  }

  return {
    /**
     * Signs in. Unknown user, wrong password and disabled account give the same 401 after the
     * same scrypt work; five failures within 15 minutes lock the name (known or not) for 15.
     */
    async login(input: LoginBody, ip: string | null): Promise<{ token: string; actor: Actor }> {
      const username = input.username.trim().toLowerCase();
      const who = { userId: null, username, ip };
      const throttle = await repo.findThrottle(username);
      if (throttle?.locked_until && new Date(throttle.locked_until) > new Date()) {
        await recordAudit(db, who, { action: "auth.login", result: "denied", detail: { reason: "locked" } });
        const minutes = Math.max(1, Math.ceil((new Date(throttle.locked_until).getTime() - Date.now()) / 60000));
        throw new AppError(423, "auth.locked", {
          params: { minutes },
          headers: { "retry-after": String(minutes * 60) },
        });
      }
      const user = await repo.findUserByUsername(username);
      const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash));
      if (!user || !ok || user.disabled) {
        const failures = await repo.recordFailure(username, MAX_FAILURES, LOCK_MINUTES);
        await recordAudit(
          db,
          { userId: user?.id ?? null, username, ip },
          {
            action: "auth.login_failed",
            result: "failure",
            detail: { failures },
          },
        );
        if (failures >= MAX_FAILURES) {
          throw new AppError(423, "auth.locked", {
            params: { minutes: LOCK_MINUTES },
            headers: { "retry-after": String(LOCK_MINUTES * 60) },
          });
        }
        throw new AppError(401, "auth.invalid");
      }
      await repo.clearThrottle(username);
      await repo.deleteIdleSessions(options.idleMinutes);
      const token = crypto.randomBytes(32).toString("base64url");
      const sessionId = hashSessionToken(token);
      const csrfToken = crypto.randomBytes(24).toString("base64url");
      await repo.createSession({ id: sessionId, userId: user.id, csrfToken, ip });
      const actor = await buildActor(user, sessionId, csrfToken, ip);
      await recordAudit(db, actor, { action: "auth.login", result: "success", targetType: "user", targetId: user.id });
      return { token, actor };
    },

    /** The actor behind a session cookie, or null. Sliding idle timeout, touched at most once a minute. */
    async authenticate(token: string | undefined, ip: string | null): Promise<Actor | null> {
      if (!token || token.length > 100) return null;
      const sessionId = hashSessionToken(token);
      const row = await repo.findLiveSession(sessionId, options.idleMinutes);
      if (!row || row.disabled) return null;
      if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) await repo.touchSession(sessionId);
      return buildActor(
        { id: row.user_id, username: row.username, display_name: row.display_name, member_id: row.member_id },
        sessionId,
        row.csrf_token,
        ip,
      );
    },

    async logout(actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await authRepository(trx).deleteSession(actor.sessionId);
        await recordAudit(trx, actor, {
          action: "auth.logout",
          result: "success",
          targetType: "user",
          targetId: actor.userId,
        });
      });
    },

    presentMe(actor: Actor): Me {
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          memberId: actor.memberId,
        },
        roles: actor.roles.map((r) => ({ id: r.id, role: r.role, orgId: r.orgId, orgName: r.orgName })),
        permissions: permissionsOf(actor),
        csrfToken: actor.csrfToken,
      };
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
