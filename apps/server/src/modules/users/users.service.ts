import type {
  AssignRoleBody,
  CreateUserBody,
  PasswordResetListQuery,
  PasswordResetRequest,
  Role,
  UpdateUserBody,
  User,
  UserListQuery,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isAdminRole } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { passwordProblem } from "../../platform/password-policy.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { authorizeField, scopeOf } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { userActions, userPolicy } from "./users.policy.ts";
import { presentPasswordReset, presentUser } from "./users.presenter.ts";
import { type UserRow, usersRepository } from "./users.repository.ts";

/** A reset of an administrator's password waits this long for the security administrator. */
const RESET_EXPIRY_HOURS = 24;

/**
 * Account administration, split as 三权分立 requires: the system administrator creates, edits
 * and disables accounts; the security administrator grants and withdraws roles. On top of the
 * route permissions (issue 6, holes 1 and 3):
 * - an administrator holds no other role, so never one that reads member data, and nobody
 *   grants or withdraws their own roles (checked here with clear messages; the database trigger
 *   refuses the same underneath, whatever code path inserts);
 * - a password the system administrator sets is a one-time password; one's own password is
 *   changed through 修改密码 (POST /api/me/password), never here;
 * - the system administrator's reset of *another administrator's* password or second factor
 *   waits for the security administrator's approval, so no single person can take one over;
 * - the last enabled holder of an administrator role can be neither disabled nor lose that role
 *   (an audit administrator above all: without one, nobody reads the log).
 * Every write is a command named by its audit action (platform/commands.ts).
 */
export function usersService(db: Kysely<DB>) {
  const repo = usersRepository(db);

  /** Rows → DTOs with their roles and any open reset. */
  async function present(rows: UserRow[]): Promise<User[]> {
    const ids = rows.map((r) => r.id);
    const [roles, resets] = await Promise.all([repo.rolesOf(ids), repo.pendingResets(ids, RESET_EXPIRY_HOURS)]);
    return rows.map((r) =>
      presentUser(
        r,
        roles,
        resets.find((p) => p.user_id === r.id),
      ),
    );
  }

  async function get(id: number): Promise<User> {
    const row = await repo.findById(id);
    if (!row) throw notFound("user");
    return (await present([row]))[0] as User;
  }
  const presentId = (_db: Kysely<DB>, _actor: Actor, id: number) => get(id);

  function checkPassword(password: string, account: { username: string; displayName: string }) {
    const problem = passwordProblem(password, account);
    if (problem) throw invalidField("password", problem);
  }

  /** Admin roles of which this user is the last enabled holder. */
  async function lastAdministratorRoles(r: ReturnType<typeof usersRepository>, userId: number): Promise<Role[]> {
    const held = (await r.rolesOf([userId])).map((a) => a.role as Role).filter(isAdminRole);
    const last: Role[] = [];
    for (const role of held) if ((await r.otherEnabledHolders(role, userId)) === 0) last.push(role);
    return last;
  }

  /** The trigger's refusal, should a concurrent change slip past the service's checks. */
  function separationRefused(error: unknown): boolean {
    return (error as { code?: unknown }).code === "23514";
  }

  /**
   * The security administrator's decision on a reset the system administrator asked for, as one
   * command per decision (each is its own audit action). The database refuses a decision by the
   * requester or by the account's owner as well.
   */
  function decideResetCommand(approve: boolean) {
    return defineCommand({
      name: approve ? "user.reset_approve" : "user.reset_reject",
      ability: userActions.decidePasswordReset,
      // The request names the account; the record is about it.
      targetType: "user",
      targets: (_requestId: number) => [],
      async run({ trx, actor, input: requestId }) {
        const r = usersRepository(trx);
        await r.expireResets(RESET_EXPIRY_HOURS);
        const request = await r.findReset(requestId);
        if (!request) throw notFound("user");
        if (request.status !== "pending") throw conflict("reset.notPending");
        if (request.user_id === actor.userId || request.requested_by === actor.userId) {
          throw new AppError(409, "reset.ownRequest");
        }
        await r.decideReset(requestId, approve ? "approved" : "rejected", actor.userId);
        if (approve) {
          if (request.password_hash) {
            await r.update(request.user_id, { password_hash: request.password_hash, must_change_password: true });
          }
          if (request.reset_second_factor) await r.resetSecondFactor(request.user_id);
          await r.endSessions(request.user_id);
        }
        return { result: request.user_id, targetId: request.user_id, detail: { requestId } };
      },
      present: presentId,
    });
  }

  const commands = {
    create: defineCommand({
      name: "user.create",
      ability: userActions.create,
      targetType: "user",
      targets: (_body: CreateUserBody & { passwordHash: string }) => [],
      async run({ trx, actor, input: body }) {
        const r = usersRepository(trx);
        if (await r.usernameTaken(body.username)) throw conflict("username.taken", "username");
        // The member's record is the members module's: its policy confirms it exists (the system
        // administrator's scope is global) without its data reaching this module.
        if (body.memberId) {
          await authorizeField(trx, actor, memberPolicy.link, [body.memberId], "memberId", "member.notFound");
        }
        const id = await r.insert({
          username: body.username,
          displayName: body.displayName,
          passwordHash: body.passwordHash,
          memberId: body.memberId ?? null,
        });
        return { result: id, targetId: id };
      },
      present: presentId,
    }),

    /**
     * Renames, disables, sets a one-time password or clears the second factor. Answers whether
     * part of it awaits the security administrator (an administrator's password or second factor).
     */
    update: defineCommand({
      name: "user.update",
      ability: userPolicy.update,
      lock: (trx, input: { id: number; body: UpdateUserBody }) => usersRepository(trx).lockUser(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [found], input: { id, body } }) {
        const r = usersRepository(trx);
        const target = found as UserRow;
        const resetsSecret = body.password !== undefined || body.resetSecondFactor === true;
        if (body.password !== undefined) {
          checkPassword(body.password, {
            username: target.username,
            displayName: body.displayName ?? target.display_name,
          });
        }
        if (body.disabled === true && !target.disabled && (await lastAdministratorRoles(r, id)).length > 0) {
          throw conflict("user.lastAdministrator", "disabled");
        }
        const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
        const targetIsAdministrator = (await r.rolesOf([id])).some((a) => isAdminRole(a.role as Role));
        const needsApproval = resetsSecret && targetIsAdministrator;
        await r.update(id, {
          ...(body.displayName !== undefined && { display_name: body.displayName }),
          ...(body.disabled !== undefined && { disabled: body.disabled }),
          ...(passwordHash !== undefined &&
            !needsApproval && { password_hash: passwordHash, must_change_password: true }),
        });
        if (body.resetSecondFactor && !needsApproval) await r.resetSecondFactor(id);
        if (needsApproval) {
          await r.expireResets(RESET_EXPIRY_HOURS);
          await r.supersedeResets(id);
          const requestId = await r.insertReset({
            userId: id,
            requestedBy: actor.userId,
            passwordHash: passwordHash ?? null,
            resetSecondFactor: body.resetSecondFactor === true,
          });
          // The request is its own record (the security administrator's decision refers to it),
          // before the command's user.update.
          await recordAudit(trx, actor, {
            action: "user.reset_request",
            result: "success",
            targetType: "user",
            targetId: id,
            detail: { requestId, password: passwordHash !== undefined, secondFactor: body.resetSecondFactor === true },
          });
        }
        // A disabled account, a new password or a cleared second factor ends every session at once.
        if (body.disabled === true || (resetsSecret && !needsApproval)) await r.endSessions(id);
        return {
          result: { id, pendingApproval: needsApproval },
          targetId: id,
          detail: { fields: Object.keys(body), ...(needsApproval ? { awaitingApproval: true } : {}) },
        };
      },
      present: async (_db, _actor, { id, pendingApproval }) => ({ user: await get(id), pendingApproval }),
    }),

    assignRole: defineCommand({
      name: "role.assign",
      ability: userPolicy.assignRole,
      async lock(trx, input: { userId: number; role: Role; orgId: number | null }, actor) {
        const r = usersRepository(trx);
        // Tells the trigger who acts (it refuses changes to one's own roles), then holds the account.
        await r.actAs(actor.userId);
        await r.lockUser(input.userId);
      },
      targets: (input) => [input.userId],
      async run({ trx, actor, input: { userId, role, orgId } }) {
        const r = usersRepository(trx);
        // The organization is the organizations module's: its policy says whether a role may be held there.
        if (orgId !== null) await authorizeField(trx, actor, orgPolicy.assignRoles, [orgId], "orgId");
        const held = (await r.rolesOf([userId])).map((a) => a.role as Role);
        const separated = isAdminRole(role) ? held.some((h) => h !== role) : held.some((h) => isAdminRole(h));
        if (separated) throw conflict("role.separationOfDuties", "role");
        const id = await r.insertAssignment(userId, role, orgId);
        return { result: userId, targetId: userId, detail: { role, orgId, assignmentId: id } };
      },
      present: presentId,
    }),

    withdrawRole: defineCommand({
      name: "role.withdraw",
      ability: userPolicy.withdrawRole,
      async lock(trx, input: { assignmentId: number; userId: number }, actor) {
        const r = usersRepository(trx);
        await r.actAs(actor.userId);
        await r.lockUser(input.userId);
      },
      targets: (input) => [input.userId],
      async run({ trx, rows: [found], input: { assignmentId, userId } }) {
        const r = usersRepository(trx);
        // Read again under the account's lock: a concurrent withdrawal may have taken it.
        const assignment = await r.findAssignment(assignmentId);
        if (!assignment || assignment.user_id !== userId) throw notFound("role");
        const target = found as UserRow;
        const role = assignment.role as Role;
        if (isAdminRole(role) && !target.disabled && (await r.otherEnabledHolders(role, userId)) === 0) {
          throw conflict("role.lastAdministrator");
        }
        await r.deleteAssignment(assignmentId);
        await r.endSessions(userId);
        return { result: userId, targetId: userId, detail: { role: assignment.role, orgId: assignment.org_id } };
      },
      present: presentId,
    }),

    approveReset: decideResetCommand(true),
    rejectReset: decideResetCommand(false),
  };

  return {
    commands,

    async list(actor: Actor, query: UserListQuery) {
      scopeOf(actor, userPolicy.read);
      const result = await repo.list(query);
      return { items: await present(result.items), total: result.total };
    },

    get(actor: Actor, id: number) {
      scopeOf(actor, userPolicy.read);
      return get(id);
    },

    async create(actor: Actor, body: CreateUserBody): Promise<User> {
      checkPassword(body.password, body);
      // scrypt before the transaction: nothing is locked while it works.
      const passwordHash = await hashPassword(body.password);
      return execute(db, actor, commands.create, { ...body, passwordHash });
    },

    update(actor: Actor, id: number, body: UpdateUserBody): Promise<{ user: User; pendingApproval: boolean }> {
      const resetsSecret = body.password !== undefined || body.resetSecondFactor === true;
      if (id === actor.userId && body.disabled === true) throw new AppError(409, "user.disableSelf");
      if (id === actor.userId && resetsSecret) throw new AppError(409, "user.ownPasswordHere");
      return execute(db, actor, commands.update, { id, body });
    },

    async assignRole(actor: Actor, userId: number, body: AssignRoleBody): Promise<User> {
      const orgId = body.orgId ?? null;
      if (isAdminRole(body.role) && orgId !== null) throw invalidField("orgId", "role.adminNoOrg");
      if (!isAdminRole(body.role) && orgId === null) throw invalidField("orgId", "validation.required");
      if (userId === actor.userId) throw new AppError(409, "role.ownRoles");
      try {
        return await execute(db, actor, commands.assignRole, { userId, role: body.role, orgId });
      } catch (error) {
        if (separationRefused(error)) throw conflict("role.separationOfDuties", "role");
        throw error;
      }
    },

    /**
     * The account is found from the assignment first (before any lock, as before the frame): an
     * unknown one is 404, one's own 409; the command then holds the account and reads it again.
     */
    async withdrawRole(actor: Actor, assignmentId: number): Promise<User> {
      const found = await repo.findAssignment(assignmentId);
      if (!found) throw notFound("role");
      if (found.user_id === actor.userId) throw new AppError(409, "role.ownRoles");
      return execute(db, actor, commands.withdrawRole, { assignmentId, userId: found.user_id });
    },

    async listResets(
      actor: Actor,
      query: PasswordResetListQuery,
    ): Promise<{ items: PasswordResetRequest[]; total: number }> {
      scopeOf(actor, userActions.listPasswordResets);
      await repo.expireResets(RESET_EXPIRY_HOURS);
      const result = await repo.listResets(query);
      return { items: result.items.map(presentPasswordReset), total: result.total };
    },

    decideReset: (actor: Actor, requestId: number, approve: boolean): Promise<User> =>
      execute(db, actor, approve ? commands.approveReset : commands.rejectReset, requestId),
  };
}
export type UsersService = ReturnType<typeof usersService>;
