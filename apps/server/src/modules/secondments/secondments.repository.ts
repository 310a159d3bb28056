import type { SecondmentListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import type { Reach } from "../../platform/access.ts";

export interface SecondmentRow {
  id: number;
  kind: string;
  member_id: number;
  member_name: string;
  home_org_id: number;
  home_org_name: string;
  home_org_path: string;
  host_org_id: number;
  host_org_name: string;
  host_org_path: string;
  starts_on: string;
  ends_on: string;
  plan: string;
  home_rating: number | null;
  home_comment: string | null;
  home_by_name: string | null;
  home_at: Date | null;
  host_rating: number | null;
  host_comment: string | null;
  host_by_name: string | null;
  host_at: Date | null;
  created_at: Date;
}

/** Either side (each organization and those above) and the cadre themself reach a secondment. */
export const secondmentReach: Reach = [
  { kind: "party", column: "secondments.home_org_id" },
  { kind: "party", column: "secondments.host_org_id" },
  { kind: "selfMember", column: "secondments.member_id" },
];
/** Logging and evaluating: either side. */
export const sidesReach: Reach = [
  { kind: "party", column: "secondments.home_org_id" },
  { kind: "party", column: "secondments.host_org_id" },
];

/** The only SQL of secondments. */
export function secondmentsRepository(db: Kysely<DB>) {
  const select = () =>
    db
      .selectFrom("secondments")
      .innerJoin("members as m", "m.id", "secondments.member_id")
      .innerJoin("organizations as ho", "ho.id", "secondments.home_org_id")
      .innerJoin("organizations as hs", "hs.id", "secondments.host_org_id")
      .leftJoin("users as hb", "hb.id", "secondments.home_by")
      .leftJoin("users as sb", "sb.id", "secondments.host_by")
      .select([
        "secondments.id",
        "secondments.kind",
        "secondments.member_id",
        "m.name as member_name",
        "secondments.home_org_id",
        "ho.name as home_org_name",
        "ho.path as home_org_path",
        "secondments.host_org_id",
        "hs.name as host_org_name",
        "hs.path as host_org_path",
        sql<string>`to_char(secondments.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
        sql<string>`to_char(secondments.ends_on, 'YYYY-MM-DD')`.as("ends_on"),
        "secondments.plan",
        "secondments.home_rating",
        "secondments.home_comment",
        "hb.display_name as home_by_name",
        "secondments.home_at",
        "secondments.host_rating",
        "secondments.host_comment",
        "sb.display_name as host_by_name",
        "secondments.host_at",
        "secondments.created_at",
      ]);
  return {
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<SecondmentRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return select()
        .where(where)
        .where("secondments.id", "in", [...ids])
        .execute();
    },
    async list(where: RawBuilder<SqlBool>, query: SecondmentListQuery) {
      let q = select().where(where);
      if (query.kind) q = q.where("secondments.kind", "=", query.kind);
      const [items, total] = await Promise.all([
        q
          .orderBy("secondments.starts_on", "desc")
          .orderBy("secondments.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total };
    },
    async insert(values: {
      member_id: number;
      home_org_id: number;
      host_org_id: number;
      kind: string;
      starts_on: string;
      ends_on: string;
      plan: string;
      created_by: number;
    }) {
      return (await db.insertInto("secondments").values(values).returning("id").executeTakeFirstOrThrow()).id;
    },
    logs(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("secondment_logs as l")
        .innerJoin("users as u", "u.id", "l.created_by")
        .select([
          "l.id",
          "l.secondment_id",
          sql<string>`to_char(l.logged_on, 'YYYY-MM-DD')`.as("logged_on"),
          "l.content",
          "u.display_name",
        ])
        .where("l.secondment_id", "in", [...ids])
        .orderBy("l.logged_on", "desc")
        .orderBy("l.id", "desc")
        .execute();
    },
    async addLog(values: { secondment_id: number; logged_on: string; content: string; created_by: number }) {
      await db.insertInto("secondment_logs").values(values).execute();
    },
    /** Writes one side's evaluation unless that side has one (answers false then). */
    async evaluate(id: number, side: "home" | "host", rating: number, comment: string, by: number): Promise<boolean> {
      const set =
        side === "home"
          ? { home_rating: rating, home_comment: comment, home_by: by, home_at: sql<Date>`now()` }
          : { host_rating: rating, host_comment: comment, host_by: by, host_at: sql<Date>`now()` };
      const result = await db
        .updateTable("secondments")
        .set(set)
        .where("id", "=", id)
        .where(side === "home" ? "home_rating" : "host_rating", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
