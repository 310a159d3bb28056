import os from "node:os";
import path from "node:path";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { recordAudit, useAuditKey } from "../platform/audit.ts";
import { configuredAuditKey } from "../platform/audit-chain.ts";
import { cipherFromConfig } from "../platform/crypto.ts";
import { keyStatus, rotateKeys } from "../platform/key-rotation.ts";

/**
 * `huzhu keys rotate [--batch N]`: re-encrypts personal data under HUZHU_DATA_KEY (and
 * HUZHU_CIPHER), reading values under HUZHU_DATA_KEY_PREVIOUS; resumable (platform/key-rotation.ts).
 * `huzhu keys status`: how many values are under which key.
 * Keys come from the same variables as the server's (or their _FILE forms).
 */
const USAGE = "usage: huzhu keys rotate [--batch N] | huzhu keys status";

export async function runKeys(command: "rotate" | "status", args: string[], env = process.env): Promise<number> {
  let batchSize = 500;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (command === "rotate" && arg === "--batch") {
      batchSize = Number(args[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1) return fail(`--batch needs a whole number ≥ 1 (${USAGE})`);
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else return fail(`unknown argument ${JSON.stringify(arg)} (${USAGE})`);
  }
  let config: Config;
  let cipher: ReturnType<typeof cipherFromConfig>;
  try {
    config = loadConfig(env);
    // Never a generated key here: rotating to a key nobody has kept would lose the data.
    cipher = cipherFromConfig(config, { allowGenerate: false });
    // A rotation is recorded in the audit log like any change to personal data, so the key the
    // servers use must be at hand before anything is re-encrypted.
    if (command === "rotate") {
      useAuditKey(configuredAuditKey(config));
    }
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    if (error instanceof Error) return fail(error.message);
    throw error;
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
  });
  try {
    await migrate(database);
    const keyName = `${cipher.algorithm}, key ${cipher.header.subarray(1).toString("hex")}`;
    if (command === "status") {
      for (const entry of await keyStatus(database.db, cipher)) {
        const others = Object.entries(entry.other).map(([name, n]) => `${n} under ${name}`);
        process.stdout.write(
          `${entry.column}: ${entry.current} current${others.length ? `, ${others.join(", ")}` : ""}\n`,
        );
      }
      process.stdout.write(`(current: ${keyName})\n`);
      return 0;
    }
    process.stdout.write(`rotating personal data to ${keyName}, ${batchSize} rows per batch\n`);
    const result = await rotateKeys(database.db, cipher, {
      batchSize,
      onBatch: ({ table, lastId, rotated }) =>
        process.stdout.write(`  ${table}: up to id ${lastId}, ${rotated} values re-encrypted\n`),
    });
    // Nobody is signed in at a console: the operating-system account stands for the operator.
    await recordAudit(
      database.db,
      { userId: null, username: `cli:${os.userInfo().username}`, ip: null },
      { action: "keys.rotate", result: "success", detail: { rowCount: result.rotated, kind: cipher.algorithm } },
    );
    process.stdout.write(
      `finished: ${result.rotated} values re-encrypted in ${result.batches} batches; every value is under ${keyName}.\n` +
        "Remove HUZHU_DATA_KEY_PREVIOUS and restart the servers.\n",
    );
    return 0;
  } catch (error) {
    process.stderr.write(`huzhu keys ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write("Run the command again to resume: finished batches are kept.\n");
    return 1;
  } finally {
    await database.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
