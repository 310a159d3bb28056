import type { ImportListQuery, ImportRowsQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB, ImportRowProblem } from "../../db/schema.ts";

export interface ImportRecord {
  id: number;
  kind: string;
  owner_id: number;
  owner_name: string;
  file_name: string;
  status: string;
  total: number;
  new_count: number;
  changed_count: number;
  unchanged_count: number;
  bad_count: number;
  message: string | null;
  message_params: Record<string, string | number>;
  job_id: string | null;
  created_at: Date;
  committed_at: Date | null;
}

export interface ImportRowWrite {
  row_number: number;
  outcome: string;
  name: string;
  id_number_masked: string;
  org_name: string;
  changes: string[];
  errors: ImportRowProblem[];
}

const ROW_BATCH = 1000;

/** The only SQL of the imports module; every read is by owner. */
export function importsRepository(db: Kysely<DB>) {
  const selectImports = () =>
    db
      .selectFrom("imports")
      .innerJoin("users", "users.id", "imports.owner_id")
      .select([
        "imports.id",
        "imports.kind",
        "imports.owner_id",
        "users.display_name as owner_name",
        "imports.file_name",
        "imports.status",
        "imports.total",
        "imports.new_count",
        "imports.changed_count",
        "imports.unchanged_count",
        "imports.bad_count",
        "imports.message",
        "imports.message_params",
        "imports.job_id",
        "imports.created_at",
        "imports.committed_at",
      ]);

  return {
    async create(values: { kind: string; ownerId: number; fileName: string; fileEnc: Buffer }): Promise<number> {
      const row = await db
        .insertInto("imports")
        .values({ kind: values.kind, owner_id: values.ownerId, file_name: values.fileName, file_enc: values.fileEnc })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findOwn(ownerId: number, id: number): Promise<ImportRecord | undefined> {
      return selectImports()
        .where("imports.id", "=", id)
        .where("imports.owner_id", "=", ownerId)
        .executeTakeFirst() as Promise<ImportRecord | undefined>;
    },

    /** Locks one's own import (a commit and a second commit, or a commit and a validation, wait for each other). */
    async lockOwn(ownerId: number, id: number): Promise<{ id: number; status: string } | undefined> {
      return db
        .selectFrom("imports")
        .select(["id", "status"])
        .where("id", "=", id)
        .where("owner_id", "=", ownerId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Replaces the stored workbook (its personal data) once nothing needs it any more. */
    async forgetFile(id: number, emptyEnc: Buffer): Promise<void> {
      await db.updateTable("imports").set({ file_enc: emptyEnc }).where("id", "=", id).execute();
    },

    /**
     * Forgets the workbooks of imports left uncommitted since `before`. An encrypted empty value is
     * a few dozen bytes and any workbook far more, so the length tells which are still kept.
     */
    async forgetStale(before: Date, emptyEnc: () => Buffer): Promise<number> {
      const stale = await db
        .selectFrom("imports")
        .select("id")
        .where("status", "in", ["validated", "invalid", "failed"])
        .where("created_at", "<", before)
        .where(sql<boolean>`octet_length(file_enc) > 200`)
        .execute();
      for (const { id } of stale) {
        await db.updateTable("imports").set({ file_enc: emptyEnc() }).where("id", "=", id).execute();
      }
      return stale.length;
    },

    async fileOf(id: number): Promise<Uint8Array> {
      return (await db.selectFrom("imports").select("file_enc").where("id", "=", id).executeTakeFirstOrThrow())
        .file_enc;
    },

    async listOwn(ownerId: number, query: ImportListQuery): Promise<{ items: ImportRecord[]; total: number }> {
      let q = selectImports().where("imports.owner_id", "=", ownerId);
      if (query.status) q = q.where("imports.status", "=", query.status);
      const items = (await q
        .orderBy("imports.created_at", "desc")
        .orderBy("imports.id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute()) as ImportRecord[];
      let c = db.selectFrom("imports").where("owner_id", "=", ownerId);
      if (query.status) c = c.where("status", "=", query.status);
      return { items, total: await countRows(c) };
    },

    async setStatus(
      id: number,
      status: string,
      fields: {
        message?: string | null;
        params?: Record<string, string | number>;
        jobId?: string;
        committed?: boolean;
      } = {},
    ): Promise<void> {
      await db
        .updateTable("imports")
        .set({
          status,
          ...(fields.message !== undefined ? { message: fields.message } : {}),
          ...(fields.params ? { message_params: JSON.stringify(fields.params) } : {}),
          ...(fields.jobId ? { job_id: fields.jobId } : {}),
          ...(fields.committed ? { committed_at: sql`now()` } : {}),
        })
        .where("id", "=", id)
        .execute();
    },

    /** Replaces the rows' outcomes and the counts (a validation taken up again starts over). */
    async saveOutcome(
      id: number,
      status: string,
      counts: { total: number; new: number; changed: number; unchanged: number; bad: number },
      rows: readonly ImportRowWrite[],
    ): Promise<void> {
      await db.deleteFrom("import_rows").where("import_id", "=", id).execute();
      for (let i = 0; i < rows.length; i += ROW_BATCH) {
        await db
          .insertInto("import_rows")
          .values(
            rows.slice(i, i + ROW_BATCH).map((r) => ({
              import_id: id,
              row_number: r.row_number,
              outcome: r.outcome,
              name: r.name,
              id_number_masked: r.id_number_masked,
              org_name: r.org_name,
              changes: r.changes,
              errors: JSON.stringify(r.errors),
            })),
          )
          .execute();
      }
      await db
        .updateTable("imports")
        .set({
          status,
          total: counts.total,
          new_count: counts.new,
          changed_count: counts.changed,
          unchanged_count: counts.unchanged,
          bad_count: counts.bad,
          message: null,
          message_params: "{}",
        })
        .where("id", "=", id)
        .execute();
    },

    /** The bad rows' problems, in row order, one page (each row may have several), paged in SQL. */
    async errorsPage(id: number, page: number, pageSize: number) {
      const [items, total] = await Promise.all([
        sql<{ row: number; problem: ImportRowProblem }>`
          SELECT r.row_number AS row, e.value AS problem
          FROM import_rows r CROSS JOIN LATERAL jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
          WHERE r.import_id = ${id} AND r.outcome = 'bad'
          ORDER BY r.row_number, e.n
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
        sql<{ n: number }>`
          SELECT coalesce(sum(jsonb_array_length(errors)), 0)::int AS n
          FROM import_rows WHERE import_id = ${id} AND outcome = 'bad'`.execute(db),
      ]);
      return {
        items: items.rows.map((r) => ({ row: r.row, ...r.problem })),
        total: total.rows[0]?.n ?? 0,
      };
    },

    /** Every bad row's problems by row number (the error workbook). */
    async allErrors(id: number): Promise<Map<number, ImportRowProblem[]>> {
      const rows = await db
        .selectFrom("import_rows")
        .select(["row_number", "errors"])
        .where("import_id", "=", id)
        .where("outcome", "=", "bad")
        .execute();
      return new Map(rows.map((r) => [r.row_number, r.errors]));
    },

    async rows(id: number, query: ImportRowsQuery) {
      let q = db.selectFrom("import_rows").where("import_id", "=", id);
      if (query.only === "errors") q = q.where("outcome", "=", "bad");
      if (query.only === "changes") q = q.where("outcome", "in", ["new", "changed"]);
      const items = await q
        .select(["row_number", "outcome", "name", "id_number_masked", "org_name", "changes", "errors"])
        .orderBy("row_number")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return { items, total: await countRows(q) };
    },
  };
}
