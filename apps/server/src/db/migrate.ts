import type { Database } from "./client.ts";
import { migrations } from "./migrations/index.ts";

/**
 * Applies the migrations not yet applied, each in its own transaction. On PostgreSQL an advisory
 * lock makes concurrent starts (several server processes) wait instead of racing.
 */
export async function migrate(database: Database): Promise<string[]> {
  const lockKey = 7_348_101; // arbitrary, constant: "huzhu migrations"
  await database.execScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const lock = database.kind === "postgres" ? `SELECT pg_advisory_xact_lock(${lockKey});` : "";
    // The check and the insert happen inside the transaction that holds the lock, so two
    // processes can never both apply the same migration.
    const script = `
      BEGIN;
      ${lock}
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${migration.name}') THEN
          RAISE EXCEPTION 'huzhu:already-applied';
        END IF;
      END $$;
      ${migration.script};
      INSERT INTO schema_migrations (name) VALUES ('${migration.name}');
      COMMIT;`;
    try {
      await database.execScript(script);
      applied.push(migration.name);
    } catch (error) {
      if (error instanceof Error && error.message.includes("huzhu:already-applied")) continue;
      throw error;
    }
  }
  return applied;
}
