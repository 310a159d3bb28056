import type { PasswordResetRequest, Role, User } from "@huzhu/contracts";
import type { UserRow } from "./users.repository.ts";

/** A role held, with its organization's name (the roles list's join, see usersRepository.rolesOf). */
export interface RoleRow {
  id: number;
  user_id: number;
  role: string;
  org_id: number | null;
  org_name: string | null;
}

/** An open reset of the account's password or second factor, awaiting the security administrator. */
export interface PendingResetRow {
  id: number;
  user_id: number;
  created_at: Date | string;
}

/**
 * Row → contract DTO. Whitelists fields: the password hash and the second factor's secret never
 * leave the server, only whether one is set up. No per-record abilities: administrators' scope is
 * global, so what they may do with an account is their permission, which the web has from /api/me.
 */
export function presentUser(row: UserRow, roles: readonly RoleRow[], reset: PendingResetRow | undefined): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    memberId: row.member_id,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    secondFactor: row.totp_enabled_at !== null,
    pendingReset: reset ? { id: reset.id, requestedAt: new Date(reset.created_at).toISOString() } : null,
    roles: roles
      .filter((a) => a.user_id === row.id)
      .map((a) => ({ id: a.id, role: a.role as Role, orgId: a.org_id, orgName: a.org_name })),
  };
}

/** A reset request as the security administrator decides it: whether a password is set, never the hash. */
export function presentPasswordReset(row: {
  id: number;
  status: string;
  password_hash: string | null;
  reset_second_factor: boolean;
  created_at: Date | string;
  decided_at: Date | string | null;
  user_id: number;
  username: string;
  display_name: string;
  requested_by: number;
  requested_by_username: string;
}): PasswordResetRequest {
  return {
    id: row.id,
    user: { id: row.user_id, username: row.username, displayName: row.display_name },
    requestedBy: { id: row.requested_by, username: row.requested_by_username },
    password: row.password_hash !== null,
    resetSecondFactor: row.reset_second_factor,
    status: row.status as PasswordResetRequest["status"],
    requestedAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}
