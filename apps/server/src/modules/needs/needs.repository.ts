import type { ClaimListQuery, NeedExportQuery, NeedListQuery, ResourceListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql, type Updateable } from "kysely";
import { capCount, countRows, countRowsUpTo, newestMatches } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, type Reach } from "../../platform/access.ts";
import { conflict } from "../../platform/errors.ts";
import { searchVector, textSearch } from "../../platform/text-search.ts";

/**
 * The only SQL of needs, resources and claims. Organizations are named by id; reads join their
 * names (and, for the policies' rules, their paths) at read time, never copying them. Every
 * finder takes the condition `reachSql` builds from the caller's scope.
 */
export interface NeedRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  category: string;
  title: string;
  description: string;
  expected_outcome: string | null;
  budget_fen: string | number | bigint | null;
  deadline: string | null;
  urgency: string;
  visibility: string;
  status: string;
  rating: number | null;
  rating_comment: string | null;
  project_id: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface ResourceRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  category: string;
  title: string;
  description: string;
  capacity: string | null;
  available_from: string | null;
  available_to: string | null;
  conditions: string | null;
  visibility: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

export interface ClaimRow {
  id: number;
  need_id: number | null;
  resource_id: number | null;
  direction: string;
  helper_org_id: number;
  helper_org_name: string;
  recipient_org_id: number;
  recipient_org_name: string;
  message: string | null;
  status: string;
  decline_reason: string | null;
  decided_at: Date | null;
  project_id: number | null;
  created_at: Date;
  /** What the claim is about (the need's or the resource's title), for notifications. */
  subject_title: string;
}

/** Shared with partners when the record says so (a draft is nobody's but its owner's). */
const needSharedWithPartners = sql<SqlBool>`needs.visibility IN ('partners', 'region') AND needs.status <> 'draft'`;
const resourceSharedWithPartners = sql<SqlBool>`resources.visibility IN ('partners', 'region')`;

/**
 * The organization in need and its superiors: the owner side (the recipient), by the registered
 * copy of its path (migration 0011), which `needs_status_org_path_idx` answers with the status.
 */
export const needOwnerReach: Reach = [{ kind: "subtree", column: "needs.org_path" }];
/** The helpers whose claim was accepted (or who were assigned), and their superiors. */
export const needHelperReach: Reach = [
  {
    kind: "partyThrough",
    column: "needs.id",
    through: {
      table: "claims",
      key: "need_id",
      party: "helper_org_id",
      when: sql<SqlBool>`reach_t.status = 'accepted'`,
    },
  },
];
/**
 * Who sees a need: its organization's superiors and itself, its partners when shared with them,
 * every organization of the county or city it is published to, and whoever claimed it.
 */
export const needReadReach: Reach = [
  ...needOwnerReach,
  { kind: "partner", column: "needs.org_id", when: needSharedWithPartners },
  { kind: "published", column: "needs.published_path" },
  { kind: "partyThrough", column: "needs.id", through: { table: "claims", key: "need_id", party: "helper_org_id" } },
];

export const resourceOwnerReach: Reach = [{ kind: "subtree", column: "resources.org_path" }];
export const resourceReadReach: Reach = [
  ...resourceOwnerReach,
  { kind: "partner", column: "resources.org_id", when: resourceSharedWithPartners },
  { kind: "published", column: "resources.published_path" },
  {
    kind: "partyThrough",
    column: "resources.id",
    through: { table: "claims", key: "resource_id", party: "recipient_org_id" },
  },
];

/** Both parties of a claim (and their superiors) see it. */
export const claimReadReach: Reach = [
  { kind: "party", column: "claims.helper_org_id" },
  { kind: "party", column: "claims.recipient_org_id" },
];
/** The side a claim waits on: the need's owner for an offer, the resource's owner for a request. */
export const claimDecidingReach: Reach = [
  { kind: "party", column: "claims.recipient_org_id", when: sql<SqlBool>`claims.direction = 'offer'` },
  { kind: "party", column: "claims.helper_org_id", when: sql<SqlBool>`claims.direction = 'request'` },
];
/** The side that made the claim, which may take it back. */
export const claimMakingReach: Reach = [
  { kind: "party", column: "claims.helper_org_id", when: sql<SqlBool>`claims.direction = 'offer'` },
  { kind: "party", column: "claims.recipient_org_id", when: sql<SqlBool>`claims.direction = 'request'` },
];

/**
 * One ranked candidate of a suggestion (needs.suggestions.ts): what the factors are made of, each
 * factor's points and their sum, computed in SQL so the ranking and the top 10 are one query.
 */
export interface SuggestionRow {
  id: number;
  title: string;
  org_id: number;
  org_name: string;
  category: string;
  /** The candidate's own category fits (a resource's, a need's, a helper organization's). */
  category_match: boolean;
  /** The organization behind it fits too (a resource's or a need's organization). */
  org_match: boolean;
  /** Steps between the two organizations in the tree; null when they share no ancestor. */
  hops: number | null;
  available: boolean | null;
  rating_average: number | null;
  rating_count: number;
  active_projects: number;
  urgency: string | null;
  category_points: number;
  distance_points: number;
  availability_points: number;
  rating_points: number;
  load_points: number;
  urgency_points: number;
  score: number;
}

/** The weights of a suggestion's factors (needs.suggestions.ts decides them; the SQL applies them). */
export interface SuggestionWeights {
  category: number;
  orgCategory: number;
  /** Points for being next to each other, less `perHop` for each step in the tree. */
  distance: number;
  perHop: number;
  available: number;
  /** Points per star of the average rating; an organization never rated counts as `unrated`. */
  perStar: number;
  unrated: number;
  /** Points off per active project as a helper, at most `maxLoad` off. */
  perProject: number;
  maxLoad: number;
  urgency: Readonly<Record<string, number>>;
}

/** Where a suggestion starts from: the organization of the need (or of the resource), by its path. */
export interface SuggestionOrigin {
  path: string;
}

export function needsRepository(db: Kysely<DB>) {
  /** A need's columns and its organization's name, on any query of needs (a list's filters first). */
  const needColumns = (q: SelectQueryBuilder<DB, "needs", object>) =>
    q
      .innerJoin("organizations as o", "o.id", "needs.org_id")
      .select([
        "needs.id",
        "needs.org_id",
        "o.name as org_name",
        "needs.org_path",
        "needs.category",
        "needs.title",
        "needs.description",
        "needs.expected_outcome",
        "needs.budget_fen",
        "needs.deadline",
        "needs.urgency",
        "needs.visibility",
        "needs.status",
        "needs.rating",
        "needs.rating_comment",
        sql<number | null>`(SELECT p.id FROM projects p WHERE p.need_id = needs.id)`.as("project_id"),
        "needs.created_at",
        "needs.updated_at",
      ]);

  const resourceColumns = (q: SelectQueryBuilder<DB, "resources", object>) =>
    q
      .innerJoin("organizations as o", "o.id", "resources.org_id")
      .select([
        "resources.id",
        "resources.org_id",
        "o.name as org_name",
        "resources.org_path",
        "resources.category",
        "resources.title",
        "resources.description",
        "resources.capacity",
        "resources.available_from",
        "resources.available_to",
        "resources.conditions",
        "resources.visibility",
        "resources.status",
        "resources.created_at",
        "resources.updated_at",
      ]);

  const selectClaims = () =>
    db
      .selectFrom("claims")
      .innerJoin("organizations as h", "h.id", "claims.helper_org_id")
      .innerJoin("organizations as r", "r.id", "claims.recipient_org_id")
      .select([
        "claims.id",
        "claims.need_id",
        "claims.resource_id",
        "claims.direction",
        "claims.helper_org_id",
        "h.name as helper_org_name",
        "claims.recipient_org_id",
        "r.name as recipient_org_name",
        "claims.message",
        "claims.status",
        "claims.decline_reason",
        "claims.decided_at",
        "claims.project_id",
        "claims.created_at",
        sql<string>`COALESCE((SELECT n.title FROM needs n WHERE n.id = claims.need_id),
          (SELECT s.title FROM resources s WHERE s.id = claims.resource_id))`.as("subject_title"),
      ]);

  /**
   * The needs list's filters (shared by the list, its count and the export), on `needs` alone: the
   * count joins nothing, and the page joins the organizations' names for its 20 rows only.
   */
  const filteredNeeds = (where: RawBuilder<SqlBool>, query: NeedExportQuery, withinPath: string | null) => {
    let q = db.selectFrom("needs").where(where);
    if (query.orgId) q = q.where("needs.org_id", "=", query.orgId);
    if (withinPath) q = q.where("needs.org_path", "like", likePrefix(withinPath));
    if (query.category) q = q.where("needs.category", "=", query.category);
    if (query.status) q = q.where("needs.status", "=", query.status);
    if (query.urgency) q = q.where("needs.urgency", "=", query.urgency);
    // Keywords: jieba-cut words against the GIN-indexed tsvector.
    const search = textSearch(query.q);
    if (search) q = q.where(search.matches("needs.search"));
    return { q, search };
  };

  return {
    findNeedsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<NeedRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return needColumns(db.selectFrom("needs")).where("needs.id", "in", ids).where(where).execute();
    },

    async listNeeds(where: RawBuilder<SqlBool>, query: NeedListQuery, withinPath: string | null) {
      const { q, search } = filteredNeeds(where, query, withinPath);
      // The most relevant first, unless the caller asks for the newest (the hall does).
      const ranked = search && query.sort !== "newest";
      // The page's ids first, from needs alone; the organization's name and the project are joined
      // for those rows only, not for every hit before the sort (bench/README.md, 需求大厅).
      const pageIds = (ranked ? q.orderBy(search.rank("needs.search"), "desc") : q)
        .select("needs.id")
        .orderBy("needs.created_at", "desc")
        .orderBy("needs.id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const rowsOf = (ids: typeof pageIds | readonly number[]) => {
        const page = needColumns(db.selectFrom("needs")).where("needs.id", "in", ids);
        return (ranked ? page.orderBy(search.rank("needs.search"), "desc") : page)
          .orderBy("needs.created_at", "desc")
          .orderBy("needs.id", "desc")
          .execute();
      };
      // A keyword, newest first: looked for among the newest rows first (newestMatches says why).
      const unfiltered = filteredNeeds(where, { ...query, q: undefined }, withinPath).q;
      const found = search && !ranked ? await newestMatches(db, unfiltered, "needs", search.matches, query) : null;
      const [items, count] = await Promise.all([
        found ? (found.ids.length ? rowsOf(found.ids) : []) : rowsOf(pageIds),
        found?.total != null ? capCount(found.total, query.totalUpTo) : countRowsUpTo(db, q, query.totalUpTo),
      ]);
      return { items, total: count.total, totalCapped: count.capped };
    },

    /** How many needs the export's filters match. */
    async countNeeds(where: RawBuilder<SqlBool>, query: NeedExportQuery, withinPath: string | null) {
      const { q } = filteredNeeds(where, query, withinPath);
      return countRows(q);
    },

    /**
     * The matching needs in batches, newest first by id (keyset: below the last one seen), so an
     * export never holds the whole list as objects and never rescans skipped rows.
     */
    async *needBatches(
      where: RawBuilder<SqlBool>,
      query: NeedExportQuery,
      withinPath: string | null,
      batchSize: number,
    ): AsyncGenerator<NeedRow[]> {
      let before: number | null = null;
      for (;;) {
        let { q } = filteredNeeds(where, query, withinPath);
        if (before !== null) q = q.where("needs.id", "<", before);
        const rows = await needColumns(q).orderBy("needs.id", "desc").limit(batchSize).execute();
        if (rows.length) yield rows;
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        before = last.id;
      }
    },

    async insertNeed(values: {
      org_id: number;
      category: string;
      title: string;
      description: string;
      expected_outcome: string | null;
      budget_fen: number | null;
      deadline: string | null;
      urgency: string;
      visibility: string;
      published_org_id: number | null;
      status: string;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("needs")
        .values({ ...values, search: searchVector(values.title, values.description, values.expected_outcome) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** `texts`, when the texts change: all of them as they will be, for the search words. */
    async updateNeed(
      id: number,
      patch: Updateable<DB["needs"]>,
      texts?: { title: string; description: string; expectedOutcome: string | null },
    ) {
      const search = texts ? { search: searchVector(texts.title, texts.description, texts.expectedOutcome) } : {};
      await db
        .updateTable("needs")
        .set({ ...patch, ...search, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    findResourcesWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<ResourceRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return resourceColumns(db.selectFrom("resources")).where("resources.id", "in", ids).where(where).execute();
    },

    async listResources(where: RawBuilder<SqlBool>, query: ResourceListQuery, withinPath: string | null) {
      let q = db.selectFrom("resources").where(where);
      if (query.orgId) q = q.where("resources.org_id", "=", query.orgId);
      if (withinPath) q = q.where("resources.org_path", "like", likePrefix(withinPath));
      if (query.category) q = q.where("resources.category", "=", query.category);
      if (query.status) q = q.where("resources.status", "=", query.status);
      // Keywords: jieba-cut words against the GIN-indexed tsvector, the most relevant first.
      const search = textSearch(query.q);
      if (search) q = q.where(search.matches("resources.search"));
      const [items, count] = await Promise.all([
        resourceColumns(search ? q.orderBy(search.rank("resources.search"), "desc") : q)
          .orderBy("resources.created_at", "desc")
          .orderBy("resources.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total: count };
    },

    async insertResource(values: {
      org_id: number;
      category: string;
      title: string;
      description: string;
      capacity: string | null;
      available_from: string | null;
      available_to: string | null;
      conditions: string | null;
      visibility: string;
      published_org_id: number | null;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("resources")
        .values({ ...values, search: searchVector(values.title, values.description, values.conditions) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateResource(
      id: number,
      patch: Updateable<DB["resources"]>,
      texts?: { title: string; description: string; conditions: string | null },
    ) {
      const search = texts ? { search: searchVector(texts.title, texts.description, texts.conditions) } : {};
      await db
        .updateTable("resources")
        .set({ ...patch, ...search, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    findClaimsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<ClaimRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectClaims().where("claims.id", "in", ids).where(where).execute();
    },

    async listClaims(where: RawBuilder<SqlBool>, query: ClaimListQuery) {
      let q = selectClaims().where(where);
      if (query.needId) q = q.where("claims.need_id", "=", query.needId);
      if (query.resourceId) q = q.where("claims.resource_id", "=", query.resourceId);
      if (query.status) q = q.where("claims.status", "=", query.status);
      const [items, count] = await Promise.all([
        q
          .orderBy("claims.created_at", "desc")
          .orderBy("claims.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total: count };
    },

    /** A new claim; the partial unique index refuses a second pending one for the same pair. */
    async insertClaim(values: {
      need_id: number | null;
      resource_id: number | null;
      direction: string;
      helper_org_id: number;
      recipient_org_id: number;
      message: string | null;
      status?: string;
      project_id?: number | null;
      decided_by?: number | null;
      decided_at?: Date | null;
      created_by: number;
    }): Promise<number> {
      try {
        const row = await db.insertInto("claims").values(values).returning("id").executeTakeFirstOrThrow();
        return row.id;
      } catch (error) {
        const e = error as { code?: unknown };
        if (e.code === "23505") {
          throw conflict(values.need_id !== null ? "need.claimPending" : "resource.requestPending", "orgId");
        }
        throw error;
      }
    },

    async decideClaim(
      id: number,
      decision: { status: string; decided_by: number; project_id?: number | null; decline_reason?: string | null },
    ) {
      await db
        .updateTable("claims")
        .set({ ...decision, decided_at: sql`now()`, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /** Claims still waiting on a need (of one helper) or a resource, answered by a withdrawal or an assignment. */
    withdrawPendingClaims(of: { needId?: number; resourceId?: number; helperOrgId?: number }) {
      let q = db
        .updateTable("claims")
        .set({ status: "withdrawn", updated_at: sql`now()` })
        .where("status", "=", "pending");
      if (of.needId !== undefined) q = q.where("need_id", "=", of.needId);
      if (of.resourceId !== undefined) q = q.where("resource_id", "=", of.resourceId);
      if (of.helperOrgId !== undefined) q = q.where("helper_org_id", "=", of.helperOrgId);
      return q.returning(["helper_org_id", "recipient_org_id"]).execute();
    },

    /** The organizations helping with a need (accepted claims). */
    async acceptedHelpers(needId: number): Promise<number[]> {
      const rows = await db
        .selectFrom("claims")
        .select("helper_org_id")
        .where("need_id", "=", needId)
        .where("status", "=", "accepted")
        .execute();
      return rows.map((r) => r.helper_org_id);
    },

    /** Open needs past their deadline, claimed for expiry (rows another process holds are skipped). */
    claimOverdue(today: string, limit: number) {
      return db
        .selectFrom("needs")
        .select(["id", "org_id", "title", "status"])
        .where("status", "=", "open")
        .where("deadline", "<", today)
        .orderBy("id")
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    /** Whether this organization already helps with the need (an accepted claim). */
    async helping(needId: number, helperOrgId: number): Promise<boolean> {
      const row = await db
        .selectFrom("claims")
        .select("id")
        .where("need_id", "=", needId)
        .where("helper_org_id", "=", helperOrgId)
        .where("status", "=", "accepted")
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Serializes the writes on one need (two accepts, an accept and a withdrawal). */
    async lockNeed(id: number) {
      await sql`SELECT id FROM needs WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    /**
     * Locks a claim after what it is about, in the one order every write here uses (the need or
     * the resource, then its claims), so an accept and a withdrawal of the need cannot deadlock.
     */
    async lockClaim(id: number) {
      const claim = await db
        .selectFrom("claims")
        .select(["need_id", "resource_id"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (claim?.need_id != null) await sql`SELECT id FROM needs WHERE id = ${claim.need_id} FOR UPDATE`.execute(db);
      if (claim?.resource_id != null) {
        await sql`SELECT id FROM resources WHERE id = ${claim.resource_id} FOR UPDATE`.execute(db);
      }
      await sql`SELECT id FROM claims WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    async lockResource(id: number) {
      await sql`SELECT id FROM resources WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    /**
     * The organization a region-visible record is published to: the nearest county (or city)
     * organization on its path, else the top of its tree.
     */
    async regionOf(orgId: number): Promise<number> {
      const row = await sql<{ id: number }>`
        SELECT a.id FROM organizations o
          JOIN organizations a ON o.path LIKE a.path || '%'
         WHERE o.id = ${orgId}
         ORDER BY (a.category IN ('county', 'city')) DESC, a.depth DESC
         LIMIT 1`.execute(db);
      const found = row.rows[0];
      if (!found) throw new Error(`organization ${orgId} not found`);
      // Without a county or city above, the ORDER BY picked the deepest (itself): use the root.
      const top = await sql<{ id: number; is_region: boolean }>`
        SELECT a.id, a.category IN ('county', 'city') AS is_region FROM organizations a WHERE a.id = ${found.id}`.execute(
        db,
      );
      if (top.rows[0]?.is_region) return found.id;
      const root = await sql<{ id: number }>`
        SELECT a.id FROM organizations o JOIN organizations a ON o.path LIKE a.path || '%'
         WHERE o.id = ${orgId} ORDER BY a.depth LIMIT 1`.execute(db);
      return (root.rows[0] as { id: number }).id;
    },

    /**
     * Helper organizations for a need, ranked: those `visible` reaches (the caller's organizations
     * and the owners of resources the caller sees), active, outside the need's own line (not the
     * organization itself, its superiors or its subtree). One query: the tree distance from the
     * paths (the origin's ancestors by the ids of its path), past ratings and current load per
     * candidate in lateral subqueries, the score and the top `limit` in SQL.
     */
    async suggestOrganizations(q: {
      origin: SuggestionOrigin;
      visible: RawBuilder<SqlBool>;
      orgCategories: readonly string[];
      weights: SuggestionWeights;
      limit: number;
    }): Promise<SuggestionRow[]> {
      const w = q.weights;
      const result = await sql<SuggestionRow>`
        WITH ${ancestorsOf(q.origin)}
        SELECT c.*, ${pointsSum} AS score FROM (
          SELECT organizations.id, organizations.name AS title, organizations.id AS org_id,
                 organizations.name AS org_name, organizations.category,
                 organizations.category = ANY(${textArray(q.orgCategories)}) AS category_match,
                 false AS org_match, ${hopsSql(q.origin, "organizations")} AS hops, NULL::boolean AS available,
                 rt.average AS rating_average, rt.n AS rating_count, ld.active AS active_projects,
                 NULL::text AS urgency,
                 CASE WHEN organizations.category = ANY(${textArray(q.orgCategories)}) THEN ${w.category} ELSE 0 END
                   AS category_points,
                 ${distancePoints(q.origin, "organizations", w)} AS distance_points,
                 0 AS availability_points,
                 ${ratingPoints(w)} AS rating_points,
                 ${loadPoints(w)} AS load_points,
                 0 AS urgency_points
            FROM organizations
            ${ratingAndLoad("organizations.id")}
           WHERE organizations.status = 'active'
             AND ${outsideLine(q.origin, "organizations")}
             AND ${q.visible}
        ) c
        ORDER BY score DESC, c.id
        LIMIT ${q.limit}`.execute(db);
      return result.rows.map(numbers);
    },

    /**
     * Resources for a need, ranked: active ones `visible` reaches (the caller's resource.read),
     * still offered after today, outside the need's own line; whether they are offered in the
     * need's period (today to its deadline), and their organization's ratings and load. One query.
     */
    async suggestResources(q: {
      origin: SuggestionOrigin;
      visible: RawBuilder<SqlBool>;
      categories: readonly string[];
      orgCategories: readonly string[];
      today: string;
      deadline: string | null;
      weights: SuggestionWeights;
      limit: number;
    }): Promise<SuggestionRow[]> {
      const w = q.weights;
      const available = sql<SqlBool>`(resources.available_from IS NULL OR ${q.deadline}::date IS NULL
        OR resources.available_from <= ${q.deadline}::date)`;
      const result = await sql<SuggestionRow>`
        WITH ${ancestorsOf(q.origin)}
        SELECT c.*, ${pointsSum} AS score FROM (
          SELECT resources.id, resources.title, o.id AS org_id, o.name AS org_name, resources.category,
                 resources.category = ANY(${textArray(q.categories)}) AS category_match,
                 o.category = ANY(${textArray(q.orgCategories)}) AS org_match,
                 ${hopsSql(q.origin, "o")} AS hops, ${available} AS available,
                 rt.average AS rating_average, rt.n AS rating_count, ld.active AS active_projects,
                 NULL::text AS urgency,
                 CASE WHEN resources.category = ANY(${textArray(q.categories)}) THEN ${w.category} ELSE 0 END
                   + CASE WHEN o.category = ANY(${textArray(q.orgCategories)}) THEN ${w.orgCategory} ELSE 0 END
                   AS category_points,
                 ${distancePoints(q.origin, "o", w)} AS distance_points,
                 CASE WHEN ${available} THEN ${w.available} ELSE 0 END AS availability_points,
                 ${ratingPoints(w)} AS rating_points,
                 ${loadPoints(w)} AS load_points,
                 0 AS urgency_points
            FROM resources
            JOIN organizations o ON o.id = resources.org_id
            ${ratingAndLoad("o.id")}
           WHERE resources.status = 'active'
             AND (resources.available_to IS NULL OR resources.available_to >= ${q.today}::date)
             AND ${outsideLine(q.origin, "o")}
             AND ${q.visible}
        ) c
        ORDER BY score DESC, c.id
        LIMIT ${q.limit}`.execute(db);
      return result.rows.map(numbers);
    },

    /**
     * Open needs for a resource, ranked: those `visible` reaches (the caller's need.read), outside
     * the resource's own line; category fit (the resource's category for the need's, and the
     * resource's organization for the need's helpers), distance, whether the resource is offered in
     * the need's period, and the need's urgency. One query.
     */
    async suggestNeeds(q: {
      origin: SuggestionOrigin;
      visible: RawBuilder<SqlBool>;
      categories: readonly string[];
      orgCategories: readonly string[];
      today: string;
      availableFrom: string | null;
      availableTo: string | null;
      weights: SuggestionWeights;
      limit: number;
    }): Promise<SuggestionRow[]> {
      const w = q.weights;
      const available = sql<SqlBool>`((${q.availableFrom}::date IS NULL OR needs.deadline IS NULL
        OR ${q.availableFrom}::date <= needs.deadline)
        AND (${q.availableTo}::date IS NULL OR ${q.availableTo}::date >= ${q.today}::date))`;
      const urgencyPoints = sql<number>`CASE needs.urgency ${sql.join(
        Object.entries(w.urgency).map(([u, points]) => sql`WHEN ${u} THEN ${points}`),
        sql` `,
      )} ELSE 0 END`;
      const result = await sql<SuggestionRow>`
        WITH ${ancestorsOf(q.origin)}
        SELECT c.*, ${pointsSum} AS score FROM (
          SELECT needs.id, needs.title, o.id AS org_id, o.name AS org_name, needs.category,
                 needs.category = ANY(${textArray(q.categories)}) AS category_match,
                 needs.category = ANY(${textArray(q.orgCategories)}) AS org_match,
                 ${hopsSql(q.origin, "o")} AS hops, ${available} AS available,
                 NULL::float8 AS rating_average, 0 AS rating_count, 0 AS active_projects,
                 needs.urgency,
                 CASE WHEN needs.category = ANY(${textArray(q.categories)}) THEN ${w.category} ELSE 0 END
                   + CASE WHEN needs.category = ANY(${textArray(q.orgCategories)}) THEN ${w.orgCategory} ELSE 0 END
                   AS category_points,
                 ${distancePoints(q.origin, "o", w)} AS distance_points,
                 CASE WHEN ${available} THEN ${w.available} ELSE 0 END AS availability_points,
                 0 AS rating_points,
                 0 AS load_points,
                 ${urgencyPoints} AS urgency_points
            FROM needs
            JOIN organizations o ON o.id = needs.org_id
           WHERE needs.status = 'open'
             AND ${outsideLine(q.origin, "o")}
             AND ${q.visible}
        ) c
        ORDER BY score DESC, c.id
        LIMIT ${q.limit}`.execute(db);
      return result.rows.map(numbers);
    },

    /** An organization's category (what kind of helper it is), for the suggestions' table. */
    async orgCategoryOf(orgId: number): Promise<string> {
      const row = await db.selectFrom("organizations").select("category").where("id", "=", orgId).executeTakeFirst();
      return row?.category ?? "";
    },
  };
}

// ---- SQL of the suggestions ----

const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;

/** The origin's ancestors (itself included), found by the ids its path lists: a few index lookups. */
const ancestorsOf = (origin: SuggestionOrigin) =>
  sql`anc AS (SELECT a.path, a.depth FROM organizations a
               WHERE a.id = ANY(string_to_array(trim(both '/' from ${origin.path}), '/')::int[]))`;

/** Steps from the origin to an organization: up to their deepest common ancestor and down again. */
const hopsSql = (_origin: SuggestionOrigin, org: string) =>
  sql<number | null>`((SELECT max(depth) FROM anc) + ${sql.ref(`${org}.depth`)} - 2 * (SELECT max(anc.depth) FROM anc
                       WHERE ${sql.ref(`${org}.path`)} LIKE anc.path || '%'))`;

const distancePoints = (origin: SuggestionOrigin, org: string, w: SuggestionWeights) =>
  sql<number>`COALESCE(GREATEST(0, ${w.distance} - ${w.perHop} * ${hopsSql(origin, org)}), 0)`;

/** Not the origin, nor a superior of it, nor in its subtree: one does not help one's own line. */
const outsideLine = (origin: SuggestionOrigin, org: string) =>
  sql<SqlBool>`NOT (${origin.path} LIKE ${sql.ref(`${org}.path`)} || '%')
    AND NOT (${sql.ref(`${org}.path`)} LIKE ${origin.path} || '%')`;

/**
 * Per candidate organization: the average rating of the confirmed needs it helped with (accepted
 * claims), and the active projects where it is a helper. Both are counts over all of its help,
 * seen by the caller or not: a helper's reputation and load, never a record, title or party.
 */
const ratingAndLoad = (orgId: string) => sql`
  CROSS JOIN LATERAL (
    SELECT avg(n.rating)::float8 AS average, count(n.rating)::int AS n
      FROM claims rc JOIN needs n ON n.id = rc.need_id
     WHERE rc.helper_org_id = ${sql.ref(orgId)} AND rc.status = 'accepted'
       AND n.status IN ('confirmed', 'closed') AND n.rating IS NOT NULL) rt
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS active
      FROM project_parties pp JOIN projects p ON p.id = pp.project_id
     WHERE pp.org_id = ${sql.ref(orgId)} AND pp.side = 'helper' AND p.status = 'active') ld`;

const ratingPoints = (w: SuggestionWeights) =>
  sql<number>`CASE WHEN rt.n > 0 THEN rt.average * ${w.perStar} ELSE ${w.unrated} END`;
const loadPoints = (w: SuggestionWeights) => sql<number>`-LEAST(${w.maxLoad}, ${w.perProject} * ld.active)`;
const pointsSum = sql<number>`(c.category_points + c.distance_points + c.availability_points + c.rating_points
  + c.load_points + c.urgency_points)`;

/** Numbers as numbers (the drivers answer numeric and bigint results as text). */
function numbers(row: SuggestionRow): SuggestionRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...row,
    hops: n(row.hops),
    rating_average: n(row.rating_average),
    rating_count: Number(row.rating_count),
    active_projects: Number(row.active_projects),
    category_points: Number(row.category_points),
    distance_points: Number(row.distance_points),
    availability_points: Number(row.availability_points),
    rating_points: Number(row.rating_points),
    load_points: Number(row.load_points),
    urgency_points: Number(row.urgency_points),
    score: Number(row.score),
  };
}
