import { adminRoles, type Permission, type Role, type SessionGate } from "@huzhu/contracts";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ListVersions } from "../db/count.ts";
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
  /**
   * The versioned lists as this request's sign-in check read them (db/count.ts): a page kept under
   * the same versions is what a query would answer now (keptPages). Absent outside a request.
   */
  listVersions?: ListVersions;
}

/** What each role may do. Scope comes from where the role is held (see scopeFor). Deny by default. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  coordinator: [
    "org.read",
    "org.write",
    "member.read",
    "member.write",
    "member.reveal",
    "member.export",
    "pairing.solve",
    "help.read",
    "help.write",
    "help.assign",
  ],
  secretary: ["org.read", "member.read", "member.write", "member.reveal", "member.export", "help.read", "help.write"],
  leader: ["org.read", "member.read", "help.read"],
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

/** What an ability asks of the caller: a permission held somewhere, or only being signed in (for one's own things). */
export type Grant = Permission | "authenticated";

// Only this module can write this key, so only this module can build a Scope: a scope is what the
// caller's roles give, never something a service assembles (an empty one after a failed check,
// a global one for a convenient lookup). Everything else receives one and hands it to SQL.
declare const scopeBrand: unique symbol;

/**
 * Where a grant applies, built from the caller's roles by `scopeFor` only:
 * - `global`: administrators, whose work is not about one jurisdiction;
 * - `paths`: the subtrees (materialized paths) of the organizations where a role grants it,
 *   outermost only; `rolePaths` all of them (a record published to a jurisdiction is visible to
 *   a role inside it, and an inner role may lie inside where an outer one does not);
 * - `selfMemberId`: the `member` role's own record;
 * - `userId`: the caller's account, for what they own (jobs, notifications, uploads).
 * Turn it into SQL with `reachSql`; an empty scope means nothing.
 */
export interface Scope {
  readonly [scopeBrand]: true;
  readonly global: boolean;
  readonly paths: readonly string[];
  readonly rolePaths: readonly string[];
  readonly selfMemberId: number | null;
  readonly userId: number | null;
}

function makeScope(parts: Omit<Scope, typeof scopeBrand>): Scope {
  return Object.freeze({ ...parts }) as Scope;
}

/**
 * Scopes already worked out, per roles array: a request asks for the same few several times (the
 * list, each ability of each row shown), and an actor kept between requests (modules/auth) keeps
 * its roles array, so its scopes are worked out once per session. Scopes are frozen, so sharing
 * them is safe; the array is never changed after an actor is built.
 */
const scopesOfRoles = new WeakMap<Actor["roles"], Map<string, Scope>>();

/** The scope of one grant or of any of several (their union). */
export function scopeFor(actor: Pick<Actor, "roles" | "memberId" | "userId">, grants: Grant | readonly Grant[]): Scope {
  let known = scopesOfRoles.get(actor.roles);
  if (!known) {
    known = new Map();
    scopesOfRoles.set(actor.roles, known);
  }
  const key = `${actor.memberId}|${actor.userId}|${typeof grants === "string" ? grants : grants.join(",")}`;
  const seen = known.get(key);
  if (seen) return seen;
  const scope = workOutScope(actor, grants);
  known.set(key, scope);
  return scope;
}

function workOutScope(actor: Pick<Actor, "roles" | "memberId" | "userId">, grants: Grant | readonly Grant[]): Scope {
  const list: readonly Grant[] = typeof grants === "string" ? [grants] : grants;
  let global = false;
  let userId: number | null = null;
  let selfMemberId: number | null = null;
  const rolePaths: string[] = [];
  for (const grant of list) {
    if (grant === "authenticated") {
      userId = actor.userId;
      continue;
    }
    for (const r of actor.roles) {
      if (!rolePermissions[r.role].includes(grant)) continue;
      if (isAdminRole(r.role)) global = true;
      else if (r.role === "member") selfMemberId = actor.memberId;
      else if (r.orgPath) rolePaths.push(r.orgPath);
    }
  }
  const uniqueRolePaths = [...new Set(rolePaths)].sort();
  return makeScope({
    global,
    paths: outermostPaths(uniqueRolePaths),
    rolePaths: uniqueRolePaths,
    selfMemberId,
    userId,
  });
}

/** Drops paths inside other paths, so a coordinator of the county and of a town scans once. */
export function outermostPaths(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((o) => p.startsWith(o))) out.push(p);
  return out;
}

export function isEmptyScope(scope: Scope): boolean {
  return !scope.global && scope.paths.length === 0 && scope.selfMemberId === null && scope.userId === null;
}

/** Whether a path lies in the scope's subtrees (for rows already loaded through SQL). */
export function pathInScope(scope: Scope, path: string): boolean {
  return scope.global || scope.paths.some((p) => path.startsWith(p));
}

/** The scope of a permission, or 403 when no role grants it anywhere. */
export function requirePermission(actor: Actor, grants: Grant | readonly Grant[]): Scope {
  const scope = scopeFor(actor, grants);
  if (isEmptyScope(scope)) throw forbidden();
  return scope;
}

/** A path and the paths above it: "/1/7/66/" → "/1/", "/1/7/", "/1/7/66/". */
export function pathAndAncestors(path: string): string[] {
  const ids = path.split("/").filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join("/")}/`);
}

/** Escapes LIKE wildcards; paths are digits and slashes, but the helper must be safe for any text. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * How a record relates to the people who may reach it, declared once per resource (or ability)
 * and turned into SQL by `reachSql`. Columns are written `table.column` with the table's own name,
 * never an alias (`"organizations.path"`, `"members.primary_org_path"`): the repository's query
 * must name the table so, and the authorization matrix reads the same column to check the reach. `when` narrows a relation to rows that share
 * that way (a need visible to partners only when its visibility says so).
 * - subtree: the record carries an organization path; roles above it reach it;
 * - party: the record names an organization by id (helper, recipient, booker, owner, origin,
 *   destination); roles above any party reach it (a semi-join through organizations.path, so
 *   nothing copies a path that a move would have to follow);
 * - partner: the record's owning organization by id; the other side of an active pairing with an
 *   organization in the caller's subtree reaches it;
 * - published: the record carries the path of the jurisdiction it is published to; every role
 *   inside that jurisdiction reaches it;
 * - selfMember: the member id the `member` role reaches (their own record);
 * - ownerUser: the account that owns it (jobs, notifications, uploads).
 */
export type Relation =
  | {
      kind: "subtree" | "party" | "partner" | "published" | "selfMember" | "ownerUser";
      column: string;
      when?: RawBuilder<SqlBool>;
    }
  | {
      /**
       * partyThrough: the record's parties are listed in another table (a need's claimants in
       * `claims`, a project's parties in `project_parties`): `column` is the record's key,
       * `through.table`'s rows point at it with `through.key` and name an organization by id in
       * `through.party`; roles above any such organization reach the record. `through.when`
       * narrows the rows that count (only accepted claims), written against the alias `reach_t`.
       */
      kind: "partyThrough";
      column: string;
      /**
       * `partyPath`: a registered copy of the party's path on the through-table (migration 0008), so
       * that the scope is a prefix range of its index instead of a join through organizations.
       */
      through: { table: string; key: string; party: string; partyPath?: string; when?: RawBuilder<SqlBool> };
      when?: RawBuilder<SqlBool>;
    };
export type Reach = readonly Relation[];

const or = (parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> =>
  parts.length === 0
    ? sql<SqlBool>`false`
    : parts.length === 1
      ? (parts[0] as RawBuilder<SqlBool>)
      : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;

function underPaths(column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, paths: readonly string[]) {
  return or(paths.map((p) => sql<SqlBool>`${column} LIKE ${likePrefix(p)}`));
}

function relationSql(scope: Scope, relation: Relation): RawBuilder<SqlBool> | null {
  const column = sql.ref(relation.column);
  switch (relation.kind) {
    case "subtree":
      return scope.paths.length ? underPaths(column, scope.paths) : null;
    case "party":
      return scope.paths.length
        ? sql<SqlBool>`EXISTS (SELECT 1 FROM organizations reach_o WHERE reach_o.id = ${column} AND ${underPaths(sql.ref("reach_o.path"), scope.paths)})`
        : null;
    case "partner":
      // The organizations partnered with one in scope, computed once (an InitPlan) and compared
      // with `= ANY`, which an index on the record's column answers; a correlated EXISTS made every
      // row a filter, so no OR of relations could use an index (bench/README.md, 需求大厅).
      return scope.paths.length
        ? sql<SqlBool>`${column} = ANY(ARRAY(
            SELECT reach_p.recipient_org_id FROM pairings reach_p JOIN organizations reach_o ON reach_o.id = reach_p.helper_org_id
             WHERE reach_p.status = 'active' AND reach_p.recipient_org_id IS NOT NULL
               AND ${underPaths(sql.ref("reach_o.path"), scope.paths)}
            UNION
            SELECT reach_p.helper_org_id FROM pairings reach_p JOIN organizations reach_o ON reach_o.id = reach_p.recipient_org_id
             WHERE reach_p.status = 'active' AND reach_p.helper_org_id IS NOT NULL
               AND ${underPaths(sql.ref("reach_o.path"), scope.paths)}))`
        : null;
    case "published": {
      // "A role's path starts with the published path" is "the published path is one of the role
      // paths' ancestors (or themselves)": an equality an index on the column answers, where
      // `role_path LIKE column || '%'` made every row a filter (bench/README.md, 需求大厅).
      const targets = [...new Set(scope.rolePaths.flatMap(pathAndAncestors))];
      return targets.length ? sql<SqlBool>`${column} = ANY(${targets}::text[])` : null;
    }
    case "partyThrough": {
      if (!scope.paths.length) return null;
      // Uncorrelated like `partner`: the keys of the through-rows whose party is in scope, once,
      // each once (DISTINCT: `= ANY` compares an array element by element for every row it filters,
      // and a county's bookings name the same venues many times over — bench/venues).
      const { table, key, party, partyPath, when } = relation.through;
      const parties = partyPath ? sql`` : sql`JOIN organizations reach_o ON reach_o.id = reach_t.${sql.ref(party)}`;
      const path = sql.ref(partyPath ? `reach_t.${partyPath}` : "reach_o.path");
      return sql<SqlBool>`${column} = ANY(ARRAY(SELECT DISTINCT reach_t.${sql.ref(key)} FROM ${sql.table(table)} reach_t
          ${parties}
          WHERE reach_t.${sql.ref(key)} IS NOT NULL${when ? sql` AND ${when}` : sql``}
            AND ${underPaths(path, scope.paths)}))`;
    }
    case "selfMember":
      return scope.selfMemberId === null ? null : sql<SqlBool>`${column} = ${scope.selfMemberId}`;
    case "ownerUser":
      return scope.userId === null ? null : sql<SqlBool>`${column} = ${scope.userId}`;
  }
}

/**
 * The SQL condition "this row is within the scope's reach": every relation the scope can use,
 * OR-ed. Administrators' global scope reaches every row; an empty scope none.
 */
export function reachSql(scope: Scope, reach: Reach): RawBuilder<SqlBool> {
  if (scope.global) return sql<SqlBool>`true`;
  const parts: RawBuilder<SqlBool>[] = [];
  for (const relation of reach) {
    const condition = relationSql(scope, relation);
    if (!condition) continue;
    parts.push(relation.when ? sql<SqlBool>`(${relation.when} AND ${condition})` : condition);
  }
  return or(parts);
}

/**
 * reachSql answered from a row already read, when every relation can be: a path, member or user
 * the row carries (`subtree`, `published`, `selfMember`, `ownerUser`, without `when`). Undefined
 * when one cannot (a relation through another table, a `when`, a column the row lacks): ask SQL.
 * Lets presentAbilities skip a query per page for the buttons of a roster (docs/performance.md).
 */
export function reachInRow(scope: Scope, reach: Reach, row: Readonly<Record<string, unknown>>): boolean | undefined {
  if (scope.global) return true;
  let reached = false;
  for (const relation of reach) {
    if (relation.when) return undefined;
    const value = row[relation.column.slice(relation.column.lastIndexOf(".") + 1)];
    if (value === undefined) return undefined;
    switch (relation.kind) {
      case "subtree":
        if (typeof value === "string" && scope.paths.some((p) => value.startsWith(p))) reached = true;
        break;
      case "published":
        if (typeof value === "string" && scope.rolePaths.some((p) => pathAndAncestors(p).includes(value)))
          reached = true;
        break;
      case "selfMember":
        if (scope.selfMemberId !== null && value === scope.selfMemberId) reached = true;
        break;
      case "ownerUser":
        if (scope.userId !== null && value === scope.userId) reached = true;
        break;
      default:
        return undefined;
    }
  }
  return reached;
}

/** A subtree condition on one path column: the common case, kept as a shorthand for finders. */
export function pathInScopeSql(scope: Scope, column: string): RawBuilder<SqlBool> {
  return reachSql(scope, [{ kind: "subtree", column }]);
}
