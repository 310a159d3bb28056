import path from "node:path";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { auditChainKeys, loadAuditKey, verifyAuditChain } from "../platform/audit-chain.ts";

/**
 * `huzhu audit verify`: walks the whole audit log in batches and checks every link of its MAC
 * chain. Exit 0 with the count when sound; 1 naming the first record found changed, removed,
 * reordered or cut off; 2 for a configuration problem (no key: verifying needs the audit key, and
 * never generates one). With the embedded database, stop the server first (one process at a time).
 */
export async function runAuditVerify(args: string[]): Promise<number> {
  const batch = args.indexOf("--batch-size");
  const batchSize = batch >= 0 ? Number(args[batch + 1]) : 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || args.some((a, i) => a !== "--batch-size" && i !== batch + 1)) {
    process.stderr.write("usage: huzhu audit verify [--batch-size N]\n");
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  let secret: Buffer;
  try {
    config = loadConfig();
    secret = loadAuditKey({
      auditKey: config.auditKey,
      auditKeyFile: config.auditKeyFile,
      dataDir: config.dataDir,
      allowGenerate: false,
    });
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && /audit key/.test(error.message))) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
  });
  try {
    const report = await verifyAuditChain(database.db, auditChainKeys(secret), batchSize);
    const legacy =
      report.legacy === 0
        ? ""
        : report.legacySealed
          ? `; ${report.legacy} earlier records sealed by the chain's first link`
          : `; ${report.legacy} earlier records not chained (written before the chain; sealed at the server's next start)`;
    if (report.ok) {
      // The last id and the head's MAC are the anchor to keep elsewhere: a later run that shows an
      // earlier head means records were cut off the end and the head rewound to a copied state.
      const anchor = report.lastId ? `; last record ${report.lastId}, head ${report.headMac ?? ""}` : "";
      process.stdout.write(`audit log sound: ${report.chained} chained records verified${legacy}${anchor}\n`);
      return 0;
    }
    process.stderr.write(
      `audit log NOT sound: first bad record ${report.firstBadId ?? "(none)"}: ${report.problem ?? ""}\n` +
        `(${report.chained} records verified before it${legacy})\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
}
