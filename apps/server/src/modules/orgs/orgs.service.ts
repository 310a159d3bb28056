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
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isEmptyScope, requirePermission, type Scope, scopeFor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError, forbidden, invalidField, notFound } from "../../platform/errors.ts";
import type { DivisionDirectory } from "../divisions/divisions.ts";
import { orgPolicy } from "./orgs.policy.ts";
import { ancestorIds, presentOrg } from "./orgs.presenter.ts";
import { type OrgRow, orgsRepository } from "./orgs.repository.ts";

export function orgsService(db: Kysely<DB>, divisions: DivisionDirectory) {
  const repo = orgsRepository(db);

  /** The write scope, or an empty one: reading never needs it, but abilities are computed from it. */
  const writeScope = (actor: Actor): Scope => {
    try {
      return requirePermission(actor, "org.write");
    } catch {
      return { global: false, paths: [], selfMemberId: null };
    }
  };

  async function present(actor: Actor, rows: OrgRow[], readScope: Scope): Promise<Org[]> {
    const ids = [...new Set(rows.flatMap((r) => ancestorIds(r.path)))];
    const names = await orgsRepository(db).namesOf(readScope, ids);
    const write = writeScope(actor);
    return rows.map((r) => presentOrg(r, write, names));
  }

  async function checkDivision(code: string | null | undefined): Promise<string | null> {
    if (code === null || code === undefined) return null;
    const name = await divisions.nameOf(code);
    if (!name) throw invalidField("divisionCode", "divisionCode.unknown");
    return name;
  }

  /** Loads an organization the caller may write, or 404 when it is outside what they may even read. */
  async function loadForWrite(trx: Kysely<DB>, actor: Actor, id: number, field?: string) {
    const read = requirePermission(actor, "org.read");
    const write = requirePermission(actor, "org.write");
    const org = await orgsRepository(trx).findById(read, id);
    if (!org) {
      if (field) throw invalidField(field, "org.notInScope");
      throw notFound("organization");
    }
    return { org, write };
  }

  return {
    async list(actor: Actor, query: OrgListQuery): Promise<{ items: Org[]; total: number }> {
      const scope = requirePermission(actor, "org.read");
      let result: { items: OrgRow[]; total: number };
      if (query.q || query.within) {
        let withinPath: string | null = null;
        if (query.within) {
          const within = await repo.findById(scope, query.within);
          if (!within) throw notFound("organization");
          withinPath = within.path;
        }
        result = await repo.search(scope, query, withinPath);
      } else if (query.parentId) {
        const parent = await repo.findById(scope, query.parentId);
        if (!parent) throw notFound("organization");
        result = await repo.listChildren(scope, query.parentId, query);
      } else {
        result = await repo.listRoots(scope, query);
      }
      return { items: await present(actor, result.items, scope), total: result.total };
    },

    /**
     * Organizations by name for pickers. Within the caller's org.read jurisdiction; the security
     * administrator (role.manage, no org.read) may look across the whole tree to grant roles.
     */
    async lookup(actor: Actor, query: OrgLookupQuery): Promise<{ items: OrgOption[]; total: number }> {
      let scope = scopeFor(actor, "org.read");
      if (isEmptyScope(scope)) scope = { ...requirePermission(actor, "role.manage"), global: true };
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

    async get(actor: Actor, id: number): Promise<Org> {
      const scope = requirePermission(actor, "org.read");
      const row = await repo.findById(scope, id);
      if (!row) throw notFound("organization");
      const [org] = await present(actor, [row], scope);
      return org as Org;
    },

    async create(actor: Actor, body: CreateOrgBody): Promise<Org> {
      const divisionName = await checkDivision(body.divisionCode);
      const id = await db.transaction().execute(async (trx) => {
        await orgsRepository(trx).lockTree("attach");
        const { org: parent, write } = await loadForWrite(trx, actor, body.parentId, "parentId");
        if (!orgPolicy.createChild(write, parent)) {
          if (parent.status !== "active") throw invalidField("parentId", "org.dissolved");
          throw forbidden();
        }
        const newId = await orgsRepository(trx).insert({
          parentId: parent.id,
          parentPath: parent.path,
          parentDepth: parent.depth,
          name: body.name,
          kind: body.kind,
          category: body.category,
          area: body.area,
          divisionCode: body.divisionCode ?? null,
          divisionName,
          secretaryName: body.secretaryName ?? null,
          units: body.units ?? [],
        });
        await recordAudit(trx, actor, {
          action: "org.create",
          result: "success",
          targetType: "organization",
          targetId: newId,
          // The name is shown (as it is now, with its path) when the log is read.
          detail: { parentId: parent.id },
        });
        return newId;
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, id: number, body: UpdateOrgBody): Promise<Org> {
      const divisionName = body.divisionCode === undefined ? undefined : await checkDivision(body.divisionCode);
      await db.transaction().execute(async (trx) => {
        const { org, write } = await loadForWrite(trx, actor, id);
        if (!orgPolicy.update(write, org)) {
          if (org.status !== "active") throw new AppError(409, "org.dissolved");
          throw forbidden();
        }
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
        });
        await recordAudit(trx, actor, {
          action: "org.update",
          result: "success",
          targetType: "organization",
          targetId: id,
          detail: { fields: Object.keys(body) },
        });
      });
      return this.get(actor, id);
    },

    async move(actor: Actor, id: number, body: MoveOrgBody): Promise<Org> {
      await db.transaction().execute(async (trx) => {
        const r = orgsRepository(trx);
        await r.lockTree("restructure");
        await r.lockOrg(id);
        const { org, write } = await loadForWrite(trx, actor, id);
        if (!orgPolicy.move(write, org)) {
          if (org.status !== "active") throw new AppError(409, "org.dissolved");
          if (write.paths.includes(org.path)) throw new AppError(403, "org.moveRoot");
          throw forbidden();
        }
        const { org: parent } = await loadForWrite(trx, actor, body.parentId, "parentId");
        if (parent.path.startsWith(org.path)) throw invalidField("parentId", "org.moveIntoItself");
        // It is there already: "succeeding" without moving anything would mislead the coordinator.
        if (parent.id === org.parent_id) throw invalidField("parentId", "org.moveSameParent");
        if (!orgPolicy.moveTarget(write, org, parent)) {
          if (parent.status !== "active") throw invalidField("parentId", "org.dissolved");
          throw invalidField("parentId", "org.notInScope");
        }
        const fromParent = org.parent_id;
        await r.moveSubtree(org, parent);
        await recordAudit(trx, actor, {
          action: "org.move",
          result: "success",
          targetType: "organization",
          targetId: id,
          detail: { fromParentId: fromParent, toParentId: parent.id },
        });
      });
      return this.get(actor, id);
    },

    /** Dissolves an empty organization; the row stays, marked with when and why (history kept). */
    async dissolve(actor: Actor, id: number, body: DissolveOrgBody): Promise<Org> {
      await db.transaction().execute(async (trx) => {
        const r = orgsRepository(trx);
        await r.lockTree("restructure");
        await r.lockOrg(id);
        const { org, write } = await loadForWrite(trx, actor, id);
        if (!orgPolicy.dissolve(write, org)) {
          if (org.status !== "active") throw new AppError(409, "org.dissolved");
          throw forbidden();
        }
        if ((await r.countActiveChildren(id)) > 0) throw new AppError(409, "org.hasActiveChildren");
        const members = await r.countMembersOf(id);
        if (members > 0) throw new AppError(409, "org.hasMembers", { params: { count: members } });
        await r.dissolve(id, body.reason);
        await recordAudit(trx, actor, {
          action: "org.dissolve",
          result: "success",
          targetType: "organization",
          targetId: id,
          detail: { reason: body.reason },
        });
      });
      const read = requirePermission(actor, "org.read");
      const row = await repo.findById(read, id);
      if (!row) throw notFound("organization");
      const [org] = await present(actor, [row], read);
      return org as Org;
    },
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
    async find(
      scope: Scope,
      id: number,
    ): Promise<{ id: number; name: string; path: string; status: string } | undefined> {
      const row = await orgsRepository(db).findById(scope, id);
      return row && { id: row.id, name: row.name, path: row.path, status: row.status };
    },
  };
}
