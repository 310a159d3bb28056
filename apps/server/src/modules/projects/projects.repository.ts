import type { ProjectListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import type { Reach } from "../../platform/access.ts";
import { searchVector, textSearch } from "../../platform/text-search.ts";

/**
 * The only SQL of help projects, their parties, activities and contributions. A project's parties
 * are rows of project_parties (organizations by id, a side each); whoever is above a party reaches
 * the project (`partyThrough`).
 */
export interface ProjectRow {
  id: number;
  title: string;
  need_id: number | null;
  resource_id: number | null;
  status: string;
  goals: string | null;
  plan_rrule: string | null;
  started_on: string;
  last_activity_on: string | null;
  ended_at: Date | null;
  end_reason: string | null;
  created_at: Date;
}

export interface PartyRow {
  project_id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  side: string;
}

export interface ActivityRow {
  id: number;
  project_id: number;
  occurred_on: string;
  type: string;
  description: string;
  participants: number | null;
  hours: string | number | null;
  recorded_by_org_id: number;
  recorded_by_org_name: string;
  created_at: Date;
}

export interface ContributionRow {
  id: number;
  project_id: number;
  project_status: string;
  giver_org_id: number;
  giver_org_name: string;
  receiver_org_id: number;
  receiver_org_name: string;
  kind: string;
  amount_fen: string | number | bigint | null;
  value_fen: string | number | bigint | null;
  hours: string | number | null;
  description: string | null;
  status: string;
  confirmed_at: Date | null;
  created_at: Date;
}

export const projectReach: Reach = [
  {
    kind: "partyThrough",
    column: "projects.id",
    through: { table: "project_parties", key: "project_id", party: "org_id" },
  },
];

/** Contributions are seen by the project's parties; confirmed by the receiver's side. */
export const contributionReadReach: Reach = [
  {
    kind: "partyThrough",
    column: "contributions.project_id",
    through: { table: "project_parties", key: "project_id", party: "org_id" },
  },
];
export const contributionReceiverReach: Reach = [{ kind: "party", column: "contributions.receiver_org_id" }];

export function projectsRepository(db: Kysely<DB>) {
  const selectProjects = () =>
    db
      .selectFrom("projects")
      .select([
        "projects.id",
        "projects.title",
        "projects.need_id",
        "projects.resource_id",
        "projects.status",
        "projects.goals",
        "projects.plan_rrule",
        "projects.started_on",
        sql<
          string | null
        >`(SELECT max(a.occurred_on)::text FROM project_activities a WHERE a.project_id = projects.id)`.as(
          "last_activity_on",
        ),
        "projects.ended_at",
        "projects.end_reason",
        "projects.created_at",
      ]);

  const selectContributions = () =>
    db
      .selectFrom("contributions")
      .innerJoin("projects", "projects.id", "contributions.project_id")
      .innerJoin("organizations as g", "g.id", "contributions.giver_org_id")
      .innerJoin("organizations as r", "r.id", "contributions.receiver_org_id")
      .select([
        "contributions.id",
        "contributions.project_id",
        "projects.status as project_status",
        "contributions.giver_org_id",
        "g.name as giver_org_name",
        "contributions.receiver_org_id",
        "r.name as receiver_org_name",
        "contributions.kind",
        "contributions.amount_fen",
        "contributions.value_fen",
        "contributions.hours",
        "contributions.description",
        "contributions.status",
        "contributions.confirmed_at",
        "contributions.created_at",
      ]);

  return {
    findProjectsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<ProjectRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectProjects().where("projects.id", "in", ids).where(where).execute();
    },

    async listProjects(where: RawBuilder<SqlBool>, query: ProjectListQuery) {
      let q = selectProjects().where(where);
      if (query.status) q = q.where("projects.status", "=", query.status);
      if (query.orgId) {
        const orgId = query.orgId;
        q = q.where(
          sql<SqlBool>`EXISTS (SELECT 1 FROM project_parties pp WHERE pp.project_id = projects.id AND pp.org_id = ${orgId})`,
        );
      }
      const search = textSearch(query.q);
      if (search) q = q.where(search.matches("projects.search"));
      const [items, count] = await Promise.all([
        (search ? q.orderBy(search.rank("projects.search"), "desc") : q)
          .orderBy("projects.created_at", "desc")
          .orderBy("projects.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total: count };
    },

    async listLapsed(where: RawBuilder<SqlBool>, today: string, limit: number) {
      const since = sql<string>`COALESCE((SELECT max(a.occurred_on) FROM project_activities a WHERE a.project_id = projects.id), projects.started_on)`;
      const q = selectProjects()
        .where(where)
        .where("projects.status", "=", "active")
        .where("projects.plan_period_days", "is not", null)
        .where(sql<SqlBool>`${since} + projects.plan_period_days < ${today}::date`);
      const [items, count] = await Promise.all([
        q.orderBy(since, "asc").orderBy("projects.id").limit(limit).execute(),
        countRows(q),
      ]);
      return { items, total: count };
    },

    async partiesOf(projectIds: readonly number[]): Promise<PartyRow[]> {
      if (projectIds.length === 0) return [];
      return db
        .selectFrom("project_parties")
        .innerJoin("organizations as o", "o.id", "project_parties.org_id")
        .select([
          "project_parties.project_id",
          "project_parties.org_id",
          "o.name as org_name",
          "o.path as org_path",
          "project_parties.side",
        ])
        .where("project_parties.project_id", "in", [...projectIds])
        .orderBy("project_parties.side")
        .orderBy("o.name")
        .execute();
    },

    /** The need's project, created on its first accepted claim; a further helper joins it. */
    async startOrJoin(input: {
      needId: number | null;
      resourceId: number | null;
      title: string;
      startedOn: string;
      helperOrgId: number;
      recipientOrgId: number;
    }): Promise<number> {
      let projectId: number | undefined;
      if (input.needId !== null) {
        const found = await db
          .selectFrom("projects")
          .select("id")
          .where("need_id", "=", input.needId)
          .executeTakeFirst();
        projectId = found?.id;
      }
      if (projectId === undefined) {
        const row = await db
          .insertInto("projects")
          .values({
            title: input.title,
            search: searchVector(input.title),
            need_id: input.needId,
            resource_id: input.resourceId,
            started_on: input.startedOn,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        projectId = row.id;
      }
      await db
        .insertInto("project_parties")
        .values([
          { project_id: projectId, org_id: input.recipientOrgId, side: "recipient" },
          { project_id: projectId, org_id: input.helperOrgId, side: "helper" },
        ])
        .onConflict((oc) => oc.columns(["project_id", "org_id"]).doNothing())
        .execute();
      return projectId;
    },

    async setStatusForNeed(needId: number, status: "completed" | "cancelled") {
      await db
        .updateTable("projects")
        .set({ status, ended_at: sql`now()`, updated_at: sql`now()` })
        .where("need_id", "=", needId)
        .where("status", "=", "active")
        .execute();
    },

    async updateProject(
      id: number,
      patch: Updateable<DB["projects"]>,
      texts?: { title: string; goals: string | null },
    ) {
      const search = texts ? { search: searchVector(texts.title, texts.goals) } : {};
      await db
        .updateTable("projects")
        .set({ ...patch, ...search, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /** A party ends an active project early: cancelled or concluded, with its reason. */
    async endProject(id: number, status: "completed" | "cancelled", reason: string) {
      await db
        .updateTable("projects")
        .set({ status, end_reason: reason, ended_at: sql`now()`, updated_at: sql`now()` })
        .where("id", "=", id)
        .where("status", "=", "active")
        .execute();
    },

    async activitiesOf(projectId: number): Promise<ActivityRow[]> {
      return db
        .selectFrom("project_activities")
        .innerJoin("organizations as o", "o.id", "project_activities.recorded_by_org_id")
        .select([
          "project_activities.id",
          "project_activities.project_id",
          "project_activities.occurred_on",
          "project_activities.type",
          "project_activities.description",
          "project_activities.participants",
          "project_activities.hours",
          "project_activities.recorded_by_org_id",
          "o.name as recorded_by_org_name",
          "project_activities.created_at",
        ])
        .where("project_activities.project_id", "=", projectId)
        .orderBy("project_activities.occurred_on", "desc")
        .orderBy("project_activities.id", "desc")
        .execute();
    },

    async insertActivity(values: {
      project_id: number;
      occurred_on: string;
      type: string;
      description: string;
      participants: number | null;
      hours: number | null;
      recorded_by_org_id: number;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("project_activities").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    /** The project an activity belongs to (for its photos' visibility). */
    async projectOfActivity(activityId: number): Promise<number | undefined> {
      const row = await db
        .selectFrom("project_activities")
        .select("project_id")
        .where("id", "=", activityId)
        .executeTakeFirst();
      return row?.project_id;
    },

    findContributionsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<ContributionRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectContributions().where("contributions.id", "in", ids).where(where).execute();
    },

    contributionsOf(projectId: number): Promise<ContributionRow[]> {
      return selectContributions()
        .where("contributions.project_id", "=", projectId)
        .orderBy("contributions.created_at", "desc")
        .orderBy("contributions.id", "desc")
        .execute();
    },

    async insertContribution(values: {
      project_id: number;
      giver_org_id: number;
      receiver_org_id: number;
      kind: string;
      amount_fen: number | null;
      value_fen: number | null;
      hours: number | null;
      description: string | null;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("contributions").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async confirmContribution(id: number, userId: number) {
      await db
        .updateTable("contributions")
        .set({ status: "confirmed", confirmed_by: userId, confirmed_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async lockContribution(id: number) {
      await sql`SELECT id FROM contributions WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    async lockProject(id: number) {
      await sql`SELECT id FROM projects WHERE id = ${id} FOR UPDATE`.execute(db);
    },
  };
}
