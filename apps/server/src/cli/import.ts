import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locale } from "@huzhu/contracts";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { memberHeader } from "../modules/imports/imports.members.ts";
import { importsService } from "../modules/imports/imports.service.ts";
import { orgDirectory } from "../modules/orgs/orgs.service.ts";
import type { Actor } from "../platform/access.ts";
import { useAuditKey } from "../platform/audit.ts";
import { configuredAuditKey } from "../platform/audit-chain.ts";
import { cipherFromConfig } from "../platform/crypto.ts";
import { AppError, presentAppError } from "../platform/errors.ts";
import { translate } from "../platform/i18n.ts";

/**
 * `huzhu import members FILE --org CODE [--commit] [--lang zh-CN|zh-TW|en]` (issue 13): the web
 * import's checks on a workbook of any size, as the keeper of the organization with this
 * division code's roster (its subtree is the jurisdiction: rows outside it are errors), and the
 * same report: counts of new, changed, unchanged and bad rows, then every problem by row and
 * column. With --commit and no bad row, every row is written in one transaction (or none), audited
 * under the operating-system account. Exit 0: clean (and written with --commit); 1: bad rows or a
 * failed commit; 2: bad usage or a file that cannot be read.
 */
const USAGE = "usage: huzhu import members FILE --org CODE [--commit] [--lang zh-CN|zh-TW|en]";

export async function runImportMembers(args: string[], env = process.env): Promise<number> {
  let file: string | undefined;
  let orgCode: string | undefined;
  let commit = false;
  let locale: Locale = "zh-CN";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--org") orgCode = args[++i];
    else if (arg === "--commit") commit = true;
    else if (arg === "--lang") {
      const l = args[++i];
      if (l !== "zh-CN" && l !== "zh-TW" && l !== "en") return fail(`--lang is zh-CN, zh-TW or en (${USAGE})`);
      locale = l;
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg?.startsWith("--")) return fail(`unknown option ${JSON.stringify(arg)} (${USAGE})`);
    else if (file === undefined) file = arg;
    else return fail(`one file at a time (${USAGE})`);
  }
  if (!file) return fail(`which file? (${USAGE})`);
  if (!orgCode) return fail(`--org needs the organization's division code (${USAGE})`);
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    return fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let config: Config;
  let cipher: ReturnType<typeof cipherFromConfig>;
  try {
    config = loadConfig(env);
    cipher = cipherFromConfig(config, { allowGenerate: !config.databaseUrl });
    useAuditKey(configuredAuditKey(config));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof Error) return fail(error.message);
    throw error;
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
  });
  try {
    await migrate(database);
    const [org] = (await orgDirectory(database.db).findByCodesOrNames([orgCode], [])).filter(
      (o) => o.status === "active",
    );
    if (!org) return fail(`no active organization has the division code ${orgCode}`);
    // The keeper of that organization's roster: its subtree is the jurisdiction.
    const actor: Actor = {
      userId: 0,
      username: `cli:${os.userInfo().username}`,
      displayName: `cli:${os.userInfo().username}`,
      memberId: null,
      roles: [{ id: 0, role: "secretary", orgId: org.id, orgName: org.name, orgPath: org.path }],
      sessionId: "cli",
      csrfToken: "",
      ip: null,
      gates: [],
      secondFactor: false,
    };
    const imports = importsService(database.db, cipher, () => new Date(), {
      actorOf: async () => actor,
      maxRows: Number.POSITIVE_INFINITY,
      progressInTransaction: database.kind === "postgres",
    });
    const started = Date.now();
    const parsed = await imports.parseMembers(content, async (done) => {
      if (done % 10_000 === 0) process.stderr.write(`  ${done} rows read\n`);
    });
    const result = await imports.checkParsed(actor, parsed);
    const c = result.counts;
    process.stdout.write(
      `${file} → ${org.name} (${orgCode}): ${c.total} rows, ${c.new} new, ${c.changed} changed, ` +
        `${c.unchanged} unchanged, ${c.bad} bad (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    for (const row of result.rows) {
      for (const p of row.problems) {
        const reason = translate(locale, p.code, p.params ?? {});
        process.stdout.write(`  row ${row.row}, ${memberHeader(p.column)}: ${reason}\n`);
      }
    }
    if (c.bad > 0) return 1;
    if (!commit) {
      process.stdout.write("checked only; run again with --commit to write.\n");
      return 0;
    }
    const written = await imports.commitRows(actor, parsed, { username: actor.username });
    process.stdout.write(
      `committed: ${written.created} added, ${written.updated} updated, ${written.unchanged} unchanged\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`huzhu import members: ${presentAppError(error, locale).error.message}\n`);
      return error.status === 400 ? 2 : 1;
    }
    process.stderr.write(`huzhu import members: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
