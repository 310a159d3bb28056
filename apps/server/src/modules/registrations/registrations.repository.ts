import type { RegistrationListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { type Reach, reachSql, type Scope } from "../../platform/access.ts";
import { conflict } from "../../platform/errors.ts";

export interface RegistrationRow {
  id: number;
  status: string;
  member_id: number;
  member_name: string;
  origin_org_id: number;
  origin_org_name: string;
  community_org_id: number;
  community_name: string;
  community_path: string;
  registered_on: string;
}

/**
 * Who reaches a registration (双报到, issue 11): the member's own organization's side (where they
 * work), the community's side, and the member.
 */
export const registrationReadReach: Reach = [
  { kind: "party", column: "community_registrations.origin_org_id" },
  { kind: "party", column: "community_registrations.community_org_id" },
  { kind: "selfMember", column: "community_registrations.member_id" },
];
export const registrationCommunityReach: Reach = [
  { kind: "party", column: "community_registrations.community_org_id" },
];

function activeConflict(error: unknown): never {
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code === "23505" && e.constraint === "community_registrations_one_active") {
    throw conflict("registration.active", "memberId");
  }
  if (e.code === "23505" && e.constraint === "service_post_takings_pkey")
    throw conflict("registration.postTaken", "postId");
  throw error;
}

export function registrationsRepository(db: Kysely<DB>) {
  const selectRows = () =>
    db
      .selectFrom("community_registrations")
      .innerJoin("members as m", "m.id", "community_registrations.member_id")
      .innerJoin("organizations as oo", "oo.id", "community_registrations.origin_org_id")
      .innerJoin("organizations as co", "co.id", "community_registrations.community_org_id")
      .select([
        "community_registrations.id",
        "community_registrations.status",
        "community_registrations.member_id",
        "m.name as member_name",
        "community_registrations.origin_org_id",
        "oo.name as origin_org_name",
        "community_registrations.community_org_id",
        "co.name as community_name",
        "co.path as community_path",
        sql<string>`to_char(community_registrations.registered_on, 'YYYY-MM-DD')`.as("registered_on"),
      ]);

  return {
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<RegistrationRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectRows().where("community_registrations.id", "in", ids).where(where).execute() as Promise<
        RegistrationRow[]
      >;
    },

    async list(scope: Scope, query: RegistrationListQuery): Promise<{ items: RegistrationRow[]; total: number }> {
      let q = db.selectFrom("community_registrations").where(reachSql(scope, registrationReadReach));
      if (query.communityOrgId) q = q.where("community_registrations.community_org_id", "=", query.communityOrgId);
      if (query.memberId) q = q.where("community_registrations.member_id", "=", query.memberId);
      const ids = q
        .select("community_registrations.id")
        .orderBy("community_registrations.id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [items, total] = await Promise.all([
        selectRows()
          .where("community_registrations.id", "in", ids)
          .orderBy("community_registrations.id", "desc")
          .execute() as Promise<RegistrationRow[]>,
        countRows(q),
      ]);
      return { items, total };
    },

    async insert(values: {
      member_id: number;
      origin_org_id: number;
      community_org_id: number;
      registered_on: string;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("community_registrations")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow()
        .catch(activeConflict);
      return row.id;
    },

    /** The posts each registration took, with the hours served in each. */
    posts(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("service_post_takings as t")
        .innerJoin("service_posts as p", "p.id", "t.post_id")
        .select([
          "t.registration_id",
          "p.id",
          "p.title",
          sql<number>`coalesce((SELECT sum(h.hours) FROM service_hours h
            WHERE h.registration_id = t.registration_id AND h.post_id = t.post_id), 0)::float8`.as("hours"),
        ])
        .where("t.registration_id", "in", ids)
        .orderBy("t.taken_on")
        .execute();
    },

    findOpenPost(postId: number, orgId: number) {
      return db
        .selectFrom("service_posts")
        .select(["id", "title"])
        .where("id", "=", postId)
        .where("org_id", "=", orgId)
        .where("status", "=", "open")
        .executeTakeFirst();
    },

    async take(registrationId: number, postId: number, on: string) {
      await db
        .insertInto("service_post_takings")
        .values({ registration_id: registrationId, post_id: postId, taken_on: on })
        .execute()
        .catch(activeConflict);
    },

    async hasTaken(registrationId: number, postId: number): Promise<boolean> {
      const row = await db
        .selectFrom("service_post_takings")
        .select("post_id")
        .where("registration_id", "=", registrationId)
        .where("post_id", "=", postId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async addHours(values: {
      registration_id: number;
      post_id: number;
      served_on: string;
      hours: number;
      created_by: number;
    }) {
      await db.insertInto("service_hours").values(values).execute();
    },

    hours(registrationId: number) {
      return db
        .selectFrom("service_hours as h")
        .innerJoin("service_posts as p", "p.id", "h.post_id")
        .innerJoin("users as u", "u.id", "h.created_by")
        .select([
          "h.id",
          "p.id as post_id",
          "p.title",
          sql<string>`to_char(h.served_on, 'YYYY-MM-DD')`.as("served_on"),
          sql<number>`h.hours::float8`.as("hours"),
          "u.display_name",
        ])
        .where("h.registration_id", "=", registrationId)
        .orderBy("h.served_on", "desc")
        .orderBy("h.id", "desc")
        .limit(200)
        .execute();
    },

    /** A community's posts (public notices: titles and descriptions only). */
    listPosts(orgId: number) {
      return db
        .selectFrom("service_posts as p")
        .innerJoin("organizations as o", "o.id", "p.org_id")
        .select(["p.id", "p.org_id", "o.name as org_name", "p.title", "p.description", "p.status"])
        .where("p.org_id", "=", orgId)
        .orderBy("p.id", "desc")
        .limit(200)
        .execute();
    },

    async insertPost(values: { org_id: number; title: string; description: string | null; created_by: number }) {
      const row = await db.insertInto("service_posts").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
