import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { loadDemoIfEmpty } from "./demo/load.ts";
import { createDivisionDirectory } from "./modules/divisions/divisions.ts";
import { defaultSolverPoolOptions } from "./modules/pairing/solve-in-worker.ts";
import { useAuditKey } from "./platform/audit.ts";
import { configuredAuditKey, startAuditChain } from "./platform/audit-chain.ts";
import { cipherFromConfig } from "./platform/crypto.ts";

/**
 * Boot only: environment → database → app → listen. With HUZHU_PROCESSES=N the first process
 * prepares the database (migrations, the audit chain, the demo) and then starts N workers that
 * each run the app on the shared port; a worker that dies is replaced.
 */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const workers = config.processes > 1 && cluster.isPrimary;
  const worker = cluster.isWorker;
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
  });
  const applied = worker ? [] : await migrate(database);
  if (applied.length) console.log(`huzhu: applied migrations ${applied.join(", ")}`);
  // HUZHU_DATA_KEY(_FILE), HUZHU_DATA_KEY_PREVIOUS(_FILE) during a rotation, HUZHU_CIPHER.
  const cipher = cipherFromConfig(config);
  // The audit log's own key (not the personal-data key); records written before the chain
  // existed are sealed into its first link at the first start after the upgrade.
  const auditKeys = useAuditKey(configuredAuditKey(config));
  if (!worker && (await startAuditChain(database.db, auditKeys))) {
    console.log("huzhu: the audit log's tamper-evident chain starts");
  }
  const divisions = createDivisionDirectory();
  if (config.demo && !worker) await loadDemoIfEmpty({ database, cipher, divisions, config });
  if (workers) {
    await database.close();
    startWorkers(config.processes, started);
    return;
  }
  // The embedded database has no background workers, so autovacuum never gathers the planner's
  // statistics: without them a keyword search or a roster count is planned blind (bench/search).
  // Gather them at each start; a PostgreSQL server does it by itself.
  if (!config.databaseUrl) await sql`ANALYZE`.execute(database.db);

  const here = path.dirname(fileURLToPath(import.meta.url));
  const app = await buildApp({
    database,
    cipher,
    divisions,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    sessionsPerUser: config.sessionsPerUser,
    requireSecondFactor: config.requireSecondFactor,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
    solverPool: {
      workers: config.solverWorkers ?? defaultSolverPoolOptions().workers,
      queue: config.solverQueue,
      heapMb: config.solverHeapMb,
    },
    webRoot: path.resolve(here, "../../web/dist"),
  });
  await app.listen({ port: config.port, host: config.host });
  if (worker) {
    process.send?.("ready");
  } else
    console.log(
      `huzhu: listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port} ` +
        `(${database.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** The first process of HUZHU_PROCESSES: starts the workers, replaces one that dies, stops them all. */
function startWorkers(count: number, started: number) {
  let ready = 0;
  let stopping = false;
  const fork = () => {
    const w = cluster.fork();
    w.on("message", (message) => {
      if (message !== "ready") return;
      ready += 1;
      if (ready === count) {
        const config = loadConfig();
        console.log(
          `huzhu: listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port} ` +
            `(PostgreSQL, ${count} processes; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      }
    });
  };
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    console.error(`huzhu: process ${w.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
