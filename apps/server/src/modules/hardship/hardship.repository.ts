import type { HardshipListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, type Reach } from "../../platform/access.ts";

export interface HardshipRow {
  id: number;
  member_id: number;
  member_name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  category: string;
  status: string;
  entries: number;
  created_at: Date;
  closed_at: Date | null;
}

/**
 * Who reaches a hardship case (issue 11): the organization that keeps it and those above, named by
 * id (`party`); the policy's rule narrows that to the keeper's secretary and the coordinators above.
 */
export const hardshipReach: Reach = [{ kind: "party", column: "hardship_cases.org_id" }];

/** Where the caller keeps cases: coordinators' subtrees and the organizations where they are secretary. */
export interface Keepers {
  coordinatorPaths: readonly string[];
  secretaryOrgIds: readonly number[];
}

function keptBy(keepers: Keepers): RawBuilder<SqlBool> {
  const parts = [
    ...keepers.coordinatorPaths.map((p) => sql<SqlBool>`o.path LIKE ${likePrefix(p)}`),
    ...(keepers.secretaryOrgIds.length
      ? [sql<SqlBool>`hardship_cases.org_id = ANY(${[...keepers.secretaryOrgIds]}::int[])`]
      : []),
  ];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`false`;
}

/** The only SQL of hardship cases. Details and notes stay ciphertext here; the service decrypts. */
export function hardshipRepository(db: Kysely<DB>) {
  const select = () =>
    db
      .selectFrom("hardship_cases")
      .innerJoin("members as m", "m.id", "hardship_cases.member_id")
      .innerJoin("organizations as o", "o.id", "hardship_cases.org_id")
      .select([
        "hardship_cases.id",
        "hardship_cases.member_id",
        "m.name as member_name",
        "hardship_cases.org_id",
        "o.name as org_name",
        "o.path as org_path",
        "hardship_cases.category",
        "hardship_cases.status",
        "hardship_cases.created_at",
        "hardship_cases.closed_at",
        sql<number>`(SELECT count(*)::int FROM hardship_entries e WHERE e.case_id = hardship_cases.id)`.as("entries"),
      ]);

  return {
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<HardshipRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return select()
        .where(where)
        .where("hardship_cases.id", "in", [...ids])
        .execute();
    },

    async list(where: RawBuilder<SqlBool>, keepers: Keepers, query: HardshipListQuery) {
      let q = select().where(where).where(keptBy(keepers));
      if (query.status) q = q.where("hardship_cases.status", "=", query.status);
      if (query.category) q = q.where("hardship_cases.category", "=", query.category);
      const [items, total] = await Promise.all([
        q
          .orderBy("hardship_cases.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total };
    },

    async insert(values: {
      member_id: number;
      org_id: number;
      category: string;
      details_enc: Uint8Array;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("hardship_cases").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async details(id: number): Promise<Uint8Array> {
      const row = await db
        .selectFrom("hardship_cases")
        .select("details_enc")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return row.details_enc;
    },

    entries(caseId: number) {
      return db
        .selectFrom("hardship_entries as e")
        .innerJoin("users as u", "u.id", "e.created_by")
        .select([
          "e.id",
          "e.kind",
          sql<string>`to_char(e.occurred_on, 'YYYY-MM-DD')`.as("occurred_on"),
          "e.note_enc",
          "e.given_by",
          "e.value_fen",
          "u.display_name",
          "e.created_at",
        ])
        .where("e.case_id", "=", caseId)
        .orderBy("e.occurred_on")
        .orderBy("e.id")
        .execute();
    },

    async addEntry(values: {
      case_id: number;
      kind: string;
      occurred_on: string;
      note_enc: Uint8Array;
      given_by: string | null;
      value_fen: number | null;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("hardship_entries").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    /** Locks the case and answers its status (a close raced with an entry). */
    async lockStatus(id: number): Promise<string | undefined> {
      const row = await db
        .selectFrom("hardship_cases")
        .select("status")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      return row?.status;
    },

    async close(id: number) {
      await db
        .updateTable("hardship_cases")
        .set({ status: "closed", closed_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /** Open cases the caller keeps (the home page). */
    async countOpen(where: RawBuilder<SqlBool>, keepers: Keepers): Promise<number> {
      return countRows(select().where(where).where(keptBy(keepers)).where("hardship_cases.status", "=", "open"));
    },
  };
}
