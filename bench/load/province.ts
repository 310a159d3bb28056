/**
 * 广西 at province scale on PostgreSQL (issue 12): how long `huzhu demo load --region 45` takes
 * (≈18,000 organizations, ≈1 million members), then the first roster page at 32 connections as
 * the province's coordinator, a city's and a county's, each beside the bare Fastify route in the
 * same run (bench/load/run.ts's reference, autocannon and real sessions).
 *
 *   node --import tsx bench/load/province.ts [--code 45] [--seconds 10] [--connections 32]
 *        [--city CODE] [--county CODE]   (default: the city and the county with the most members)
 *        [--keep]   (leave the database for EXPLAIN; its name and URL are printed: drop it afterwards)
 *
 * The load is the command itself, run as a child process into a fresh database on the PostgreSQL
 * server of TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432/test), and the app is
 * `npm start`'s server (apps/server/src/main.ts) on it, with the same keys. The database is
 * dropped at the end. Targets: p99 < 100 ms for each roster (bench/README.md).
 */
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "../../apps/server/src/db/client.ts";
import { coordinatorUsername, generateDemoRegion } from "../../apps/server/src/demo/region.ts";
import { autocannon, loadAverage, login, PASSWORD, start } from "./run.ts";

const { values } = parseArgs({
  options: {
    code: { type: "string", default: "45" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    city: { type: "string" },
    county: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const code = values.code as string;
const duration = Number(values.seconds);
const connections = Number(values.connections);

// The city and the county with the most members: the heaviest rosters below the region's own.
const region = generateDemoRegion(code);
const membersUnder = (prefix: string) =>
  region.orgs.reduce((n, o) => n + ((o.divisionCode ?? o.key).startsWith(prefix) ? o.size : 0), 0);
const largest = (level: "city" | "county") =>
  region.orgs
    .filter((o) => o.kind === "committee" && o.key.length === (level === "city" ? 4 : 6) && o.key !== code)
    .map((o) => ({ code: o.key, name: o.name, members: membersUnder(o.key) }))
    .sort((a, b) => b.members - a.members)[0];
const city = values.city ?? largest("city")?.code;
const county = values.county ?? largest("county")?.code;

const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dbName = `huzhu_bench_province_${crypto.randomBytes(4).toString("hex")}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  HUZHU_DATA_KEY: crypto.randomBytes(32).toString("base64"),
  HUZHU_AUDIT_KEY: crypto.randomBytes(32).toString("base64"),
  HUZHU_DEMO: "false",
  HUZHU_DEMO_PASSWORD: PASSWORD,
  HUZHU_REQUIRE_2FA: "false",
  HUZHU_DATA_DIR: `/tmp/${dbName}`,
};
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A statement on the server's maintenance database (CREATE and DROP DATABASE cannot run inside one). */
async function admin(statement: string) {
  const database = await openDatabase({ url: serverUrl, poolSize: 1 });
  try {
    await database.execScript(statement);
  } finally {
    await database.close();
  }
}

function run(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  return new Promise((resolve) => child.once("exit", (status) => resolve(status ?? 1)));
}

/** `npm start`'s server on the loaded database, one process. */
function startMain(): Promise<{ child: ChildProcess; port: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ["--import", "tsx", root("apps/server/src/main.ts")], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", HUZHU_PROCESSES: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (status) => reject(new Error(`main.ts exited with ${status}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening on")) resolve({ child, port });
    });
  });
}

await admin(`CREATE DATABASE ${dbName}`);
let server: { child: ChildProcess; port: number } | undefined;
let reference: { child: ChildProcess; port: number } | undefined;
try {
  console.log(
    `${region.name} (${code}): ${region.orgs.length} organizations, ${region.memberCount} members; load ${loadAverage()}`,
  );
  const t0 = performance.now();
  const status = await run(process.execPath, [root("apps/server/bin/huzhu.mjs"), "demo", "load", "--region", code]);
  const loadSeconds = (performance.now() - t0) / 1000;
  if (status !== 0) throw new Error(`huzhu demo load exited with ${status}`);
  console.log(
    `\nload: ${loadSeconds.toFixed(1)} s (huzhu demo load --region ${code}, migrations and VACUUM ANALYZE included)`,
  );

  reference = await start(["--bare"]);
  server = await startMain();
  const base = `http://127.0.0.1:${server.port}`;
  const bareUrl = `http://127.0.0.1:${reference.port}/`;
  const targets = [
    { who: `region ${code}`, user: coordinatorUsername(code) },
    ...(city ? [{ who: `city ${city}`, user: coordinatorUsername(city) }] : []),
    ...(county ? [{ who: `county ${county}`, user: coordinatorUsername(county) }] : []),
  ];
  console.log(`\nautocannon: ${connections} connections, ${duration} s each; load ${loadAverage()}`);
  console.log("| roster's first page as | members | first request alone | req/s | % of bare | p50 | p99 | non-2xx |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const t of targets) {
    const cookie = await login(base, t.user);
    const url = `${base}/api/members?pageSize=20`;
    // The first page once, alone: it counts the jurisdiction, which later pages reuse (db/count.ts).
    const c0 = performance.now();
    const first = await fetch(url, { headers: { cookie } });
    const total = ((await first.json()) as { total?: number }).total;
    const cold = performance.now() - c0;
    const ref = await autocannon({ url: bareUrl, connections, duration });
    // Warm the JIT and the caches the route relies on before measuring it, as run.ts does.
    await autocannon({ url, connections: 4, duration: 2, headers: { cookie } });
    const r = await autocannon({ url, connections, duration, headers: { cookie } });
    const ratio = (100 * r.requests.average) / ref.requests.average;
    console.log(
      `| ${t.who} (${t.user}) | ${total} | ${cold.toFixed(0)} ms | ${r.requests.average.toFixed(0)} | ${ratio.toFixed(1)} % (bare ${ref.requests.average.toFixed(0)}) | ` +
        `${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx + r.errors + r.timeouts} |`,
    );
  }
} finally {
  for (const p of [server, reference]) {
    if (!p) continue;
    p.child.removeAllListeners("exit");
    const exited = new Promise((resolve) => p.child.once("exit", resolve));
    p.child.kill("SIGTERM");
    await exited;
  }
  if (values.keep) console.log(`\nkept: ${databaseUrl} (DROP DATABASE ${dbName} when done)`);
  else await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
