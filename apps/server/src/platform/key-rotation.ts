import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { ENCRYPTED_COLUMNS, type EncryptedColumn, type PersonalDataCipher } from "./crypto.ts";

/**
 * `huzhu keys rotate`: re-encrypts every column of ENCRYPTED_COLUMNS (platform/crypto.ts) under
 * the current key and algorithm, and recomputes the blind indexes beside them.
 *
 * The protocol, for the operator (docs/operations.md):
 * 1. Restart every server with HUZHU_DATA_KEY = the new key and HUZHU_DATA_KEY_PREVIOUS = the old
 *    one (and HUZHU_CIPHER = the algorithm wanted). From then on servers write only under the new
 *    key, read under both, and look rows up under both keys' blind indexes, so search and the
 *    ID-number uniqueness check hold on a half-rotated table.
 * 2. Run `huzhu keys rotate` with the same variables. It walks each table by id in batches, one
 *    transaction per batch (rows locked, so an edit at the same moment waits instead of being
 *    overwritten), and records the last id of each committed batch in `key_rotation`. Stopped at
 *    any point, it resumes from there; a value's header (layout version + key id) says whether it
 *    is already done, so nothing is encrypted twice and nothing is skipped.
 * 3. At the end of a table it counts what is still under another key (values written by a server
 *    not yet restarted): if any, it walks the table again; after three passes it stops with an
 *    error rather than loop for ever.
 * 4. When it reports "finished", remove HUZHU_DATA_KEY_PREVIOUS and restart the servers. The old
 *    key opens nothing any more (keep it with the backups made before the rotation).
 */
export interface RotateOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches (a bounded step; run again to go on). */
  stopAfterBatches?: number;
  /** Called after each committed batch. */
  onBatch?: (progress: { table: string; lastId: number; rotated: number }) => void;
}

export interface RotateResult {
  finished: boolean;
  batches: number;
  /** Values re-encrypted by this run. */
  rotated: number;
}

const MAX_PASSES = 3;

function tablesOf(columns: readonly EncryptedColumn[]): Map<string, EncryptedColumn[]> {
  const byTable = new Map<string, EncryptedColumn[]>();
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  return byTable;
}

/** Rows of `table` holding a value not under the target header: what is left to do. */
function staleCondition(columns: readonly EncryptedColumn[], target: Buffer): RawBuilder<unknown> {
  return sql.join(
    columns.map(
      (c) =>
        sql`(${sql.ref(c.column)} IS NOT NULL AND substring(${sql.ref(c.column)} from 1 for ${target.length}) <> ${target})`,
    ),
    sql` OR `,
  );
}

export async function rotateKeys(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  options: RotateOptions = {},
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
): Promise<RotateResult> {
  const batchSize = options.batchSize ?? 500;
  const target = cipher.header;
  let batches = 0;
  let rotated = 0;

  for (const [table, tableColumns] of tablesOf(columns)) {
    await db
      .insertInto("key_rotation")
      .values({ target, table_name: table })
      .onConflict((oc) => oc.columns(["target", "table_name"]).doNothing())
      .execute();
    let passes = 0;
    for (;;) {
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        return { finished: false, batches, rotated };
      }
      const step = await db.transaction().execute(async (trx) => {
        // Locks the progress row: a second `keys rotate` at the same time waits its turn.
        const progress = await trx
          .selectFrom("key_rotation")
          .select([sql<string>`last_id::text`.as("last_id"), "finished_at"])
          .where("target", "=", target)
          .where("table_name", "=", table)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const lastId = Number(progress.last_id);
        const rows = await sql<Record<string, unknown> & { id: number }>`
          SELECT id, ${sql.join(tableColumns.map((c) => sql.ref(c.column)))}
          FROM ${sql.table(table)}
          WHERE id > ${lastId} ${progress.finished_at ? sql`AND false` : sql``}
          ORDER BY id LIMIT ${batchSize} FOR UPDATE`.execute(trx);
        if (rows.rows.length === 0) {
          // End of the table (or finished before): is anything still under another key?
          const left = await sql<{ n: string }>`
            SELECT count(*)::text AS n FROM ${sql.table(table)} WHERE ${staleCondition(tableColumns, target)}`.execute(
            trx,
          );
          const stale = Number(left.rows[0]?.n ?? 0);
          await trx
            .updateTable("key_rotation")
            .set(
              stale === 0
                ? { finished_at: progress.finished_at ?? new Date(), updated_at: new Date() }
                : { last_id: 0, finished_at: null, updated_at: new Date() },
            )
            .where("target", "=", target)
            .where("table_name", "=", table)
            .execute();
          return { done: stale === 0, stale, count: 0, lastId };
        }
        let count = 0;
        for (const row of rows.rows) {
          const assignments: RawBuilder<unknown>[] = [];
          for (const c of tableColumns) {
            const value = row[c.column];
            if (!(value instanceof Uint8Array) || cipher.isCurrent(value)) continue;
            const plain = cipher.decrypt(value);
            assignments.push(sql`${sql.ref(c.column)} = ${cipher.encrypt(plain)}`);
            if (c.blindIndex) assignments.push(sql`${sql.ref(c.blindIndex)} = ${cipher.blindIndex(plain)}`);
            count += 1;
          }
          if (assignments.length) {
            await sql`UPDATE ${sql.table(table)} SET ${sql.join(assignments)} WHERE id = ${row.id}`.execute(trx);
          }
        }
        const newLast = Number(rows.rows.at(-1)?.id);
        await trx
          .updateTable("key_rotation")
          .set({
            last_id: newLast,
            values_rotated: sql`values_rotated + ${count}`,
            updated_at: new Date(),
          })
          .where("target", "=", target)
          .where("table_name", "=", table)
          .execute();
        return { done: false, stale: 0, count, lastId: newLast };
      });
      if (step.done) break;
      if (step.stale > 0) {
        passes += 1;
        if (passes >= MAX_PASSES) {
          throw new Error(
            `${table}: ${step.stale} values are still being written under another key after ${MAX_PASSES} passes; ` +
              "restart every server with the new HUZHU_DATA_KEY (and HUZHU_DATA_KEY_PREVIOUS) first",
          );
        }
        continue;
      }
      batches += 1;
      rotated += step.count;
      options.onBatch?.({ table, lastId: step.lastId, rotated: step.count });
    }
  }
  return { finished: true, batches, rotated };
}

/**
 * How many values of each encrypted column are under the current header, and how many under
 * each other one (`huzhu keys status`): what a rotation has left, and proof that it is done.
 */
export async function keyStatus(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
): Promise<Array<{ column: string; current: number; other: Record<string, number> }>> {
  const out: Array<{ column: string; current: number; other: Record<string, number> }> = [];
  for (const c of columns) {
    const rows = await sql<{ header: Uint8Array; n: string }>`
      SELECT substring(${sql.ref(c.column)} from 1 for ${cipher.header.length}) AS header, count(*)::text AS n
      FROM ${sql.table(c.table)} WHERE ${sql.ref(c.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(db);
    const entry = { column: `${c.table}.${c.column}`, current: 0, other: {} as Record<string, number> };
    for (const r of rows.rows) {
      const header = Buffer.from(r.header);
      if (header.equals(cipher.header)) entry.current += Number(r.n);
      else {
        // Version 1 values carry no key id: their next bytes are a random nonce.
        const name = header[0] === 1 ? "v1 (no key id)" : `v${header[0]} key ${header.subarray(1).toString("hex")}`;
        entry.other[name] = (entry.other[name] ?? 0) + Number(r.n);
      }
    }
    out.push(entry);
  }
  return out;
}
