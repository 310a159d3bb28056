import type { OrgListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { countWithVersions, keptPages, type ListVersions, listVersion } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, pathInScopeSql, type Scope } from "../../platform/access.ts";
import { moveOrgPathCopies } from "../../platform/org-path-copies.ts";

/**
 * The only SQL of the organization tree. Every finder takes the caller's scope and applies it
 * in the query. Subtrees are prefix ranges of the materialized `path` ("/1/5/23/"), served by
 * a text_pattern_ops index: no recursion anywhere, whatever the size of the tree.
 */
export interface OrgRow {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  name: string;
  kind: string;
  category: string;
  area: string;
  division_code: string | null;
  division_name: string | null;
  secretary_name: string | null;
  units: string[];
  flags: string[];
  status: string;
  dissolved_at: Date | null;
  child_count: number;
  member_count: number;
}

/** An organization as a pairing round reads it (orgDirectory.subtreeForPairing). */
export interface OrgForPairing {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  name: string;
  category: string;
  area: string;
  flags: string[];
  members: number;
}

/** Arbitrary, constant: "huzhu organization tree" (migrations use 7_348_101). */
const TREE_LOCK_KEY = 7_348_102;

export function orgsRepository(db: Kysely<DB>) {
  function selectOrgs(): SelectQueryBuilder<DB, "organizations", OrgRow> {
    return db.selectFrom("organizations").select([
      "organizations.id",
      "organizations.parent_id",
      "organizations.path",
      "organizations.depth",
      "organizations.name",
      "organizations.kind",
      "organizations.category",
      "organizations.area",
      "organizations.division_code",
      "organizations.division_name",
      "organizations.secretary_name",
      "organizations.units",
      "organizations.flags",
      "organizations.status",
      "organizations.dissolved_at",
      sql<number>`(SELECT count(*)::int FROM organizations c WHERE c.parent_id = organizations.id AND c.status = 'active')`.as(
        "child_count",
      ),
      // Members in the whole subtree: an index-only range scan on members_primary_path_idx. The
      // operators are the index's own (text_pattern_ops): `LIKE path || '%'` with a pattern known
      // only per row cannot bound an index scan, and read every member of the database once per
      // organization shown (docs/performance.md).
      sql<number>`(SELECT count(*)::int FROM members m
        WHERE m.primary_org_path ~>=~ organizations.path AND m.primary_org_path ~<~ (organizations.path || '~'))`.as(
        "member_count",
      ),
    ]) as unknown as SelectQueryBuilder<DB, "organizations", OrgRow>;
  }

  function applyFilters(
    q: SelectQueryBuilder<DB, "organizations", OrgRow>,
    filters: Pick<OrgListQuery, "category" | "kind" | "area" | "includeDissolved">,
  ) {
    let out = q;
    if (filters.category) out = out.where("organizations.category", "=", filters.category);
    if (filters.kind) out = out.where("organizations.kind", "=", filters.kind);
    if (filters.area) out = out.where("organizations.area", "=", filters.area);
    if (!filters.includeDissolved) out = out.where("organizations.status", "=", "active");
    return out;
  }

  // Pages kept between requests (db/count.ts): an organization's row is organizations ('auth'
  // versions them) and its subtree's member count ('members').
  const pages = keptPages<OrgRow>(["auth", "members"]);

  /**
   * A page of organizations in the official order, kept between requests. `key` holds every input
   * `build` makes its query from (keptPages): the query is built only when the page is read afresh.
   */
  function page(
    key: unknown[],
    build: () => SelectQueryBuilder<DB, "organizations", OrgRow>,
    pageNo: number,
    pageSize: number,
    seen: ListVersions | undefined,
  ): Promise<{ items: OrgRow[]; total: number }> {
    return pages.read(JSON.stringify([...key, pageNo, pageSize]), seen, async () => {
      const q = build();
      const pageQuery = q
        // The official order coordinators expect: committees and general branches first, then by
        // division code (平川街道 350824001 before 中山镇 350824101), then by name.
        .orderBy(sql`CASE organizations.kind WHEN 'committee' THEN 0 WHEN 'general_branch' THEN 1 ELSE 2 END`)
        .orderBy(sql`organizations.division_code NULLS LAST`)
        .orderBy("organizations.name")
        .orderBy("organizations.id")
        .limit(pageSize)
        .offset((pageNo - 1) * pageSize);
      const [rows, counted] = await Promise.all([
        pageQuery.select([listVersion("auth").as("auth"), listVersion("members").as("members")]).execute(),
        countWithVersions(q, ["auth", "members"]),
      ]);
      const items = rows.map(({ auth: _a, members: _m, ...row }) => row) as OrgRow[];
      // The page and its total come from two statements: kept only when both saw the same versions.
      const { auth, members } = counted.versions;
      const same = rows.every((r) => r.auth === auth && r.members === members);
      return { items, total: counted.total, versions: same ? counted.versions : undefined };
    });
  }

  return {
    /** The rows among ids that satisfy a reach condition (the policy's loader: one query for a set). */
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<OrgRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectOrgs().where("organizations.id", "in", ids).where(where).execute();
    },

    /**
     * Organizations named by a 12-digit division code or a full name, in any scope (an import names
     * them so; whether the caller may use them is the policy's to say afterwards).
     */
    /** Organizations by id with their place in the tree, unscoped: the caller authorizes (joint branches). */
    findPlaces(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("organizations")
        .select(["id", "name", "path", "depth", "category", "area", "status", "division_code"])
        .where("id", "in", ids)
        .execute();
    },

    /**
     * The active organizations a reach condition allows, below the given roots (whose parents are
     * outside), each with its parent's name and division code and the grandparent's code, parents
     * before children (path order):
     * an export in the import template's columns.
     */
    findForExport(where: RawBuilder<SqlBool>, rootPaths: readonly string[]) {
      let q = db
        .selectFrom("organizations")
        .innerJoin("organizations as p", "p.id", "organizations.parent_id")
        .leftJoin("organizations as g", "g.id", "p.parent_id")
        .select([
          "organizations.id",
          "organizations.name",
          "organizations.kind",
          "organizations.category",
          "organizations.area",
          "organizations.division_code",
          "organizations.secretary_name",
          "p.name as parent_name",
          "p.division_code as parent_code",
          "g.division_code as grand_code",
        ])
        .where("organizations.status", "=", "active")
        .where(where);
      if (rootPaths.length > 0) q = q.where("organizations.path", "not in", rootPaths);
      return q.orderBy("organizations.path").execute();
    },

    findByCodesOrNames(codes: readonly string[], names: readonly string[]) {
      if (codes.length === 0 && names.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("organizations")
        .select([
          "id",
          "parent_id",
          "name",
          "path",
          "depth",
          "status",
          "division_code",
          "kind",
          "category",
          "area",
          "secretary_name",
        ])
        .where((eb) =>
          eb.or([
            ...(codes.length ? [eb("organizations.division_code", "in", codes)] : []),
            ...(names.length ? [eb("organizations.name", "in", names)] : []),
          ]),
        )
        .execute();
    },

    /**
     * The rows among ids that satisfy a reach condition, with only the columns the policy's rules
     * read (path and status; no counts): many organizations authorized at once (an import's).
     */
    findWhereForRules(where: RawBuilder<SqlBool>, ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("organizations")
        .select(["id", "path", "status"])
        .where("organizations.id", "in", ids)
        .where(where)
        .execute();
    },

    findById(scope: Scope, id: number): Promise<OrgRow | undefined> {
      return selectOrgs()
        .where("organizations.id", "=", id)
        .where(pathInScopeSql(scope, "organizations.path"))
        .executeTakeFirst();
    },

    listChildren(scope: Scope, parentId: number, query: OrgListQuery, seen?: ListVersions) {
      const build = () =>
        applyFilters(
          selectOrgs()
            .where("organizations.parent_id", "=", parentId)
            .where(pathInScopeSql(scope, "organizations.path")),
          query,
        );
      return page(["children", scope, parentId, query], build, query.page, query.pageSize, seen);
    },

    /** The top organizations of the caller's jurisdiction. */
    listRoots(scope: Scope, query: OrgListQuery, seen?: ListVersions) {
      const build = () => {
        const q = selectOrgs();
        return applyFilters(
          scope.global
            ? q.where("organizations.parent_id", "is", null)
            : q.where("organizations.path", "in", scope.paths.length ? scope.paths : [""]),
          query,
        );
      };
      return page(["roots", scope, query], build, query.page, query.pageSize, seen);
    },

    search(scope: Scope, query: OrgListQuery, withinPath: string | null, seen?: ListVersions) {
      const build = () => {
        let q = selectOrgs().where(pathInScopeSql(scope, "organizations.path"));
        if (withinPath) q = q.where("organizations.path", "like", likePrefix(withinPath));
        if (query.q) q = q.where("organizations.name", "like", `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        return applyFilters(q, query);
      };
      return page(["search", scope, query, withinPath], build, query.page, query.pageSize, seen);
    },

    /**
     * Active organizations by part of their name, anywhere, with their parent's name: where a member
     * may be transferred or go as a mobile member (issue 11). Names only, no counts or people.
     */
    searchDestinations(q: string, limit: number) {
      return db
        .selectFrom("organizations")
        .leftJoin("organizations as p", "p.id", "organizations.parent_id")
        .select(["organizations.id", "organizations.name", "p.name as parent_name"])
        .where("organizations.status", "=", "active")
        .where("organizations.name", "like", `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        .orderBy("organizations.depth")
        .orderBy("organizations.id")
        .limit(limit)
        .execute();
    },

    /** Names of the given ancestor ids that the caller may see, root first. */
    async namesOf(scope: Scope, ids: number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom("organizations")
        .select(["organizations.id", "organizations.name"])
        .where("organizations.id", "in", ids)
        .where(pathInScopeSql(scope, "organizations.path"))
        .execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    async insert(row: {
      parentId: number;
      parentPath: string;
      parentDepth: number;
      name: string;
      kind: string;
      category: string;
      area: string;
      divisionCode: string | null;
      divisionName: string | null;
      secretaryName: string | null;
      units: string[];
    }): Promise<number> {
      // Take the id first so the path ("<parent path><id>/") is right in the one INSERT.
      const { id } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('organizations', 'id'))::int AS id`
        .execute(db)
        .then((r) => r.rows[0] as { id: number });
      await sql`
        INSERT INTO organizations (id, parent_id, path, depth, name, kind, category, area, division_code,
                                   division_name, secretary_name, units)
        OVERRIDING SYSTEM VALUE
        VALUES (${id}, ${row.parentId}, ${`${row.parentPath}${id}/`}, ${row.parentDepth + 1}, ${row.name}, ${row.kind},
                ${row.category}, ${row.area}, ${row.divisionCode}, ${row.divisionName}, ${row.secretaryName},
                ${row.units})`.execute(db);
      return id;
    },

    async update(
      id: number,
      patch: Partial<{
        name: string;
        kind: string;
        category: string;
        area: string;
        division_code: string | null;
        division_name: string | null;
        secretary_name: string | null;
        units: string[];
        flags: string[];
      }>,
    ): Promise<void> {
      await db
        .updateTable("organizations")
        .set({ ...patch, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /**
     * Moves a whole subtree under a new parent: the organizations' paths and depths, then every
     * registered copy of those paths (platform/org-path-copies.ts), in the caller's transaction
     * after lockTree("restructure").
     */
    async moveSubtree(
      org: { id: number; path: string; depth: number },
      parent: { id: number; path: string; depth: number },
    ) {
      const newPath = `${parent.path}${org.id}/`;
      const delta = parent.depth + 1 - org.depth;
      const from = likePrefix(org.path);
      const cut = org.path.length + 1;
      await sql`
        UPDATE organizations
           SET path = ${newPath} || substr(path, ${cut}),
               depth = depth + ${delta},
               parent_id = CASE WHEN id = ${org.id} THEN ${parent.id} ELSE parent_id END,
               updated_at = CASE WHEN id = ${org.id} THEN now() ELSE updated_at END
         WHERE path LIKE ${from}`.execute(db);
      await moveOrgPathCopies(db, org.path, newPath);
      return newPath;
    },

    /**
     * The active organizations of a subtree as a pairing round reads them (issue 9): place in the
     * tree, kind, area, weak/poor flags and own members (primary), in path order.
     */
    async subtreeForPairing(path: string): Promise<OrgForPairing[]> {
      return db
        .selectFrom("organizations")
        .select([
          "organizations.id",
          "organizations.parent_id",
          "organizations.path",
          "organizations.depth",
          "organizations.name",
          "organizations.category",
          "organizations.area",
          "organizations.flags",
          sql<number>`(SELECT count(*)::int FROM members m WHERE m.primary_org_id = organizations.id)`.as("members"),
        ])
        .where("organizations.path", "like", likePrefix(path))
        .where("organizations.status", "=", "active")
        .orderBy("organizations.path")
        .execute();
    },

    async countActiveChildren(id: number): Promise<number> {
      const r = await db
        .selectFrom("organizations")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("parent_id", "=", id)
        .where("status", "=", "active")
        .executeTakeFirstOrThrow();
      return r.n;
    },

    async countMembersOf(id: number): Promise<number> {
      const r = await db
        .selectFrom("members")
        .select(sql<number>`count(*)::int`.as("n"))
        .where((eb) => eb.or([eb("primary_org_id", "=", id), eb("co_org_id", "=", id)]))
        .executeTakeFirstOrThrow();
      return r.n;
    },

    async dissolve(id: number, reason: string): Promise<void> {
      await db
        .updateTable("organizations")
        .set({ status: "dissolved", dissolved_at: sql`now()`, dissolve_reason: reason, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /**
     * Moves and dissolutions rewrite or close subtrees; writes that copy an organization's path
     * (a new child, a member's primary or co-managing path) or rely on it being active must not
     * interleave with them, or a row committed a moment later keeps the path from before the move
     * and falls out of (or stays in) the wrong jurisdiction. One transaction-scoped advisory lock:
     * exclusive to restructure, shared to attach, so attaching writes never wait on each other.
     */
    async lockTree(mode: "restructure" | "attach"): Promise<void> {
      if (mode === "restructure") await sql`SELECT pg_advisory_xact_lock(${TREE_LOCK_KEY})`.execute(db);
      else await sql`SELECT pg_advisory_xact_lock_shared(${TREE_LOCK_KEY})`.execute(db);
    },

    /** Locks the rows of a subtree's root for the rest of the transaction (concurrent moves serialize). */
    async lockOrg(id: number): Promise<void> {
      await sql`SELECT id FROM organizations WHERE id = ${id} FOR UPDATE`.execute(db);
    },
  };
}
