import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../apps/server/src/app.ts";
import type { Database } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import { loadDemoIfEmpty } from "../../apps/server/src/demo/load.ts";
import { createDivisionDirectory } from "../../apps/server/src/modules/divisions/divisions.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";

/**
 * The whole app on the demo county (311 organizations, 11,453 members) in a migrated database,
 * every demo account signing in with `password`: what the benchmarks of requests measure.
 * The caller installs the audit key (useAuditKey) first.
 */
export async function demoApp(database: Database, password: string): Promise<FastifyInstance> {
  await migrate(database);
  const cipher = createCipher(crypto.randomBytes(32));
  const divisions = createDivisionDirectory();
  await loadDemoIfEmpty({
    database,
    cipher,
    divisions,
    config: { dataDir: "/tmp", demoPassword: password },
    log: () => {},
  });
  return buildApp({ database, cipher, divisions, sessionIdleMinutes: 30, secureCookies: false, logLevel: "silent" });
}
