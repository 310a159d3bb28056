import type { ClaimListQuery, NeedListQuery, ResourceListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
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

/** The organization in need and its superiors: the owner side (the recipient). */
export const needOwnerReach: Reach = [{ kind: "party", column: "needs.org_id" }];
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

export const resourceOwnerReach: Reach = [{ kind: "party", column: "resources.org_id" }];
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

export function needsRepository(db: Kysely<DB>) {
  const selectNeeds = () =>
    db
      .selectFrom("needs")
      .innerJoin("organizations as o", "o.id", "needs.org_id")
      .select([
        "needs.id",
        "needs.org_id",
        "o.name as org_name",
        "o.path as org_path",
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

  const selectResources = () =>
    db
      .selectFrom("resources")
      .innerJoin("organizations as o", "o.id", "resources.org_id")
      .select([
        "resources.id",
        "resources.org_id",
        "o.name as org_name",
        "o.path as org_path",
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

  return {
    findNeedsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<NeedRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectNeeds().where("needs.id", "in", ids).where(where).execute();
    },

    async listNeeds(where: RawBuilder<SqlBool>, query: NeedListQuery, withinPath: string | null) {
      let q = selectNeeds().where(where);
      if (query.orgId) q = q.where("needs.org_id", "=", query.orgId);
      if (withinPath) q = q.where("o.path", "like", likePrefix(withinPath));
      if (query.category) q = q.where("needs.category", "=", query.category);
      if (query.status) q = q.where("needs.status", "=", query.status);
      if (query.urgency) q = q.where("needs.urgency", "=", query.urgency);
      // Keywords: jieba-cut words against the GIN-indexed tsvector, the most relevant first.
      const search = textSearch(query.q);
      if (search) q = q.where(search.matches("needs.search"));
      const [items, count] = await Promise.all([
        (search ? q.orderBy(search.rank("needs.search"), "desc") : q)
          .orderBy("needs.created_at", "desc")
          .orderBy("needs.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
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
      return selectResources().where("resources.id", "in", ids).where(where).execute();
    },

    async listResources(where: RawBuilder<SqlBool>, query: ResourceListQuery, withinPath: string | null) {
      let q = selectResources().where(where);
      if (query.orgId) q = q.where("resources.org_id", "=", query.orgId);
      if (withinPath) q = q.where("o.path", "like", likePrefix(withinPath));
      if (query.category) q = q.where("resources.category", "=", query.category);
      if (query.status) q = q.where("resources.status", "=", query.status);
      // Keywords: jieba-cut words against the GIN-indexed tsvector, the most relevant first.
      const search = textSearch(query.q);
      if (search) q = q.where(search.matches("resources.search"));
      const [items, count] = await Promise.all([
        (search ? q.orderBy(search.rank("resources.search"), "desc") : q)
          .orderBy("resources.created_at", "desc")
          .orderBy("resources.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        q.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
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
        q.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
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

    async attachmentIdsOf(targetType: string, ids: readonly number[]): Promise<Map<number, string[]>> {
      const out = new Map<number, string[]>();
      if (ids.length === 0) return out;
      const rows = await db
        .selectFrom("attachments")
        .select(["id", "target_id"])
        .where("target_type", "=", targetType)
        .where("target_id", "in", ids.map(String))
        .orderBy("linked_at")
        .execute();
      for (const r of rows) {
        const key = Number(r.target_id);
        out.set(key, [...(out.get(key) ?? []), r.id]);
      }
      return out;
    },
  };
}
