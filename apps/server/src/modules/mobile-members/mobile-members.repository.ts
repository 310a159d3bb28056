import type { MobileMemberListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { type Reach, reachSql, type Scope } from "../../platform/access.ts";
import { conflict } from "../../platform/errors.ts";

export interface MobileMemberRow {
  id: number;
  status: string;
  member_id: number;
  member_name: string;
  origin_org_id: number;
  origin_org_name: string;
  origin_org_path: string;
  dest_org_id: number | null;
  dest_org_name: string | null;
  dest_place: string | null;
  reason: string;
  contact: string;
  left_on: string;
  expected_return: string | null;
  last_contact_on: string;
  received_at: Date | null;
  closed_at: Date | null;
}

/**
 * Who reaches a mobile member's registration (流动党员, issue 11): the origin organization's side
 * (the member's organization when they left, and its superiors), the destination's, and the member.
 */
export const mobileReadReach: Reach = [
  { kind: "party", column: "mobile_members.origin_org_id" },
  { kind: "party", column: "mobile_members.dest_org_id" },
  { kind: "selfMember", column: "mobile_members.member_id" },
];
export const mobileDestReach: Reach = [{ kind: "party", column: "mobile_members.dest_org_id" }];
export const mobileOriginReach: Reach = [{ kind: "party", column: "mobile_members.origin_org_id" }];
export const mobileSidesReach: Reach = [...mobileOriginReach, ...mobileDestReach];

function openConflict(error: unknown): never {
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code === "23505" && e.constraint === "mobile_members_one_open") throw conflict("mobileMember.open", "memberId");
  throw error;
}

export function mobileMembersRepository(db: Kysely<DB>) {
  const selectRows = () =>
    db
      .selectFrom("mobile_members")
      .innerJoin("members as m", "m.id", "mobile_members.member_id")
      .innerJoin("organizations as oo", "oo.id", "mobile_members.origin_org_id")
      .leftJoin("organizations as dox", "dox.id", "mobile_members.dest_org_id")
      .select([
        "mobile_members.id",
        "mobile_members.status",
        "mobile_members.member_id",
        "m.name as member_name",
        "mobile_members.origin_org_id",
        "oo.name as origin_org_name",
        "oo.path as origin_org_path",
        "mobile_members.dest_org_id",
        "dox.name as dest_org_name",
        "mobile_members.dest_place",
        "mobile_members.reason",
        // The mask only: the contact itself stays encrypted (ENCRYPTED_COLUMNS).
        "mobile_members.contact_masked as contact",
        sql<string>`to_char(mobile_members.left_on, 'YYYY-MM-DD')`.as("left_on"),
        sql<string | null>`to_char(mobile_members.expected_return, 'YYYY-MM-DD')`.as("expected_return"),
        sql<string>`to_char(mobile_members.last_contact_on, 'YYYY-MM-DD')`.as("last_contact_on"),
        "mobile_members.received_at",
        "mobile_members.closed_at",
      ]);

  return {
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<MobileMemberRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectRows().where("mobile_members.id", "in", ids).where(where).execute() as Promise<MobileMemberRow[]>;
    },

    /** One registration, unscoped: inside a command that has authorized the caller already. */
    findById(id: number): Promise<MobileMemberRow | undefined> {
      return selectRows().where("mobile_members.id", "=", id).executeTakeFirst() as Promise<
        MobileMemberRow | undefined
      >;
    },

    /** `cutoff`: the last contact date before which an open registration is out of contact. */
    async list(
      scope: Scope,
      query: MobileMemberListQuery,
      cutoff: string,
    ): Promise<{ items: MobileMemberRow[]; total: number }> {
      let q = db.selectFrom("mobile_members").where(reachSql(scope, mobileReadReach));
      if (query.status) q = q.where("mobile_members.status", "=", query.status);
      if (query.memberId) q = q.where("mobile_members.member_id", "=", query.memberId);
      if (query.outOfContact !== undefined) {
        q = query.outOfContact
          ? q.where("mobile_members.status", "<>", "closed").where("mobile_members.last_contact_on", "<", cutoff)
          : q.where((eb) =>
              eb.or([eb("mobile_members.status", "=", "closed"), eb("mobile_members.last_contact_on", ">=", cutoff)]),
            );
      }
      const ids = q
        .select("mobile_members.id")
        .orderBy("mobile_members.id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [items, total] = await Promise.all([
        selectRows().where("mobile_members.id", "in", ids).orderBy("mobile_members.id", "desc").execute() as Promise<
          MobileMemberRow[]
        >,
        countRows(q),
      ]);
      return { items, total };
    },

    /** Open registrations out of contact within the origin side's reach (the home card). */
    countOutOfContact(where: RawBuilder<SqlBool>, cutoff: string): Promise<number> {
      return countRows(
        db
          .selectFrom("mobile_members")
          .where("mobile_members.status", "<>", "closed")
          .where("mobile_members.last_contact_on", "<", cutoff)
          .where(where),
      );
    },

    async insert(values: {
      member_id: number;
      origin_org_id: number;
      dest_org_id: number | null;
      dest_place: string | null;
      reason: string;
      contact_enc: Uint8Array;
      contact_masked: string;
      left_on: string;
      expected_return: string | null;
      last_contact_on: string;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("mobile_members")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow()
        .catch(openConflict);
      return row.id;
    },

    async lockStatus(id: number): Promise<string> {
      const row = await db
        .selectFrom("mobile_members")
        .select("status")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      return row.status;
    },

    async update(
      id: number,
      values: { status?: string; received_at?: string; closed_at?: string; dest_org_id?: number },
    ) {
      await db.updateTable("mobile_members").set(values).where("id", "=", id).execute();
    },

    /** Moves the last contact date forward (never back: an older activity recorded late changes nothing). */
    async touchContact(id: number, on: string) {
      await db
        .updateTable("mobile_members")
        .set({ last_contact_on: sql`GREATEST(last_contact_on, ${on}::date)` })
        .where("id", "=", id)
        .execute();
    },

    async addActivity(values: {
      mobile_member_id: number;
      org_id: number;
      occurred_on: string;
      description: string;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("mobile_member_activities")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    activities(mobileMemberId: number) {
      return db
        .selectFrom("mobile_member_activities as a")
        .innerJoin("organizations as o", "o.id", "a.org_id")
        .innerJoin("users as u", "u.id", "a.created_by")
        .select([
          "a.id",
          sql<string>`to_char(a.occurred_on, 'YYYY-MM-DD')`.as("occurred_on"),
          "a.description",
          "a.org_id",
          "o.name as org_name",
          "u.display_name",
          "a.created_at",
        ])
        .where("a.mobile_member_id", "=", mobileMemberId)
        .orderBy("a.occurred_on", "desc")
        .orderBy("a.id", "desc")
        .limit(200)
        .execute();
    },
  };
}
