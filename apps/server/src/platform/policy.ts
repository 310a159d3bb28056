import type { AuditTargetType } from "@huzhu/contracts";
import type { Kysely, RawBuilder, SqlBool } from "kysely";
import type { DB } from "../db/schema.ts";
import {
  type Actor,
  type Grant,
  isEmptyScope,
  type Reach,
  reachInRow,
  reachSql,
  type Scope,
  scopeFor,
} from "./access.ts";
import { type AppError, AppError as AppErrorClass, forbidden, invalidField, notFound } from "./errors.ts";

/**
 * Abilities: what an actor may do to a kind of record, declared once per module in
 * `<area>.policy.ts` (the Outline way) and used by everything else:
 * - the route's access rule comes from the ability (`config.ability` or `config.command`);
 * - the service checks it with `authorize` (one query per relation for a whole set of ids, the
 *   Immich way), or reads lists through `visibleWhere`;
 * - the client learns it through `presentAbilities` (Outline's presentPolicies), so buttons follow it;
 * - the authorization matrix test derives its expectations from it.
 */

/** A kind of record abilities are about, with how to load rows of it under a reach condition. */
export interface Resource<Row> {
  /** Also the audit target type and the 404's "what"; null for actions on no record. */
  name: AuditTargetType | null;
  /** Who reaches a record of this kind, unless an ability says otherwise. */
  reach: Reach;
  /** The rows among ids that satisfy `where` (the repository's one query; the condition is the scope). */
  load(db: Kysely<DB>, where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<Row[]>;
  id(row: Row): number;
}

export interface AbilityDeclaration<Row> {
  /** Roles granting any of these may do it within their scope; "authenticated": anyone, on what they own. */
  grant: Grant | readonly Grant[];
  /** Which records, as relations to the actor; the resource's reach by default. */
  reach?: Reach;
  /**
   * A pure rule on a row already within reach (state, one's own top organization…). Return true to
   * allow, false for a plain 403, or the AppError that says why (409 dissolved, 403 with a reason).
   */
  rule?: (row: Row, context: { scope: Scope; actor: Actor }) => boolean | AppError;
  /** Shown to the client with each record (default true for every ability except `read`). */
  presented?: boolean;
}

export interface Ability<Row = unknown> {
  /** `<resource>.<ability>`, e.g. "organization.move", or an action's own name. */
  readonly name: string;
  readonly key: string;
  readonly resource: Resource<Row>;
  readonly grants: readonly Grant[];
  readonly reach: Reach;
  readonly rule: AbilityDeclaration<Row>["rule"];
  readonly presented: boolean;
  /** The ability deciding whether a refused record is 403 (seen) or 404 (unseen): the resource's `read`. */
  readonly seeing: () => Ability<Row> | undefined;
}

export type Policy<Row, K extends string> = { readonly resource: Resource<Row> } & {
  readonly [P in K]: Ability<Row>;
};

/** An ability whatever its row type (routes, the registry). */
// biome-ignore lint/suspicious/noExplicitAny: rows differ per resource; a rule is only ever called with its own
export type AnyAbility = Ability<any>;

/** Every declared ability, for the authorization matrix and the route check. */
export const declaredAbilities: AnyAbility[] = [];

/**
 * Declares a resource's abilities. Name one of them `read`: it decides 404 (the caller cannot see
 * the record at all) from 403 (they can, but may not do this).
 */
export function definePolicy<Row, const K extends string>(
  resource: Resource<Row>,
  declarations: Record<K, AbilityDeclaration<Row>>,
): Policy<Row, K> {
  const policy = { resource } as { resource: Resource<Row> } & Record<string, Ability<Row>>;
  for (const [key, d] of Object.entries(declarations) as [string, AbilityDeclaration<Row>][]) {
    const ability: Ability<Row> = {
      name: `${resource.name}.${key}`,
      key,
      resource,
      grants: typeof d.grant === "string" ? [d.grant] : d.grant,
      reach: d.reach ?? resource.reach,
      rule: d.rule,
      presented: d.presented ?? key !== "read",
      seeing: () => policy.read,
    };
    policy[key] = ability;
    declaredAbilities.push(ability);
  }
  return policy as Policy<Row, K>;
}

/** An ability about no particular record (a list of one's own, a solve): only its grants and scope matter. */
export function defineAction(name: string, grant: Grant | readonly Grant[]): Ability<unknown> {
  const ability: Ability<unknown> = {
    name,
    key: name,
    resource: { name: null, reach: [], load: async () => [], id: () => 0 },
    grants: typeof grant === "string" ? [grant] : grant,
    reach: [],
    rule: undefined,
    presented: false,
    seeing: () => undefined,
  };
  declaredAbilities.push(ability);
  return ability;
}

/** The scope of an ability for this actor (for lists and pickers), or 403 when no role grants it. */
export function scopeOf(actor: Actor, ability: Pick<AnyAbility, "grants">): Scope {
  const scope = scopeFor(actor, ability.grants);
  if (isEmptyScope(scope)) throw forbidden();
  return scope;
}

/** The SQL condition of the rows an ability reaches for this actor; repositories put it in WHERE. */
export function visibleWhere<Row>(actor: Actor, ability: Ability<Row>): RawBuilder<SqlBool> {
  return reachSql(scopeOf(actor, ability), ability.reach);
}

function applyRule<Row>(ability: Ability<Row>, row: Row, scope: Scope, actor: Actor): true | AppError {
  if (!ability.rule) return true;
  const verdict = ability.rule(row, { scope, actor });
  if (verdict === true) return true;
  return verdict === false ? forbidden() : verdict;
}

/**
 * The rows the actor may act on with this ability, in the order of `ids`. Throws 404 when any id
 * is one the actor cannot see at all (as if it did not exist), 403 when they can see it but the
 * ability's scope or rule refuses. Two queries at most, whatever the number of ids.
 */
export async function authorize<Row>(
  db: Kysely<DB>,
  actor: Actor,
  ability: Ability<Row>,
  ids: readonly number[],
): Promise<Row[]> {
  const { resource } = ability;
  const unique = [...new Set(ids)];
  const scope = scopeFor(actor, ability.grants);
  const rows = isEmptyScope(scope) ? [] : await resource.load(db, reachSql(scope, ability.reach), unique);
  const byId = new Map(rows.map((r) => [resource.id(r), r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const seeing = ability.seeing();
    const seeScope = seeing && seeing !== ability ? scopeFor(actor, seeing.grants) : null;
    const seen =
      seeing && seeScope && !isEmptyScope(seeScope)
        ? await resource.load(db, reachSql(seeScope, seeing.reach), missing)
        : [];
    if (seen.length < missing.length) throw notFound(resource.name ?? "record");
    throw forbidden();
  }
  for (const row of rows) {
    const verdict = applyRule(ability, row, scope, actor);
    if (verdict !== true) throw verdict;
  }
  return unique.map((id) => byId.get(id) as Row);
}

/** authorize for one record. */
export async function authorizeOne<Row>(db: Kysely<DB>, actor: Actor, ability: Ability<Row>, id: number): Promise<Row> {
  const [row] = await authorize(db, actor, ability, [id]);
  return row as Row;
}

/**
 * What the actor may do with each of these rows, for the client (Outline's presentPolicies):
 * `{ [ability]: boolean }` per row id, for every presented ability of the policy. One query per
 * distinct (scope, reach) among the abilities, none when the scope is global or empty.
 */
export async function presentAbilities<Row, K extends string>(
  db: Kysely<DB>,
  actor: Actor,
  policy: Policy<Row, K>,
  rows: readonly Row[],
): Promise<Map<number, Record<string, boolean>>> {
  const { resource } = policy;
  const ids = rows.map((r) => resource.id(r));
  // Abilities sharing a reach (usually the resource's) and a scope share one query.
  const reachable = new Map<Reach, Map<string, Set<number>>>();
  const out = new Map<number, Record<string, boolean>>(ids.map((id) => [id, {}]));
  const { resource: _resource, ...abilities } = policy as Policy<Row, K> & Record<string, Ability<Row>>;
  for (const ability of Object.values(abilities) as Ability<Row>[]) {
    if (!ability.presented) continue;
    const scope = scopeFor(actor, ability.grants);
    let allowed: Set<number>;
    if (scope.global) allowed = new Set(ids);
    else if (isEmptyScope(scope) || ids.length === 0) allowed = new Set();
    else {
      const byScope = reachable.get(ability.reach) ?? new Map<string, Set<number>>();
      reachable.set(ability.reach, byScope);
      const key = JSON.stringify(scope);
      let set = byScope.get(key);
      if (!set) {
        // From the rows themselves when the reach allows it (paths they carry), else one query.
        const inRows = rows.map((r) => reachInRow(scope, ability.reach, r as Record<string, unknown>));
        if (inRows.every((reached) => reached !== undefined)) {
          set = new Set(ids.filter((_, i) => inRows[i]));
        } else {
          const found = await resource.load(db, reachSql(scope, ability.reach), ids);
          set = new Set(found.map((r) => resource.id(r)));
        }
        byScope.set(key, set);
      }
      allowed = set;
    }
    for (const row of rows) {
      const id = resource.id(row);
      const record = out.get(id) as Record<string, boolean>;
      record[ability.key] = allowed.has(id) && applyRule(ability, row, scope, actor) === true;
    }
  }
  return out;
}

/**
 * authorize for records a request names in a field (a new parent, a member's organization): an
 * unseen record is that field's mistake (400 naming the field, `notInScope`), and a rule's
 * specific refusal (a dissolved organization) is reported on the field too. A plain 403 stays 403.
 */
export async function authorizeField<Row>(
  db: Kysely<DB>,
  actor: Actor,
  ability: Ability<Row>,
  ids: readonly number[],
  field: string,
  notInScope = "org.notInScope",
): Promise<Row[]> {
  try {
    return await authorize(db, actor, ability, ids);
  } catch (error) {
    if (!(error instanceof AppErrorClass)) throw error;
    if (error.status === 404) throw invalidField(field, notInScope);
    if (error.code !== "forbidden" && error.code !== "validation") throw invalidField(field, error.code);
    throw error;
  }
}
