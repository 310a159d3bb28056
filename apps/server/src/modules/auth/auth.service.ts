import crypto from "node:crypto";
import type {
  ChangePasswordBody,
  DisableSecondFactorBody,
  LoginBody,
  Me,
  RecoveryCodes,
  SecondFactorBody,
  SessionGate,
  TotpCodeBody,
  TotpSetup,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, needsSecondFactor } from "../../platform/access.ts";
import { raiseSecurityAlert } from "../../platform/alerts.ts";
import { recordAudit } from "../../platform/audit.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { AppError, conflict, invalidField } from "../../platform/errors.ts";
import { passwordProblem } from "../../platform/password-policy.ts";
import { decoyHash, hashPassword, verifyPassword } from "../../platform/passwords.ts";
import {
  acceptedStep,
  enrolmentDetails,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
} from "../../platform/totp.ts";
import { accountPolicy } from "./auth.policy.ts";
import { presentMe } from "./auth.presenter.ts";
import { authRepository, type ThrottleRule } from "./auth.repository.ts";

/**
 * Sign-in throttling (issue 6, hole 7). A lock keyed on the account name alone let anyone lock a
 * real user out from anywhere, so:
 * - the *pair* (account, address) is locked after 5 failures in 15 minutes: the attacker's own
 *   address loses the account, the owner's does not;
 * - an *address* is refused for every account after 30 failures in 15 minutes: one client can no
 *   longer try 23 passwords a second;
 * - an *account* failing 30 times in 15 minutes from all addresses together is not locked (that
 *   would hand the lock-out back to the attacker) but raises an alert for the security administrator.
 */
const PAIR: ThrottleRule = { max: 5, windowMinutes: 15, lockMinutes: 15 };
const ADDRESS: ThrottleRule = { max: 30, windowMinutes: 15, lockMinutes: 15 };
const ACCOUNT_ALERT = 30;
const ACCOUNT: ThrottleRule = { max: 2_000_000_000, windowMinutes: 15, lockMinutes: 0 };
/** Wrong second-factor codes one session may send before it is ended. */
const MAX_SECOND_FACTOR_FAILURES = 5;

export const hashSessionToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export interface AuthOptions {
  idleMinutes: number;
  /** Absolute lifetime of a session, however active. */
  maxHours: number;
  /** A user's newest sessions kept at sign-in; older ones end. */
  sessionsPerUser: number;
  /** Coordinators and administrators must sign in with a second factor (HUZHU_REQUIRE_2FA). */
  requireSecondFactor: boolean;
}

interface UserState {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  must_change_password: boolean;
  totp_enabled_at: Date | null;
}

/** Sessions whose actors one process keeps; the oldest kept goes first. */
const KEPT_ACTORS = 10_000;

export function authService(db: Kysely<DB>, cipher: PersonalDataCipher, clock: () => Date, options: AuthOptions) {
  const repo = authRepository(db);
  let lastPurge = 0;
  // Actors of the sessions this process serves, by session id (see authenticate).
  const keptActors = new Map<string, { version: string; actor: Actor; lastSeen: number; created: number }>();
  const idleMs = options.idleMinutes * 60_000;
  const maxMs = options.maxHours * 3_600_000;

  async function buildActor(
    user: UserState,
    session: { id: string; csrfToken: string; secondFactorPending: boolean },
    ip: string | null,
  ): Promise<Actor> {
    const roles = await repo.rolesOf(user.id);
    const secondFactor = user.totp_enabled_at !== null;
    const gates: SessionGate[] = [];
    if (session.secondFactorPending) gates.push("second_factor");
    if (user.must_change_password) gates.push("password_change");
    if (options.requireSecondFactor && !secondFactor && needsSecondFactor(roles)) gates.push("second_factor_enrolment");
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      memberId: user.member_id,
      roles,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      ip,
      gates,
      secondFactor,
    };
  }

  const lockedError = (code: "auth.locked" | "auth.tooManyAttempts", minutes: number) =>
    new AppError(code === "auth.locked" ? 423 : 429, code, {
      params: { minutes },
      headers: { "retry-after": String(minutes * 60) },
    });

  /** Counts a failed password or code against the pair, the address and the account. */
  async function countFailure(username: string, userId: number | null, ip: string | null) {
    const address = ip ?? "unknown";
    const [pair, fromAddress, onAccount] = await Promise.all([
      repo.recordFailure("pair", `${username}|${address}`, PAIR),
      repo.recordFailure("address", address, ADDRESS),
      userId === null ? Promise.resolve(0) : repo.recordFailure("account", username, ACCOUNT),
    ]);
    // Once per window, when the account-wide count crosses the line.
    if (userId !== null && onAccount === ACCOUNT_ALERT) {
      await raiseSecurityAlert(db, { kind: "login.accountUnderAttack", userId, detail: { failures: onAccount } });
    }
    if (fromAddress === ADDRESS.max) {
      await raiseSecurityAlert(db, {
        kind: "login.addressUnderAttack",
        userId: null,
        detail: { failures: fromAddress },
      });
    }
    return { pair, fromAddress };
  }

  /** Refuses at once when this account-and-address pair or this address is locked. */
  async function refuseIfLocked(username: string, ip: string | null) {
    const address = ip ?? "unknown";
    const locks = await repo.activeLocks([
      { kind: "pair", key: `${username}|${address}` },
      { kind: "address", key: address },
    ]);
    if (locks.length === 0) return null;
    const until = Math.max(...locks.map((l) => new Date(l.locked_until ?? 0).getTime()));
    const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60000));
    return lockedError(locks.some((l) => l.kind === "address") ? "auth.tooManyAttempts" : "auth.locked", minutes);
  }

  async function purgeNowAndThen() {
    const at = clock().getTime();
    if (at - lastPurge < 60_000) return;
    lastPurge = at;
    await repo.purgeThrottle(Math.max(PAIR.windowMinutes, ADDRESS.windowMinutes, ACCOUNT.windowMinutes));
    await repo.deleteExpiredSessions(options.idleMinutes, options.maxHours);
  }

  /** The password policy beyond the contract's shape check: common, personal, or the same again. */
  async function checkNewPassword(
    field: string,
    password: string,
    account: { username: string; displayName: string },
    currentHash?: string,
  ) {
    const problem = passwordProblem(password, account);
    if (problem) throw invalidField(field, problem);
    if (currentHash && (await verifyPassword(password, currentHash))) throw invalidField(field, "password.same");
  }

  /** A TOTP code (once) or an unused recovery code (once); records nothing. */
  async function checkSecondFactor(userId: number, code: string): Promise<"totp" | "recovery" | null> {
    const creds = await repo.findCredentials(userId);
    if (!creds.totp_secret_enc || !creds.totp_enabled_at) return null;
    const secret = cipher.decrypt(creds.totp_secret_enc);
    const step = acceptedStep(secret, code.trim(), clock());
    if (step !== null) return (await repo.claimTotpStep(userId, step)) ? "totp" : null;
    const recovery = normalizeRecoveryCode(code);
    if (recovery && (await repo.useRecoveryCode(userId, hashRecoveryCode(recovery)))) return "recovery";
    return null;
  }

  async function issueRecoveryCodes(trx: Kysely<DB>, userId: number): Promise<string[]> {
    const codes = newRecoveryCodes();
    await authRepository(trx).replaceRecoveryCodes(userId, codes.map(hashRecoveryCode));
    return codes;
  }

  /** Presenters of the commands' results: the actor after the change (a gate settled), the new codes. */
  const me = async (_db: Kysely<DB>, _actor: Actor, next: Actor): Promise<Me> =>
    presentMe(next, options.requireSecondFactor);
  const recoveryCodesOf = async (_db: Kysely<DB>, _actor: Actor, codes: string[]): Promise<RecoveryCodes> => ({
    recoveryCodes: codes,
  });
  const nothing = async () => undefined;

  /**
   * Writes of one's own account and session: commands on accountPolicy.self (anyone signed in, on
   * their own only: every query here is by the session's user id), each recorded under its name
   * about the account (target type user, the actor's id). What must count even when refused (a
   * wrong password or code counts against the throttle, a used code stays used) is checked before
   * the command, outside its transaction; the command makes the change and the record together.
   */
  const commands = {
    /** Settles the second_factor gate (the code was checked and claimed before). */
    secondFactor: defineCommand({
      name: "auth.second_factor",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: { method: "totp" | "recovery" }) => [],
      async run({ trx, actor, input }) {
        await authRepository(trx).passSecondFactor(actor.sessionId);
        const next = { ...actor, gates: actor.gates.filter((g) => g !== "second_factor") };
        return { result: next, targetId: actor.userId, detail: { method: input.method } };
      },
      present: me,
    }),

    /** Sets the new password (hashed before), ends one's other sessions, settles the password_change gate. */
    changePassword: defineCommand({
      name: "auth.password_change",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: { hash: string }) => [],
      async run({ trx, actor, input }) {
        const r = authRepository(trx);
        await r.setPassword(actor.userId, input.hash);
        await r.endOtherSessions(actor.userId, actor.sessionId);
        const next = { ...actor, gates: actor.gates.filter((g) => g !== "password_change") };
        return { result: next, targetId: actor.userId };
      },
      present: me,
    }),

    /** Stores a new TOTP secret, encrypted; it is in force only once enableSecondFactor confirms a code. */
    setupSecondFactor: defineCommand({
      name: "auth.second_factor_setup",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_secret: string) => [],
      async run({ trx, actor, input: secret }) {
        await authRepository(trx).startTotpEnrolment(actor.userId, cipher.encrypt(secret));
        return { result: secret, targetId: actor.userId };
      },
      present: async (_db, actor, secret): Promise<TotpSetup> => enrolmentDetails(secret, actor.username),
    }),

    /** Puts the enrolled secret in force with a first code's step; answers the recovery codes, once. */
    enableSecondFactor: defineCommand({
      name: "auth.second_factor_enable",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: { step: number }) => [],
      async run({ trx, actor, input }) {
        const r = authRepository(trx);
        if (!(await r.claimTotpStep(actor.userId, input.step))) throw invalidField("code", "secondFactor.invalid");
        await r.enableTotp(actor.userId);
        return { result: await issueRecoveryCodes(trx, actor.userId), targetId: actor.userId };
      },
      present: recoveryCodesOf,
    }),

    /** New recovery codes (the old ones stop working); the current code was checked before. */
    regenerateRecoveryCodes: defineCommand({
      name: "auth.recovery_codes",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: undefined) => [],
      async run({ trx, actor }) {
        return { result: await issueRecoveryCodes(trx, actor.userId), targetId: actor.userId };
      },
      present: recoveryCodesOf,
    }),

    /** Turns two-factor sign-in off and drops the recovery codes; password and code were checked before. */
    disableSecondFactor: defineCommand({
      name: "auth.second_factor_disable",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: undefined) => [],
      async run({ trx, actor }) {
        const r = authRepository(trx);
        await r.disableTotp(actor.userId);
        await r.replaceRecoveryCodes(actor.userId, []);
        return { result: undefined, targetId: actor.userId };
      },
      present: nothing,
    }),

    /** Ends this session. */
    logout: defineCommand({
      name: "auth.logout",
      ability: accountPolicy.self,
      targetType: "user",
      targets: (_input: undefined) => [],
      async run({ trx, actor }) {
        await authRepository(trx).deleteSession(actor.sessionId);
        return { result: undefined, targetId: actor.userId };
      },
      present: nothing,
    }),
  };

  return {
    commands,

    /**
     * Signs in with the password. Unknown user, wrong password and disabled account give the same
     * 401 after the same scrypt work. With a second factor set up, the session starts in the
     * `second_factor` gate: only `POST /api/auth/second-factor` and sign-out answer.
     */
    async login(input: LoginBody, ip: string | null): Promise<{ token: string; actor: Actor }> {
      const username = input.username.trim().toLowerCase();
      await purgeNowAndThen();
      const user = await repo.findUserByUsername(username);
      // What was typed as a name is recorded only when it names an account: people type
      // passwords into the name field, and unknown names are not ours to keep.
      const who = { userId: user?.id ?? null, username: user ? username : null, ip };
      const locked = await refuseIfLocked(username, ip);
      if (locked) {
        await recordAudit(db, who, { action: "auth.login", result: "denied", detail: { reason: "locked" } });
        throw locked;
      }
      const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash));
      if (!user || !ok || user.disabled) {
        const { pair, fromAddress } = await countFailure(username, user?.id ?? null, ip);
        await recordAudit(db, who, {
          action: "auth.login_failed",
          result: "failure",
          detail: { failures: pair, ...(user ? {} : { unknownAccount: true }) },
        });
        if (fromAddress >= ADDRESS.max) throw lockedError("auth.tooManyAttempts", ADDRESS.lockMinutes);
        if (pair >= PAIR.max) throw lockedError("auth.locked", PAIR.lockMinutes);
        throw new AppError(401, "auth.invalid");
      }
      await repo.clearThrottle("pair", `${username}|${ip ?? "unknown"}`);
      const token = crypto.randomBytes(32).toString("base64url");
      const session = {
        id: hashSessionToken(token),
        csrfToken: crypto.randomBytes(24).toString("base64url"),
        secondFactorPending: user.totp_enabled_at !== null,
      };
      await repo.createSession({ ...session, userId: user.id, ip });
      await repo.endOldestSessions(user.id, options.sessionsPerUser);
      const actor = await buildActor(user, session, ip);
      await recordAudit(db, actor, {
        action: "auth.login",
        result: "success",
        targetType: "user",
        targetId: user.id,
        detail: { gates: [...actor.gates] },
      });
      return { token, actor };
    },

    /** Settles the second_factor gate with a TOTP code or a recovery code. */
    async secondFactor(actor: Actor, body: SecondFactorBody): Promise<Me> {
      if (!actor.gates.includes("second_factor")) throw new AppError(409, "secondFactor.notPending");
      const locked = await refuseIfLocked(actor.username, actor.ip);
      if (locked) throw locked;
      const used = await checkSecondFactor(actor.userId, body.code);
      if (!used) {
        // The refusal itself is audited by the route (config.audit), like every refused request.
        const failures = await repo.failSecondFactor(actor.sessionId);
        await countFailure(actor.username, actor.userId, actor.ip);
        if (failures >= MAX_SECOND_FACTOR_FAILURES) {
          // Start again from the password: guessing codes on one session ends here.
          await repo.deleteSession(actor.sessionId);
          throw new AppError(401, "auth.secondFactorExhausted");
        }
        throw invalidField("code", "secondFactor.invalid");
      }
      return execute(db, actor, commands.secondFactor, { method: used });
    },

    /**
     * The actor behind a session cookie, or null. Sliding idle timeout, touched at most once a minute.
     * The actor is kept in the process while the 'auth' version holds (db/count.ts, migration 0025:
     * any ended or changed session, account, role or organization moves it, in every process), so
     * a request costs one small read instead of the session and its roles; the session's times are
     * checked here, a minute early, and the database decides when they are near.
     */
    async authenticate(token: string | undefined, ip: string | null): Promise<Actor | null> {
      if (!token || token.length > 100) return null;
      const sessionId = hashSessionToken(token);
      const now = Date.now();
      const held = keptActors.get(sessionId);
      if (held && now - held.lastSeen < idleMs - 60_000 && now - held.created < maxMs - 60_000) {
        const listVersions = await repo.listVersions();
        if (listVersions.auth === held.version) {
          if (now - held.lastSeen > 60_000) {
            await repo.touchSession(sessionId);
            held.lastSeen = now;
          }
          return { ...held.actor, ip, listVersions };
        }
      }
      keptActors.delete(sessionId);
      const row = await repo.findLiveSession(sessionId, options.idleMinutes, options.maxHours);
      if (!row || row.disabled) return null;
      let lastSeen = new Date(row.last_seen_at).getTime();
      if (now - lastSeen > 60_000) {
        await repo.touchSession(sessionId);
        lastSeen = now;
      }
      const actor = await buildActor(
        {
          id: row.user_id,
          username: row.username,
          display_name: row.display_name,
          member_id: row.member_id,
          must_change_password: row.must_change_password,
          totp_enabled_at: row.totp_enabled_at,
        },
        { id: sessionId, csrfToken: row.csrf_token, secondFactorPending: row.second_factor_pending },
        ip,
      );
      keptActors.set(sessionId, {
        version: row.list_versions.auth,
        actor,
        lastSeen,
        created: new Date(row.created_at).getTime(),
      });
      if (keptActors.size > KEPT_ACTORS) keptActors.delete(keptActors.keys().next().value as string);
      return { ...actor, listVersions: row.list_versions };
    },

    /**
     * 修改密码: any user, with the current password. Ends the user's other sessions (whoever
     * knew the old password is out) and settles the password_change gate.
     */
    async changePassword(actor: Actor, body: ChangePasswordBody): Promise<Me> {
      const creds = await repo.findCredentials(actor.userId);
      if (!(await verifyPassword(body.currentPassword, creds.password_hash))) {
        // A stolen session must not become a way to guess the password: it counts like a sign-in.
        const { pair } = await countFailure(actor.username, actor.userId, actor.ip);
        if (pair >= PAIR.max) {
          await repo.deleteSession(actor.sessionId);
          throw lockedError("auth.locked", PAIR.lockMinutes);
        }
        throw invalidField("currentPassword", "password.currentWrong");
      }
      await checkNewPassword(
        "newPassword",
        body.newPassword,
        { username: actor.username, displayName: actor.displayName },
        creds.password_hash,
      );
      // scrypt before the transaction: nothing is held while it works.
      const hash = await hashPassword(body.newPassword);
      return execute(db, actor, commands.changePassword, { hash });
    },

    checkNewPassword,

    /**
     * Starts (or restarts) TOTP enrolment: a new secret, stored encrypted but not yet in force
     * until a code from it is confirmed. Refused while a second factor is in force (turn it off first).
     */
    async startTotpEnrolment(actor: Actor): Promise<TotpSetup> {
      if (actor.secondFactor) throw new AppError(409, "secondFactor.alreadyEnabled");
      return execute(db, actor, commands.setupSecondFactor, newTotpSecret());
    },

    /** Puts the enrolled secret in force with a first code; answers the recovery codes, once. */
    async confirmTotpEnrolment(actor: Actor, body: TotpCodeBody): Promise<RecoveryCodes> {
      if (actor.secondFactor) throw new AppError(409, "secondFactor.alreadyEnabled");
      const creds = await repo.findCredentials(actor.userId);
      if (!creds.totp_secret_enc) throw new AppError(409, "secondFactor.notStarted");
      const step = acceptedStep(cipher.decrypt(creds.totp_secret_enc), body.code, clock());
      if (step === null) throw invalidField("code", "secondFactor.invalid");
      return execute(db, actor, commands.enableSecondFactor, { step });
    },

    /** New recovery codes (the old ones stop working), with a current TOTP code. */
    async regenerateRecoveryCodes(actor: Actor, body: TotpCodeBody): Promise<RecoveryCodes> {
      if (!actor.secondFactor) throw new AppError(409, "secondFactor.notStarted");
      if ((await checkSecondFactor(actor.userId, body.code)) !== "totp") {
        throw invalidField("code", "secondFactor.invalid");
      }
      return execute(db, actor, commands.regenerateRecoveryCodes, undefined);
    },

    /** Turns two-factor sign-in off, with the password and a code; refused where a role requires it. */
    async disableSecondFactor(actor: Actor, body: DisableSecondFactorBody): Promise<void> {
      if (!actor.secondFactor) throw new AppError(409, "secondFactor.notStarted");
      if (options.requireSecondFactor && needsSecondFactor(actor.roles)) throw conflict("secondFactor.required");
      const creds = await repo.findCredentials(actor.userId);
      if (!(await verifyPassword(body.currentPassword, creds.password_hash))) {
        throw invalidField("currentPassword", "password.currentWrong");
      }
      if ((await checkSecondFactor(actor.userId, body.code)) !== "totp") {
        throw invalidField("code", "secondFactor.invalid");
      }
      await execute(db, actor, commands.disableSecondFactor, undefined);
    },

    /**
     * The user as an actor for work done on their behalf outside a request (a background job):
     * their roles as they are now, or null when the account is disabled or gone.
     */
    async actorOf(userId: number, ip: string | null): Promise<Actor | null> {
      const user = await repo.findUserById(userId);
      if (!user || user.disabled) return null;
      return buildActor(
        { ...user, must_change_password: false },
        { id: "job", csrfToken: "", secondFactorPending: false },
        ip,
      ).then((actor) => ({ ...actor, gates: [] }));
    },

    logout: (actor: Actor): Promise<void> => execute(db, actor, commands.logout, undefined),

    /** The signed-in user (see auth.presenter.ts). */
    presentMe: (actor: Actor): Me => presentMe(actor, options.requireSecondFactor),
  };
}
export type AuthService = ReturnType<typeof authService>;
