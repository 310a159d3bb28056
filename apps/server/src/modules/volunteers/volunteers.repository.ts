import type { ServiceRequestListQuery, VolunteerTeamListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import type { Reach } from "../../platform/access.ts";

export interface TeamRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  description: string | null;
  created_at: Date;
}

export interface ServiceRequestRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  member_id: number | null;
  member_name: string | null;
  title: string;
  description: string;
  status: string;
  team_id: number | null;
  team_name: string | null;
  team_org_id: number | null;
  served_on: string | null;
  rating: number | null;
  comment: string | null;
  created_at: Date;
}

/** A team is reached from its organization and those above (`party`). */
export const teamReach: Reach = [{ kind: "party", column: "volunteer_teams.org_id" }];

/**
 * Who reaches a service request: the requesting organization's side, the claiming team's
 * organization's side, the member it is for, and — while it is open, to be claimed — every role
 * inside the county (or city) it is published to.
 */
export const serviceRequestReach: Reach = [
  { kind: "party", column: "service_requests.org_id" },
  { kind: "party", column: "service_requests.team_org_id" },
  { kind: "selfMember", column: "service_requests.member_id" },
  {
    kind: "published",
    column: "service_requests.region_path",
    when: sql<SqlBool>`service_requests.status = 'open'`,
  },
];
/** Claiming: an open request published to the caller's region, or their own side's. */
export const claimReach: Reach = [
  { kind: "party", column: "service_requests.org_id" },
  {
    kind: "published",
    column: "service_requests.region_path",
    when: sql<SqlBool>`service_requests.status = 'open'`,
  },
];
/**
 * Who sees the name of the member a request is for: its own sides and the member, not the whole
 * county it is published to while open (a person in difficulty is not named to every role there).
 */
export const memberNameReach: Reach = [
  { kind: "party", column: "service_requests.org_id" },
  { kind: "party", column: "service_requests.team_org_id" },
  { kind: "selfMember", column: "service_requests.member_id" },
];
/** Completing: the claiming team's organization's side. */
export const completeReach: Reach = [{ kind: "party", column: "service_requests.team_org_id" }];
/** Feedback: the requesting side and the person helped. */
export const feedbackReach: Reach = [
  { kind: "party", column: "service_requests.org_id" },
  { kind: "selfMember", column: "service_requests.member_id" },
];

/** The only SQL of volunteer teams, service requests and the hours ledger. */
export function volunteersRepository(db: Kysely<DB>) {
  const selectTeams = () =>
    db
      .selectFrom("volunteer_teams")
      .innerJoin("organizations as o", "o.id", "volunteer_teams.org_id")
      .select([
        "volunteer_teams.id",
        "volunteer_teams.org_id",
        "o.name as org_name",
        "o.path as org_path",
        "volunteer_teams.name",
        "volunteer_teams.description",
        "volunteer_teams.created_at",
      ]);

  const selectRequests = () =>
    db
      .selectFrom("service_requests")
      .innerJoin("organizations as o", "o.id", "service_requests.org_id")
      .leftJoin("members as m", "m.id", "service_requests.member_id")
      .leftJoin("volunteer_teams as vt", "vt.id", "service_requests.team_id")
      .select([
        "service_requests.id",
        "service_requests.org_id",
        "o.name as org_name",
        "o.path as org_path",
        "service_requests.member_id",
        "m.name as member_name",
        "service_requests.title",
        "service_requests.description",
        "service_requests.status",
        "service_requests.team_id",
        "vt.name as team_name",
        "service_requests.team_org_id",
        sql<string | null>`to_char(service_requests.served_on, 'YYYY-MM-DD')`.as("served_on"),
        "service_requests.rating",
        "service_requests.comment",
        "service_requests.created_at",
      ]);

  return {
    findTeams(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<TeamRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectTeams()
        .where(where)
        .where("volunteer_teams.id", "in", [...ids])
        .execute();
    },

    async listTeams(where: RawBuilder<SqlBool>, query: VolunteerTeamListQuery) {
      let q = selectTeams().where(where);
      if (query.orgId) q = q.where("volunteer_teams.org_id", "=", query.orgId);
      const [items, total] = await Promise.all([
        q
          .orderBy("volunteer_teams.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total };
    },

    /** Team members with their skills and total hours served, for these teams. */
    teamMembers(teamIds: readonly number[]) {
      if (teamIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("volunteer_team_members as tm")
        .innerJoin("members as m", "m.id", "tm.member_id")
        .select([
          "tm.team_id",
          "tm.member_id",
          "m.name",
          "tm.skills",
          sql<number>`(SELECT coalesce(sum(h.half_hours), 0)::int FROM volunteer_hours h
            WHERE h.team_id = tm.team_id AND h.member_id = tm.member_id)`.as("half_hours"),
        ])
        .where("tm.team_id", "in", [...teamIds])
        .orderBy("tm.team_id")
        .orderBy("m.name")
        .execute();
    },

    async teamNameTaken(orgId: number, name: string): Promise<boolean> {
      const row = await db
        .selectFrom("volunteer_teams")
        .select("id")
        .where("org_id", "=", orgId)
        .where("name", "=", name)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertTeam(values: { org_id: number; name: string; description: string | null; created_by: number }) {
      const row = await db.insertInto("volunteer_teams").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async addTeamMembers(teamId: number, members: ReadonlyArray<{ memberId: number; skills: string | null }>) {
      if (members.length === 0) return;
      await db
        .insertInto("volunteer_team_members")
        .values(members.map((m) => ({ team_id: teamId, member_id: m.memberId, skills: m.skills })))
        .execute();
    },

    findRequests(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<ServiceRequestRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectRequests()
        .where(where)
        .where("service_requests.id", "in", [...ids])
        .execute();
    },

    async listRequests(where: RawBuilder<SqlBool>, query: ServiceRequestListQuery, memberId: number | null) {
      let q = selectRequests().where(where);
      if (query.status) q = q.where("service_requests.status", "=", query.status);
      if (query.mine === "true") q = q.where("service_requests.member_id", "=", memberId ?? 0);
      const [items, total] = await Promise.all([
        q
          .orderBy("service_requests.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total };
    },

    countOpen: (where: RawBuilder<SqlBool>) =>
      countRows(selectRequests().where(where).where("service_requests.status", "=", "open")),

    /** The county or city above an organization (its own if it is one), else the tree's root. */
    async regionOf(orgId: number): Promise<number> {
      const region = await sql<{ id: number }>`
        SELECT a.id FROM organizations o JOIN organizations a ON o.path LIKE a.path || '%'
         WHERE o.id = ${orgId} AND a.category IN ('county', 'city')
         ORDER BY a.depth DESC LIMIT 1`.execute(db);
      if (region.rows[0]) return region.rows[0].id;
      const root = await sql<{ id: number }>`
        SELECT a.id FROM organizations o JOIN organizations a ON o.path LIKE a.path || '%'
         WHERE o.id = ${orgId} ORDER BY a.depth LIMIT 1`.execute(db);
      const found = root.rows[0];
      if (!found) throw new Error(`organization ${orgId} not found`);
      return found.id;
    },

    async insertRequest(values: {
      org_id: number;
      member_id: number | null;
      title: string;
      description: string;
      region_org_id: number;
      created_by: number;
    }) {
      const row = await db.insertInto("service_requests").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async lockStatus(id: number): Promise<string | undefined> {
      const row = await db
        .selectFrom("service_requests")
        .select("status")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      return row?.status;
    },

    async claim(id: number, teamId: number, teamOrgId: number) {
      await db
        .updateTable("service_requests")
        .set({ status: "claimed", team_id: teamId, team_org_id: teamOrgId, claimed_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async complete(
      id: number,
      teamId: number,
      servedOn: string,
      hours: ReadonlyArray<{ memberId: number; halfHours: number }>,
    ) {
      await db
        .updateTable("service_requests")
        .set({ status: "completed", completed_at: sql`now()`, served_on: servedOn })
        .where("id", "=", id)
        .execute();
      await db
        .insertInto("volunteer_hours")
        .values(
          hours.map((h) => ({
            request_id: id,
            team_id: teamId,
            member_id: h.memberId,
            served_on: servedOn,
            half_hours: h.halfHours,
          })),
        )
        .execute();
    },

    async feedback(id: number, rating: number, comment: string | null) {
      await db.updateTable("service_requests").set({ rating, comment }).where("id", "=", id).execute();
    },

    /** The hours of these requests, per volunteer. */
    requestHours(requestIds: readonly number[]) {
      if (requestIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("volunteer_hours as h")
        .innerJoin("members as m", "m.id", "h.member_id")
        .select(["h.request_id", "h.member_id", "m.name", "h.half_hours"])
        .where("h.request_id", "in", [...requestIds])
        .orderBy("h.id")
        .execute();
    },

    /** A member's hours ledger, newest first. */
    memberHours(memberId: number) {
      return db
        .selectFrom("volunteer_hours as h")
        .innerJoin("service_requests as r", "r.id", "h.request_id")
        .innerJoin("volunteer_teams as vt", "vt.id", "h.team_id")
        .select([
          "h.request_id",
          "r.title",
          "vt.name as team",
          sql<string>`to_char(h.served_on, 'YYYY-MM-DD')`.as("served_on"),
          "h.half_hours",
        ])
        .where("h.member_id", "=", memberId)
        .orderBy("h.served_on", "desc")
        .orderBy("h.id", "desc")
        .limit(200)
        .execute();
    },

    /** Which of these members belong to the team. */
    async teamMemberIds(teamId: number, memberIds: readonly number[]): Promise<Set<number>> {
      if (memberIds.length === 0) return new Set();
      const rows = await db
        .selectFrom("volunteer_team_members")
        .select("member_id")
        .where("team_id", "=", teamId)
        .where("member_id", "in", [...memberIds])
        .execute();
      return new Set(rows.map((r) => r.member_id));
    },
  };
}
