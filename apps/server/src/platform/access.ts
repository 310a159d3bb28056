import { adminRoles, type Permission, type Role, type SessionGate } from "@huzhu/contracts";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { forbidden } from "./errors.ts";

/**
 * Who is calling, and what they may see. Built once per request from the session; every service
 * call takes it, and every repository finder turns it into a SQL condition (never a filter in JS).
 */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  roles: ReadonlyArray<{
    id: number;
    role: Role;
    orgId: number | null;
    orgName: string | null;
    orgPath: string | null;
  }>;
  sessionId: string;
  csrfToken: string;
  ip: string | null;
  /** Steps the session must take before anything but the routes open during them answers. */
  gates: readonly SessionGate[];
  /** Two-factor sign-in is set up for the account. */
  secondFactor: boolean;
}

/** What each role may do. Scope comes from where the role is held (see scopeFor). Deny by default. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  coordinator: ["org.read", "org.write", "member.read", "member.write", "member.reveal", "member.export"],
  secretary: ["org.read", "member.read", "member.write", "member.reveal", "member.export"],
  leader: ["org.read", "member.read"],
  member: ["member.read"],
  system_admin: ["user.manage"],
  security_admin: ["role.manage"],
  audit_admin: ["audit.read"],
};

/**
 * Roles whose holders sign in with a second factor when HUZHU_REQUIRE_2FA is on: the county's
 * coordinators (they reach every member of their jurisdiction) and the three administrators.
 */
export const secondFactorRoles: readonly Role[] = ["coordinator", ...adminRoles];

export function needsSecondFactor(roles: ReadonlyArray<{ role: Role }>): boolean {
  return roles.some((r) => secondFactorRoles.includes(r.role));
}

export function isAdminRole(role: Role): boolean {
  return (adminRoles as readonly Role[]).includes(role);
}

export function permissionsOf(actor: Pick<Actor, "roles">): Permission[] {
  const set = new Set<Permission>();
  for (const r of actor.roles) for (const p of rolePermissions[r.role]) set.add(p);
  return [...set].sort();
}

/**
 * Where a permission applies:
 * - `global`: administrators, whose work is not about one jurisdiction;
 * - `paths`: subtrees (materialized paths) of the organizations where a role grants it;
 * - `selfMemberId`: the `member` role sees only their own record.
 * An empty scope means nothing.
 */
export interface Scope {
  global: boolean;
  paths: string[];
  selfMemberId: number | null;
}

export function scopeFor(actor: Pick<Actor, "roles" | "memberId">, permission: Permission): Scope {
  const scope: Scope = { global: false, paths: [], selfMemberId: null };
  for (const r of actor.roles) {
    if (!rolePermissions[r.role].includes(permission)) continue;
    if (isAdminRole(r.role)) scope.global = true;
    else if (r.role === "member") scope.selfMemberId = actor.memberId;
    else if (r.orgPath) scope.paths.push(r.orgPath);
  }
  scope.paths = outermostPaths(scope.paths);
  return scope;
}

/** Drops paths inside other paths, so a coordinator of the county and of a town scans once. */
export function outermostPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((o) => p.startsWith(o))) out.push(p);
  return out;
}

export function isEmptyScope(scope: Scope): boolean {
  return !scope.global && scope.paths.length === 0 && scope.selfMemberId === null;
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.global || scope.paths.some((p) => path.startsWith(p));
}

export function requirePermission(actor: Actor, permission: Permission): Scope {
  const scope = scopeFor(actor, permission);
  if (isEmptyScope(scope)) throw forbidden();
  return scope;
}

/** Escapes LIKE wildcards; paths are digits and slashes, but the helper must be safe for any text. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * SQL condition "this path column lies inside the scope's subtrees". Each prefix is an index
 * range scan on a text_pattern_ops index.
 */
export function pathInScopeSql<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.global) return sql<SqlBool>`true`;
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  return eb.or(scope.paths.map((p) => sql<SqlBool>`${column} LIKE ${likePrefix(p)}`));
}
