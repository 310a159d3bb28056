/**
 * The main reads under load (issue 12): 32 connections with `autocannon` against the whole app
 * (sessions, scope, SQL, serialization) on the demo county, each figure beside a bare Fastify
 * route returning {"hello":"world"} measured in the same run on the same machine, since this
 * machine is shared and its absolute figures move with whatever else runs.
 *
 *   node --import tsx bench/load/run.ts [--db postgres|pglite|both] [--connections 32] [--seconds 10]
 *        [--only members-county] [--profile DIR] [--processes N]   (DIR: the app's CPU profile, for DevTools)
 *
 * Three processes, so that each figure belongs to what it names: the app, the bare route, and this
 * one, which drives autocannon. With --processes N (PostgreSQL) the app is `npm start`'s server
 * with HUZHU_PROCESSES=N instead. PostgreSQL is TEST_DATABASE_URL or the local server, in a throw-away schema.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { openDatabase } from "../../apps/server/src/db/client.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { demoApp } from "../foundation/demo-app.ts";

const here = fileURLToPath(import.meta.url);
export const PASSWORD = "bench-load-password-1";

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
export const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** The bare reference: Fastify and nothing else, in its own process. */
async function bare() {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
}

/** The app on the demo county, as `npm start` builds it (the database given by the parent). */
async function serve() {
  useAuditKey(crypto.randomBytes(32));
  const url = process.env.BENCH_DATABASE_URL;
  const schema = process.env.BENCH_SCHEMA;
  const database = await openDatabase(url ? { url, schema } : {});
  const app = await demoApp(database, PASSWORD);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  process.on("message", async (message: { type: string }) => {
    if (message.type === "exit") {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
}

export function start(
  args: string[],
  env: Record<string, string> = {},
  profileDir?: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(here, args, {
    execArgv: ["--import", "tsx", ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
    child.on("message", (message: { type: string; port: number }) => {
      if (message.type === "ready") resolve({ child, port: message.port });
    });
  });
}

/**
 * The server as `npm start` runs it (apps/server/src/main.ts) with HUZHU_PROCESSES=N on the bench's
 * schema: the first process loads the demo county, then N processes share the port.
 */
async function startMain(n: number, url: string, schema: string): Promise<{ child: ChildProcess; port: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const key = crypto.randomBytes(32).toString("base64");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../apps/server/src/main.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        DATABASE_URL: `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        HUZHU_DATA_KEY: key,
        HUZHU_AUDIT_KEY: crypto.randomBytes(32).toString("base64"),
        HUZHU_DEMO: "true",
        HUZHU_DEMO_PASSWORD: PASSWORD,
        HUZHU_REQUIRE_2FA: "false",
        HUZHU_PROCESSES: String(n),
        PORT: String(port),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`main.ts exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening on")) resolve({ child, port });
    });
  });
}

export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("huzhu_session="));
  return (cookie ?? "").split(";")[0] as string;
}

interface Target {
  name: string;
  user: string;
  path: string;
}
const TARGETS: Target[] = [
  { name: "members-county", user: "coordinator", path: "/api/members?pageSize=20" },
  { name: "members-town", user: "town", path: "/api/members?pageSize=20" },
  { name: "orgs-roots", user: "coordinator", path: "/api/orgs" },
  { name: "me", user: "coordinator", path: "/api/me" },
];

async function drive() {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "both" },
      connections: { type: "string", default: "32" },
      seconds: { type: "string", default: "10" },
      only: { type: "string", multiple: true },
      profile: { type: "string" },
      processes: { type: "string" },
    },
  });
  const connections = Number(values.connections);
  const duration = Number(values.seconds);
  // Given: npm start's server with HUZHU_PROCESSES (PostgreSQL); not given: the app in one process.
  const processes = values.processes === undefined ? 0 : Number(values.processes);
  const targets = values.only ? TARGETS.filter((t) => values.only?.includes(t.name)) : TARGETS;
  const dbs = values.db === "both" ? ["postgres", "pglite"] : [values.db as string];

  const reference = await start(["--bare"]);
  process.on("exit", () => reference.child.kill());
  const bareUrl = `http://127.0.0.1:${reference.port}/`;
  const measure = (url: string, headers?: Record<string, string>) =>
    autocannon({ url, connections, duration, headers });
  console.log(`autocannon: ${connections} connections, ${duration} s each; load ${loadAverage()}`);

  for (const db of dbs) {
    const env: Record<string, string> = {};
    let dropSchema: (() => Promise<void>) | undefined;
    if (db === "postgres") {
      const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
      const schema = `bench_load_${crypto.randomBytes(4).toString("hex")}`;
      const admin = await openDatabase({ url, poolSize: 1 });
      await admin.execScript(`CREATE SCHEMA ${schema}`);
      Object.assign(env, { BENCH_DATABASE_URL: url, BENCH_SCHEMA: schema });
      dropSchema = async () => {
        await admin.execScript(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      };
    }
    const server =
      processes > 0 && db === "postgres"
        ? await startMain(processes, env.BENCH_DATABASE_URL as string, env.BENCH_SCHEMA as string)
        : await start(["--serve"], env, values.profile);
    const base = `http://127.0.0.1:${server.port}`;
    const cookies = new Map<string, string>();
    for (const t of targets) if (!cookies.has(t.user)) cookies.set(t.user, await login(base, t.user));

    console.log(`\n${db === "postgres" ? `PostgreSQL, ${Math.max(processes, 1)} process(es)` : "PGlite, 1 process"}`);
    console.log("| request | req/s | % of bare | p50 | p99 | non-2xx |");
    console.log("|---|---|---|---|---|---|");
    for (const t of targets) {
      // Bare first, then the route: the ratio compares two runs a few seconds apart.
      const ref = await measure(bareUrl);
      const url = `${base}${t.path}`;
      // Warm the JIT and the caches the route relies on before measuring it.
      await autocannon({ url, connections: 4, duration: 2, headers: { cookie: cookies.get(t.user) as string } });
      const r = await measure(url, { cookie: cookies.get(t.user) as string });
      const ratio = (100 * r.requests.average) / ref.requests.average;
      console.log(
        `| ${t.user} ${t.path} | ${r.requests.average.toFixed(0)} | ${ratio.toFixed(1)} % (bare ${ref.requests.average.toFixed(0)}) | ` +
          `${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx + r.errors + r.timeouts} |`,
      );
    }
    server.child.removeAllListeners("exit");
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    if (server.child.connected) server.child.send({ type: "exit" });
    else server.child.kill("SIGTERM");
    await exited;
    await dropSchema?.();
  }
  reference.child.removeAllListeners("exit");
  reference.child.kill();
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}

// Last, so that every declaration above is initialised when the role runs; only when run, not
// when another benchmark imports the pieces above (bench/load/province.ts).
const role = process.argv.includes("--serve") ? "serve" : process.argv.includes("--bare") ? "bare" : "drive";
if (process.argv[1] === here) {
  if (role === "serve") await serve();
  else if (role === "bare") await bare();
  else await drive();
}
