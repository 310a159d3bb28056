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
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { passwordProblem } from "../../platform/password-policy.ts";
import { hashPassword } from "../../platform/passwords.ts";
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
 */
export function usersService(db: Kysely<DB>) {
  const repo = usersRepository(db);

  async function present(rows: UserRow[]): Promise<User[]> {
    const ids = rows.map((r) => r.id);
    const [roles, resets] = await Promise.all([repo.rolesOf(ids), repo.pendingResets(ids, RESET_EXPIRY_HOURS)]);
    return rows.map((r) => {
      const reset = resets.find((p) => p.user_id === r.id);
      return {
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        memberId: r.member_id,
        disabled: r.disabled,
        mustChangePassword: r.must_change_password,
        secondFactor: r.totp_enabled_at !== null,
        pendingReset: reset ? { id: reset.id, requestedAt: new Date(reset.created_at).toISOString() } : null,
        roles: roles
          .filter((a) => a.user_id === r.id)
          .map((a) => ({ id: a.id, role: a.role as Role, orgId: a.org_id, orgName: a.org_name })),
      };
    });
  }

  async function get(id: number): Promise<User> {
    const row = await repo.findById(id);
    if (!row) throw notFound("user");
    return (await present([row]))[0] as User;
  }

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

  return {
    async list(_actor: Actor, query: UserListQuery) {
      const result = await repo.list(query);
      return { items: await present(result.items), total: result.total };
    },

    get: (_actor: Actor, id: number) => get(id),

    async create(actor: Actor, body: CreateUserBody): Promise<User> {
      checkPassword(body.password, body);
      const passwordHash = await hashPassword(body.password);
      const id = await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        if (await r.usernameTaken(body.username)) throw conflict("username.taken", "username");
        if (body.memberId && !(await r.memberExists(body.memberId))) throw invalidField("memberId", "member.notFound");
        const newId = await r.insert({
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          memberId: body.memberId ?? null,
        });
        await recordAudit(trx, actor, {
          action: "user.create",
          result: "success",
          targetType: "user",
          targetId: newId,
        });
        return newId;
      });
      return get(id);
    },

    /**
     * Renames, disables, sets a one-time password or clears the second factor. Answers whether
     * part of it awaits the security administrator (an administrator's password or second factor).
     */
    async update(actor: Actor, id: number, body: UpdateUserBody): Promise<{ user: User; pendingApproval: boolean }> {
      const resetsSecret = body.password !== undefined || body.resetSecondFactor === true;
      if (id === actor.userId && body.disabled === true) throw new AppError(409, "user.disableSelf");
      if (id === actor.userId && resetsSecret) throw new AppError(409, "user.ownPasswordHere");
      const pendingApproval = await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        await r.lockUser(id);
        const target = await r.findById(id);
        if (!target) throw notFound("user");
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
        await recordAudit(trx, actor, {
          action: "user.update",
          result: "success",
          targetType: "user",
          targetId: id,
          detail: { fields: Object.keys(body), ...(needsApproval ? { awaitingApproval: true } : {}) },
        });
        return needsApproval;
      });
      return { user: await get(id), pendingApproval };
    },

    async assignRole(actor: Actor, userId: number, body: AssignRoleBody): Promise<User> {
      const orgId = body.orgId ?? null;
      if (isAdminRole(body.role) && orgId !== null) throw invalidField("orgId", "role.adminNoOrg");
      if (!isAdminRole(body.role) && orgId === null) throw invalidField("orgId", "validation.required");
      if (userId === actor.userId) throw new AppError(409, "role.ownRoles");
      try {
        await db.transaction().execute(async (trx) => {
          const r = usersRepository(trx);
          await r.actAs(actor.userId);
          await r.lockUser(userId);
          const target = await r.findById(userId);
          if (!target) throw notFound("user");
          if (orgId !== null && !(await r.orgActive(orgId))) throw invalidField("orgId", "org.notInScope");
          const held = (await r.rolesOf([userId])).map((a) => a.role as Role);
          const separated = isAdminRole(body.role)
            ? held.some((h) => h !== body.role)
            : held.some((h) => isAdminRole(h));
          if (separated) throw conflict("role.separationOfDuties", "role");
          const id = await r.insertAssignment(userId, body.role, orgId);
          await recordAudit(trx, actor, {
            action: "role.assign",
            result: "success",
            targetType: "user",
            targetId: userId,
            detail: { role: body.role, orgId, assignmentId: id },
          });
        });
      } catch (error) {
        if (separationRefused(error)) throw conflict("role.separationOfDuties", "role");
        throw error;
      }
      return get(userId);
    },

    async withdrawRole(actor: Actor, assignmentId: number): Promise<User> {
      const userId = await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        await r.actAs(actor.userId);
        const found = await r.findAssignment(assignmentId);
        if (!found) throw notFound("role");
        if (found.user_id === actor.userId) throw new AppError(409, "role.ownRoles");
        await r.lockUser(found.user_id);
        const assignment = await r.findAssignment(assignmentId);
        if (!assignment) throw notFound("role");
        const target = await r.findById(assignment.user_id);
        const role = assignment.role as Role;
        if (isAdminRole(role) && !target?.disabled && (await r.otherEnabledHolders(role, assignment.user_id)) === 0) {
          throw conflict("role.lastAdministrator");
        }
        await r.deleteAssignment(assignmentId);
        await r.endSessions(assignment.user_id);
        await recordAudit(trx, actor, {
          action: "role.withdraw",
          result: "success",
          targetType: "user",
          targetId: assignment.user_id,
          detail: { role: assignment.role, orgId: assignment.org_id },
        });
        return assignment.user_id;
      });
      return get(userId);
    },

    async listResets(_actor: Actor, query: PasswordResetListQuery) {
      await repo.expireResets(RESET_EXPIRY_HOURS);
      const result = await repo.listResets(query);
      const items: PasswordResetRequest[] = result.items.map((p) => ({
        id: p.id,
        user: { id: p.user_id, username: p.username, displayName: p.display_name },
        requestedBy: { id: p.requested_by, username: p.requested_by_username },
        password: p.password_hash !== null,
        resetSecondFactor: p.reset_second_factor,
        status: p.status as PasswordResetRequest["status"],
        requestedAt: new Date(p.created_at).toISOString(),
        decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
      }));
      return { items, total: result.total };
    },

    /**
     * The security administrator's decision on a reset the system administrator asked for. The
     * database refuses a decision by the requester or by the account's owner as well.
     */
    async decideReset(actor: Actor, requestId: number, approve: boolean): Promise<User> {
      const userId = await db.transaction().execute(async (trx) => {
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
        await recordAudit(trx, actor, {
          action: approve ? "user.reset_approve" : "user.reset_reject",
          result: "success",
          targetType: "user",
          targetId: request.user_id,
          detail: { requestId },
        });
        return request.user_id;
      });
      return get(userId);
    },
  };
}
export type UsersService = ReturnType<typeof usersService>;
