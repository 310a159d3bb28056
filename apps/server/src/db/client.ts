import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { DB } from "./schema.ts";

/**
 * One PostgreSQL dialect everywhere: PGlite (embedded, a folder on disk or memory) by default,
 * a PostgreSQL server when a URL is given. Code above this file cannot tell them apart.
 */
export interface Database {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations) on one connection; no parameters. A failed script is rolled back. */
  execScript(script: string): Promise<void>;
  /** Cheap liveness check for /healthz. */
  ping(): Promise<void>;
  /**
   * Listens to NOTIFY on a channel (notifications, job progress). NOTIFY is delivered at commit,
   * so a listener never hears of a change that was rolled back; on a PostgreSQL server every
   * process hears every other. Answers a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const DATE_OID = 1082;

// A SQL `date` is a calendar day, not an instant: keep it as the 'YYYY-MM-DD' text the database
// sent rather than a JS Date shifted by the server's time zone.
pg.types.setTypeParser(DATE_OID, (v: string) => v);

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent means in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  schema?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.schema, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // The folder holds names and organization data in the clear (only ID numbers and phones are
  // encrypted): readable by the server's user alone.
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  const client = await PGlite.create(dataDir ?? "memory://", {
    parsers: { [DATE_OID]: (v: string) => v },
    // The bookings' exclusion constraint (migration 0014) needs btree_gist's operator classes.
    extensions: { btree_gist },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    kind: "pglite",
    db,
    execScript: async (script) => {
      try {
        await client.exec(script);
      } catch (error) {
        // A script that opened a transaction and failed must not leave the single connection aborted.
        await client.exec("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    ping: async () => {
      await client.query("SELECT 1");
    },
    listen: async (channel, onPayload) => client.listen(channel, onPayload),
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<Database> {
  // jit off: the planner cannot estimate a reach condition (an OR of relations), over-estimates
  // the rows and crosses the JIT thresholds, so a 20-row page spent 150–300 ms compiling itself
  // (bench/needs-hall). Our queries are short index scans; JIT never pays for itself here.
  // Options given in the URL (`?options=-c …`) would replace these rather than add to them — and
  // losing search_path puts a test's or a benchmark's tables in `public` — so they are merged.
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get("options");
  parsed.searchParams.delete("options");
  const options = [fromUrl ?? "", "-c jit=off", ...(schema ? [`-c search_path=${schema}`] : [])].join(" ").trim();
  const pool = new pg.Pool({ connectionString: parsed.toString(), max, options });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    execScript: async (script) => {
      const connection = await pool.connect();
      try {
        await connection.query(script);
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    ping: async () => {
      await pool.query("SELECT 1");
    },
    listen: async (channel, onPayload) => {
      // A dedicated connection: LISTEN belongs to a session, which a pooled client is not.
      const listener = new pg.Client({ connectionString: parsed.toString(), options });
      listener.on("error", () => {});
      await listener.connect();
      listener.on("notification", (message) => {
        if (message.channel === channel) onPayload(message.payload ?? "");
      });
      await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await listener.end().catch(() => {});
      };
    },
    close: async () => {
      await db.destroy();
    },
  };
}
