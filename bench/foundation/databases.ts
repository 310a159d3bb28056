import crypto from "node:crypto";
import { type Database, openDatabase } from "../../apps/server/src/db/client.ts";

/** p-th percentile of already sorted samples. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Runs a benchmark on an in-memory PGlite, then on a throw-away schema of the PostgreSQL server
 * at TEST_DATABASE_URL (or the local postgres://postgres@127.0.0.1:5432/test), saying so when
 * there is none. `only` runs one of the two (a benchmark's --postgres-only or --pglite).
 */
export async function onEachDatabase(
  bench: (label: string, database: Database) => Promise<void>,
  only?: "pglite" | "postgres",
): Promise<void> {
  if (only !== "postgres") {
    const embedded = await openDatabase({});
    try {
      await bench("PGlite", embedded);
    } finally {
      await embedded.close();
    }
  }
  if (only !== "pglite") await onPostgres(bench, only === "postgres");
}

/**
 * Runs a benchmark on a throw-away schema of the PostgreSQL server at TEST_DATABASE_URL (or the
 * local one), dropped afterwards. Without a server it says so and returns, unless `required`.
 */
export async function onPostgres(
  bench: (label: string, database: Database) => Promise<void>,
  required = false,
): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `bench_${crypto.randomBytes(4).toString("hex")}`;
  let admin: Database;
  try {
    admin = await openDatabase({ url, poolSize: 1 });
    await admin.execScript(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    if (required) throw error;
    console.log(`PostgreSQL: skipped (${(error as Error).message})`);
    return;
  }
  const pg = await openDatabase({ url, schema });
  try {
    await bench("PostgreSQL", pg);
  } finally {
    await pg.close();
    await admin.execScript(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}
