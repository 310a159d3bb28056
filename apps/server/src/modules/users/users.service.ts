import type { AssignRoleBody, CreateUserBody, Role, UpdateUserBody, User, UserListQuery } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isAdminRole } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { type UserRow, usersRepository } from "./users.repository.ts";

/**
 * Account administration, split as 三权分立 requires: the system administrator creates, edits
 * and disables accounts; the security administrator grants and withdraws roles. Neither can do
 * the other's work (route permissions), and no account holds two administrator roles (checked
 * here with a clear message, and by a database trigger underneath).
 */
export function usersService(db: Kysely<DB>) {
  const repo = usersRepository(db);

  async function present(rows: UserRow[]): Promise<User[]> {
    const roles = await usersRepository(db).rolesOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      memberId: r.member_id,
      disabled: r.disabled,
      roles: roles
        .filter((a) => a.user_id === r.id)
        .map((a) => ({ id: a.id, role: a.role as Role, orgId: a.org_id, orgName: a.org_name })),
    }));
  }

  async function get(id: number): Promise<User> {
    const row = await repo.findById(id);
    if (!row) throw notFound("user");
    return (await present([row]))[0] as User;
  }

  return {
    async list(_actor: Actor, query: UserListQuery) {
      const result = await repo.list(query);
      return { items: await present(result.items), total: result.total };
    },

    get: (_actor: Actor, id: number) => get(id),

    async create(actor: Actor, body: CreateUserBody): Promise<User> {
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
          detail: { username: body.username },
        });
        return newId;
      });
      return get(id);
    },

    async update(actor: Actor, id: number, body: UpdateUserBody): Promise<User> {
      if (id === actor.userId && body.disabled === true) throw new AppError(409, "user.disableSelf");
      const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
      await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        if (!(await r.findById(id))) throw notFound("user");
        await r.update(id, {
          ...(body.displayName !== undefined && { display_name: body.displayName }),
          ...(passwordHash !== undefined && { password_hash: passwordHash }),
          ...(body.disabled !== undefined && { disabled: body.disabled }),
        });
        // A disabled account or a reset password ends every session at once.
        if (body.disabled === true || passwordHash !== undefined) await r.endSessions(id);
        await recordAudit(trx, actor, {
          action: "user.update",
          result: "success",
          targetType: "user",
          targetId: id,
          detail: { fields: Object.keys(body) },
        });
      });
      return get(id);
    },

    async assignRole(actor: Actor, userId: number, body: AssignRoleBody): Promise<User> {
      const orgId = body.orgId ?? null;
      if (isAdminRole(body.role) && orgId !== null) throw invalidField("orgId", "role.adminNoOrg");
      if (!isAdminRole(body.role) && orgId === null) throw invalidField("orgId", "validation.required");
      await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        const target = await r.findById(userId);
        if (!target) throw notFound("user");
        if (orgId !== null && !(await r.orgActive(orgId))) throw invalidField("orgId", "org.notInScope");
        if (isAdminRole(body.role)) {
          const held = (await r.rolesOf([userId])).map((a) => a.role as Role);
          if (held.some((h) => isAdminRole(h) && h !== body.role)) throw conflict("role.separationOfDuties", "role");
        }
        const id = await r.insertAssignment(userId, body.role, orgId);
        await recordAudit(trx, actor, {
          action: "role.assign",
          result: "success",
          targetType: "user",
          targetId: userId,
          detail: { role: body.role, orgId, assignmentId: id },
        });
      });
      return get(userId);
    },

    async withdrawRole(actor: Actor, assignmentId: number): Promise<User> {
      const userId = await db.transaction().execute(async (trx) => {
        const r = usersRepository(trx);
        const assignment = await r.findAssignment(assignmentId);
        if (!assignment) throw notFound("role");
        // Withdrawing one's own security role would leave nobody able to give it back.
        if (assignment.user_id === actor.userId && assignment.role === "security_admin") {
          throw new AppError(409, "role.withdrawOwnSecurity");
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
  };
}
export type UsersService = ReturnType<typeof usersService>;
