import { Kysely, PostgresAdapter, PostgresQueryCompiler, sql } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";

export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * A Kysely that records what it would send instead of sending it (every query answers one row
 * `{ n: 0 }`), so that a module's own repository builds the SQL a benchmark then EXPLAINs.
 */
export function recordingKysely(): { db: Kysely<never>; seen: RecordedQuery[] } {
  const seen: RecordedQuery[] = [];
  const db = new Kysely<never>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => ({
          executeQuery: async (c: RecordedQuery) => {
            seen.push({ sql: c.sql, parameters: c.parameters });
            return { rows: [{ n: 0 }] } as never;
          },
          streamQuery: () => {
            throw new Error("not streamed");
          },
        }),
        beginTransaction: async () => {},
        commitTransaction: async () => {},
        rollbackTransaction: async () => {},
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
      createIntrospector: () => ({}) as never,
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, seen };
}

/** The statement with its parameters written in, for EXPLAIN. */
export function inline(c: RecordedQuery): string {
  return c.sql.replace(/\$(\d+)/g, (_, i) => {
    const v = c.parameters[Number(i) - 1];
    if (typeof v === "number") return String(v);
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v))
      return `ARRAY[${v.map((x) => (typeof x === "number" ? x : `'${String(x).replaceAll("'", "''")}'`)).join(",")}]`;
    return `'${String(v).replaceAll("'", "''")}'`;
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of a recorded query, as text. */
export async function explainAnalyze(database: Database, query: RecordedQuery): Promise<string> {
  const plan = await sql<{ "QUERY PLAN": string }>`EXPLAIN (ANALYZE, BUFFERS) ${sql.raw(inline(query))}`.execute(
    database.db,
  );
  return plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
}
