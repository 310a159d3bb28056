import type {
  CreateOrgBody,
  DissolveOrgBody,
  MoveOrgBody,
  Org,
  OrgListQuery,
  OrgLookupQuery,
  OrgOption,
  UpdateOrgBody,
} from "@huzhu/contracts";
import type { Kysely, RawBuilder, SqlBool } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor, Scope } from "../../platform/access.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { authorizeField, presentAbilities, scopeOf } from "../../platform/policy.ts";
import type { DivisionDirectory } from "../divisions/divisions.ts";
import { orgPolicy } from "./orgs.policy.ts";
import { ancestorIds, presentOrg } from "./orgs.presenter.ts";
import { type OrgRow, orgsRepository } from "./orgs.repository.ts";

export function orgsService(db: Kysely<DB>, divisions: DivisionDirectory) {
  const repo = orgsRepository(db);

  /** Rows → DTOs with their ancestors' names (as far as the caller sees) and the abilities for buttons. */
  async function present(actor: Actor, rows: OrgRow[], readScope: Scope): Promise<Org[]> {
    const ids = [...new Set(rows.flatMap((r) => ancestorIds(r.path)))];
    const [names, abilities] = await Promise.all([
      repo.namesOf(readScope, ids),
      presentAbilities(db, actor, orgPolicy, rows),
    ]);
    return rows.map((r) => presentOrg(r, abilities.get(r.id) ?? {}, names));
  }

  async function get(actor: Actor, id: number): Promise<Org> {
    const scope = scopeOf(actor, orgPolicy.read);
    const row = await repo.findById(scope, id);
    if (!row) throw notFound("organization");
    const [org] = await present(actor, [row], scope);
    return org as Org;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  async function checkDivision(code: string | null | undefined): Promise<string | null> {
    if (code === null || code === undefined) return null;
    const name = await divisions.nameOf(code);
    if (!name) throw invalidField("divisionCode", "divisionCode.unknown");
    return name;
  }

  /** Moves and dissolutions change the tree's shape: the whole tree's lock, then the organization's row. */
  async function lockForRestructure(trx: Kysely<DB>, input: { id: number }) {
    const r = orgsRepository(trx);
    await r.lockTree("restructure");
    await r.lockOrg(input.id);
  }

  const commands = {
    create: defineCommand({
      name: "org.create",
      ability: orgPolicy.createChild,
      // Shared tree lock: a concurrent move cannot change the parent's path under the insert.
      lock: (trx) => orgsRepository(trx).lockTree("attach"),
      targets: (body: CreateOrgBody & { divisionName: string | null }) => [body.parentId],
      targetField: "parentId",
      async run({ trx, rows: [parent], input: body }) {
        const p = parent as OrgRow;
        const id = await orgsRepository(trx).insert({
          parentId: p.id,
          parentPath: p.path,
          parentDepth: p.depth,
          name: body.name,
          kind: body.kind,
          category: body.category,
          area: body.area,
          divisionCode: body.divisionCode ?? null,
          divisionName: body.divisionName,
          secretaryName: body.secretaryName ?? null,
          units: body.units ?? [],
        });
        // The name is shown (as it is now, with its path) when the log is read.
        return { result: id, targetId: id, detail: { parentId: p.id } };
      },
      present: presentId,
    }),

    update: defineCommand({
      name: "org.update",
      ability: orgPolicy.update,
      targets: (input: { id: number; body: UpdateOrgBody; divisionName: string | null | undefined }) => [input.id],
      async run({ trx, input: { id, body, divisionName } }) {
        await orgsRepository(trx).update(id, {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.kind !== undefined && { kind: body.kind }),
          ...(body.category !== undefined && { category: body.category }),
          ...(body.area !== undefined && { area: body.area }),
          ...(body.divisionCode !== undefined && {
            division_code: body.divisionCode,
            division_name: divisionName ?? null,
          }),
          ...(body.secretaryName !== undefined && { secretary_name: body.secretaryName }),
          ...(body.units !== undefined && { units: body.units }),
          ...(body.flags !== undefined && { flags: [...new Set(body.flags)].sort().reverse() }),
        });
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentId,
    }),

    move: defineCommand({
      name: "org.move",
      ability: orgPolicy.move,
      lock: lockForRestructure,
      targets: (input: { id: number; body: MoveOrgBody }) => [input.id],
      async run({ trx, actor, rows: [moved], input }) {
        const org = moved as OrgRow;
        // The new parent is a field of the request: its refusals name the field, not the record.
        const [parent] = await authorizeField(trx, actor, orgPolicy.createChild, [input.body.parentId], "parentId");
        const target = parent as OrgRow;
        if (target.path.startsWith(org.path)) throw invalidField("parentId", "org.moveIntoItself");
        // It is there already: "succeeding" without moving anything would mislead the coordinator.
        if (target.id === org.parent_id) throw invalidField("parentId", "org.moveSameParent");
        await orgsRepository(trx).moveSubtree(org, target);
        return {
          result: org.id,
          targetId: org.id,
          detail: { fromParentId: org.parent_id, toParentId: target.id },
        };
      },
      present: presentId,
    }),

    /** Dissolves an empty organization; the row stays, marked with when and why (history kept). */
    dissolve: defineCommand({
      name: "org.dissolve",
      ability: orgPolicy.dissolve,
      lock: lockForRestructure,
      targets: (input: { id: number; body: DissolveOrgBody }) => [input.id],
      async run({ trx, input: { id, body } }) {
        const r = orgsRepository(trx);
        if ((await r.countActiveChildren(id)) > 0) throw new AppError(409, "org.hasActiveChildren");
        const members = await r.countMembersOf(id);
        if (members > 0) throw new AppError(409, "org.hasMembers", { params: { count: members } });
        await r.dissolve(id, body.reason);
        return { result: id, targetId: id, detail: { reason: body.reason } };
      },
      // Dissolved organizations stay readable (history), so the same read presents it.
      present: presentId,
    }),
  };

  return {
    commands,

    async list(actor: Actor, query: OrgListQuery): Promise<{ items: Org[]; total: number }> {
      const scope = scopeOf(actor, orgPolicy.read);
      let result: { items: OrgRow[]; total: number };
      if (query.q || query.within) {
        let withinPath: string | null = null;
        if (query.within) {
          const within = await repo.findById(scope, query.within);
          if (!within) throw notFound("organization");
          withinPath = within.path;
        }
        result = await repo.search(scope, query, withinPath, actor.listVersions);
      } else if (query.parentId) {
        const parent = await repo.findById(scope, query.parentId);
        if (!parent) throw notFound("organization");
        result = await repo.listChildren(scope, query.parentId, query, actor.listVersions);
      } else {
        result = await repo.listRoots(scope, query, actor.listVersions);
      }
      return { items: await present(actor, result.items, scope), total: result.total };
    },

    /**
     * Organizations by name for pickers, within the lookup ability's scope (the security
     * administrator's is the whole tree, to grant roles anywhere).
     */
    async lookup(actor: Actor, query: OrgLookupQuery): Promise<{ items: OrgOption[]; total: number }> {
      const scope = scopeOf(actor, orgPolicy.lookup);
      const result = await repo.search(scope, { ...query, includeDissolved: false }, null);
      const names = await repo.namesOf(scope, [...new Set(result.items.flatMap((r) => ancestorIds(r.path)))]);
      return {
        total: result.total,
        items: result.items.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind as OrgOption["kind"],
          category: r.category as OrgOption["category"],
          divisionCode: r.division_code,
          path: ancestorIds(r.path).flatMap((id) => names.get(id) ?? []),
        })),
      };
    },

    get,

    async create(actor: Actor, body: CreateOrgBody): Promise<Org> {
      const divisionName = await checkDivision(body.divisionCode);
      return execute(db, actor, commands.create, { ...body, divisionName });
    },

    async update(actor: Actor, id: number, body: UpdateOrgBody): Promise<Org> {
      const divisionName = body.divisionCode === undefined ? undefined : await checkDivision(body.divisionCode);
      return execute(db, actor, commands.update, { id, body, divisionName });
    },

    move: (actor: Actor, id: number, body: MoveOrgBody) => execute(db, actor, commands.move, { id, body }),

    dissolve: (actor: Actor, id: number, body: DissolveOrgBody) => execute(db, actor, commands.dissolve, { id, body }),
  };
}
export type OrgsService = ReturnType<typeof orgsService>;

/**
 * What the member roster needs to know about organizations it refers to: where they sit
 * (their path) and whether they are active. The members module asks through this, never
 * through the organizations' tables.
 */
export function orgDirectory(db: Kysely<DB>) {
  return {
    /** Call first in a transaction that will copy organizations' paths (see lockTree). */
    lockForAttach: () => orgsRepository(db).lockTree("attach"),
    /** The active organizations under one the caller reaches (a pairing round's jurisdiction). */
    subtreeForPairing: (path: string) => orgsRepository(db).subtreeForPairing(path),
    /** Organizations by division code or full name, unscoped: the caller authorizes what it found (imports). */
    async findByCodesOrNames(codes: readonly string[], names: readonly string[]) {
      const rows = await orgsRepository(db).findByCodesOrNames(codes, names);
      return rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        path: r.path,
        depth: r.depth,
        status: r.status,
        divisionCode: r.division_code,
        kind: r.kind,
        category: r.category,
        area: r.area,
        secretaryName: r.secretary_name,
      }));
    },
    /**
     * Organizations by id (in the order asked) with their place in the tree, unscoped: the caller
     * authorizes what it found (a joint branch's two sides and their common superior).
     */
    async places(ids: readonly number[]) {
      const rows = await orgsRepository(db).findPlaces(ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id));
    },
    /**
     * A joint branch (联建) under `parent`: the joint-branches module's organization, created inside
     * its command's transaction after lockForAttach, as org.create inserts one.
     */
    insertJointBranch: (
      parent: { id: number; path: string; depth: number },
      org: { name: string; category: string; area: string },
    ) =>
      orgsRepository(db).insert({
        parentId: parent.id,
        parentPath: parent.path,
        parentDepth: parent.depth,
        name: org.name,
        kind: "joint_branch",
        category: org.category,
        area: org.area,
        divisionCode: null,
        divisionName: null,
        secretaryName: null,
        units: [],
      }),
    /**
     * The active organizations below the roots of a reach (an ability's SQL condition, which the
     * caller has authorized), parents first, with their parent's name and code (the import template's export).
     */
    forExport: (where: RawBuilder<SqlBool>, rootPaths: readonly string[]) =>
      orgsRepository(db).findForExport(where, rootPaths),
    /** Active organizations anywhere by part of their name (a transfer's or a mobile member's destination). */
    destinations: (q: string, limit: number) => orgsRepository(db).searchDestinations(q, limit),
    /**
     * An extension branch (延伸党组织, issue 11) under `parent` for a cluster of mobile members,
     * created inside the mobile-members command's transaction after lockForAttach.
     */
    insertExtensionBranch: (
      parent: { id: number; path: string; depth: number },
      org: { name: string; category: string; area: string },
    ) =>
      orgsRepository(db).insert({
        parentId: parent.id,
        parentPath: parent.path,
        parentDepth: parent.depth,
        name: org.name,
        kind: "branch",
        category: org.category,
        area: org.area,
        divisionCode: null,
        divisionName: null,
        secretaryName: null,
        units: [],
      }),
    /** orgPolicy's loader without the counts, for authorizing many organizations at once (allowedIds). */
    loadForRules: (where: RawBuilder<SqlBool>, ids: readonly number[]) =>
      orgsRepository(db).findWhereForRules(where, ids) as Promise<OrgRow[]>,
    async find(
      scope: Scope,
      id: number,
    ): Promise<{ id: number; name: string; path: string; status: string } | undefined> {
      const row = await orgsRepository(db).findById(scope, id);
      return row && { id: row.id, name: row.name, path: row.path, status: row.status };
    },
  };
}
