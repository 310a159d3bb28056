/**
 * Heavy requests against a running server (issue 6, hole 6): parallel pairing solves of the
 * format's largest problem (~108 MB of JSON) and parallel roster exports, while a probe measures
 * `GET /api/me` and the server's peak RSS.
 *
 *   node --import tsx bench/heavy/server-load.ts [--solves 8] [--exports 20] [--probe-ms 50] [--verbose]
 *        [--only "coordinators"] [--profile /tmp/prof]
 *
 * Three processes, so that each figure belongs to what it names: the server (the demo county 武平县
 * on the embedded database, the solver pool at its defaults), the probe (`GET /api/me` as
 * `leader`, one request every --probe-ms), and this one, which sends the load (its own event loop
 * is busy pushing 125 MB bodies, which must not delay the probe). Eight extra coordinator accounts
 * let the solves come from different users; with one user, the one-heavy-request rule answers all
 * but one with 429 at once.
 */
import { fork } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const PASSWORD = "bench-heavy-password-1";
const here = fileURLToPath(import.meta.url);

type ToServer = { type: "reset" } | { type: "stats" } | { type: "exit" };
type ToProbe =
  | { type: "bare"; count: number }
  | { type: "start"; everyMs: number }
  | { type: "stop" }
  | { type: "exit" };
type FromProbe = { type: "ready" } | { type: "latencies"; ms: number[] };
type FromServer =
  | { type: "ready"; port: number; solverWorkers: number; solverQueue: number; solverHeapMb: number }
  | { type: "stats"; rssMaxMB: number; loopDelayMaxMs: number; blocks: Array<{ at: number; ms: number }> };

if (process.argv.includes("--serve")) await serve();
else if (process.argv.includes("--probe")) await probe();
else await drive();

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The probe: `GET /api/me` in a loop, in a process that does nothing else. */
async function probe() {
  const base = process.argv[process.argv.indexOf("--probe") + 1] ?? "";
  const session = await login(base, "leader");
  const me = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/me`, { headers: { cookie: session.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/me: ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 30; i++) await me(); // warm up
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let latencies: number[] = [];
  const send = (m: FromProbe) => process.send?.(m);
  process.on("message", async (m: ToProbe) => {
    if (m.type === "exit") process.exit(0);
    if (m.type === "bare") {
      const ms: number[] = [];
      for (let i = 0; i < m.count; i++) ms.push(await me());
      send({ type: "latencies", ms });
    } else if (m.type === "start") {
      latencies = [];
      running = true;
      loop = (async () => {
        while (running) {
          latencies.push(await me());
          await new Promise((r) => setTimeout(r, m.everyMs));
        }
      })();
    } else {
      running = false;
      await loop;
      send({ type: "latencies", ms: latencies });
    }
  });
  send({ type: "ready" });
}

/** The child: the whole app on PGlite with the demo county, listening on a free port. */
async function serve() {
  const crypto = await import("node:crypto");
  const { buildApp } = await import("../../apps/server/src/app.ts");
  const { openDatabase } = await import("../../apps/server/src/db/client.ts");
  const { migrate } = await import("../../apps/server/src/db/migrate.ts");
  const { loadDemoIfEmpty } = await import("../../apps/server/src/demo/load.ts");
  const { createDivisionDirectory } = await import("../../apps/server/src/modules/divisions/divisions.ts");
  const { defaultSolverPoolOptions } = await import("../../apps/server/src/modules/pairing/solve-in-worker.ts");
  const { createCipher } = await import("../../apps/server/src/platform/crypto.ts");
  const { useAuditKey } = await import("../../apps/server/src/platform/audit.ts");
  const { hashPassword } = await import("../../apps/server/src/platform/passwords.ts");

  useAuditKey(crypto.randomBytes(32));
  const database = await openDatabase({});
  await migrate(database);
  const cipher = createCipher(crypto.randomBytes(32));
  const divisions = createDivisionDirectory();
  await loadDemoIfEmpty({
    database,
    cipher,
    divisions,
    config: { dataDir: "/tmp", demoPassword: PASSWORD },
    log: () => {},
  });
  const county = await database.db
    .selectFrom("organizations")
    .select("id")
    .where("parent_id", "is", null)
    .executeTakeFirstOrThrow();
  const hash = await hashPassword(PASSWORD);
  for (let i = 1; i <= 8; i++) {
    const user = await database.db
      .insertInto("users")
      .values({ username: `bench${i}`, display_name: `bench ${i}`, password_hash: hash, member_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("role_assignments")
      .values({ user_id: user.id, role: "coordinator", org_id: county.id })
      .execute();
  }
  const pool = defaultSolverPoolOptions();
  const app = await buildApp({
    database,
    cipher,
    divisions,
    sessionIdleMinutes: 30,
    secureCookies: false,
    logLevel: "silent",
    solverPool: pool,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  let rssMax = 0;
  const sample = () => {
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
  };
  // Reading the RSS is a system call: often enough to see the peak, rarely enough to cost nothing.
  setInterval(sample, 200).unref();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // When the loop stood still for long, to line the pauses up with what the load was doing.
  let blocks: Array<{ at: number; ms: number }> = [];
  let lastTick = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - lastTick > 250) blocks.push({ at: performance.timeOrigin + lastTick, ms: now - lastTick });
    lastTick = now;
  }, 10).unref();
  process.on("message", (message: ToServer) => {
    sample();
    // A normal exit, so that --cpu-prof writes its profile.
    if (message.type === "exit") process.exit(0);
    if (message.type === "reset") {
      rssMax = process.memoryUsage.rss();
      loop.reset();
      blocks = [];
      return;
    }
    const reply: FromServer = {
      type: "stats",
      rssMaxMB: rssMax / 2 ** 20,
      loopDelayMaxMs: loop.max / 1e6,
      blocks,
    };
    process.send?.(reply);
  });
  const ready: FromServer = {
    type: "ready",
    port,
    solverWorkers: pool.workers,
    solverQueue: pool.queue,
    solverHeapMb: pool.heapMb,
  };
  process.send?.(ready);
}

/** The parent: the client and the probe. */
async function drive() {
  const { values: args } = parseArgs({
    options: {
      solves: { type: "string", default: "8" },
      exports: { type: "string", default: "20" },
      "probe-ms": { type: "string", default: "50" },
      verbose: { type: "boolean", default: false },
      only: { type: "string" },
      profile: { type: "string" },
      serve: { type: "boolean", default: false },
    },
  });
  const solves = Number(args.solves);
  const exportsCount = Number(args.exports);
  const probeMs = Number(args["probe-ms"]);
  const verbose = args.verbose ?? false;

  // --profile DIR: the server's main thread is profiled (--cpu-prof) into DIR.
  const profile = args.profile ? ["--cpu-prof", `--cpu-prof-dir=${args.profile}`] : [];
  const child = fork(here, ["--serve"], { execArgv: ["--import", "tsx", ...profile], stdio: "inherit" });
  const messages: Array<(m: FromServer) => void> = [];
  child.on("message", (m: FromServer) => messages.shift()?.(m));
  const next = () => new Promise<FromServer>((resolve) => messages.push(resolve));
  const ready = await next();
  if (ready.type !== "ready") throw new Error("server did not start");
  const base = `http://127.0.0.1:${ready.port}`;
  const stats = async () => {
    const reply = next();
    child.send({ type: "stats" } satisfies ToServer);
    const m = await reply;
    if (m.type !== "stats") throw new Error("unexpected message");
    return m;
  };

  type Session = Awaited<ReturnType<typeof login>>;
  const prober = fork(here, ["--probe", base], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const fromProbe: Array<(m: FromProbe) => void> = [];
  prober.on("message", (m: FromProbe) => fromProbe.shift()?.(m));
  const probeSays = () => new Promise<FromProbe>((resolve) => fromProbe.push(resolve));
  const probeReady = probeSays();
  await probeReady;
  const askProbe = async (m: ToProbe) => {
    const reply = probeSays();
    prober.send(m);
    const answer = await reply;
    return answer.type === "latencies" ? answer.ms : [];
  };
  const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  };

  // The bare route: the reference for every ratio below.
  const bare = await askProbe({ type: "bare", count: 200 });
  const bareP50 = quantile(bare, 0.5);
  const bareP95 = quantile(bare, 0.95);

  /** Runs the load while probing /api/me every probeMs; returns the probe's figures and the server's. */
  async function underLoad(label: string, load: () => Promise<number[]>) {
    if (args.only && !label.includes(args.only)) return;
    child.send({ type: "reset" } satisfies ToServer);
    prober.send({ type: "start", everyMs: probeMs } satisfies ToProbe);
    const t0 = performance.now();
    const startedAt = performance.timeOrigin + t0;
    const statuses = await load();
    const seconds = (performance.now() - t0) / 1000;
    const probes = await askProbe({ type: "stop" });
    const server = await stats();
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    const p50 = quantile(probes, 0.5);
    const p95 = quantile(probes, 0.95);
    const max = Math.max(...probes);
    console.log(
      `| ${label} | ${[...counts].map(([s, n]) => `${n}× ${s}`).join(", ")} | ${seconds.toFixed(1)} s | ` +
        `${p50.toFixed(1)} ms (${(p50 / bareP50).toFixed(1)}×) | ${p95.toFixed(1)} ms (${(p95 / bareP95).toFixed(1)}×) | ` +
        `${max.toFixed(0)} ms | ${server.loopDelayMaxMs.toFixed(0)} ms | ${server.rssMaxMB.toFixed(0)} MB |`,
    );
    if (verbose && server.blocks.length) {
      const list = server.blocks.map((b) => `${((b.at - startedAt) / 1000).toFixed(1)} s: ${b.ms.toFixed(0)} ms`);
      console.error(`  event loop stood still at ${list.join(", ")}`);
    }
  }

  // The format's largest problem, as in bench/pairing/max-size.ts: ~108 MB of JSON.
  const { mulberry32 } = await import("../pairing/generate.ts");
  const random = mulberry32(2_000_000);
  const recipients = 200_000;
  const helpers = 500_000;
  const parts: string[] = [];
  for (let r = 0; r < recipients; r++) {
    const used = new Set<number>();
    const home = Math.floor((r / recipients) * helpers);
    while (used.size < 10) {
      const h = (home + Math.floor((random() - 0.5) * 2000) + helpers) % helpers;
      if (used.has(h)) continue;
      used.add(h);
      parts.push(`{"helper":"h${h}","recipient":"r${r}","score":${Math.floor(random() * 10001)}}`);
    }
  }
  const problem = Buffer.from(
    `{"format":"huzhu.pairing.v1","recipients":[${Array.from(
      { length: recipients },
      (_, r) => `{"id":"r${r}","demand":${random() < 0.15 ? 2 : 1}}`,
    ).join(",")}],"helpers":[${Array.from(
      { length: helpers },
      (_, h) => `{"id":"h${h}","capacity":${random() < 0.5 ? 1 : 2}}`,
    ).join(",")}],"candidates":[${parts.join(",")}]}`,
  );
  parts.length = 0;

  const solve = async (s: Session) => {
    const res = await fetch(`${base}/api/pairing/solve`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrfToken },
      body: problem,
    });
    await res.arrayBuffer();
    return res.status;
  };
  const exportRoster = async (s: Session) => {
    const res = await fetch(`${base}/api/members/export`, { headers: { cookie: s.cookie } });
    await res.arrayBuffer();
    return res.status;
  };

  const coordinator = await login(base, "coordinator");
  const coordinators = await Promise.all(Array.from({ length: 8 }, (_, i) => login(base, `bench${i + 1}`)));
  console.log(
    `server: demo county, solver pool ${ready.solverWorkers} worker(s), queue ${ready.solverQueue}, ` +
      `heap cap ${ready.solverHeapMb} MB; problem ${(problem.length / 2 ** 20).toFixed(0)} MB; ` +
      `/api/me bare: p50 ${bareP50.toFixed(1)} ms, p95 ${bareP95.toFixed(1)} ms\n`,
  );
  console.log(
    "| load | answers | wall | /api/me p50 (÷ bare) | p95 (÷ bare) | max | event loop max delay | server peak RSS |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  await underLoad(`${solves} solves, one coordinator`, () =>
    Promise.all(Array.from({ length: solves }, () => solve(coordinator))),
  );
  await underLoad(`${solves} solves, ${solves} coordinators`, () =>
    Promise.all(Array.from({ length: solves }, (_, i) => solve(coordinators[i % coordinators.length] as Session))),
  );
  await underLoad(`${exportsCount} county exports, one coordinator`, () =>
    Promise.all(Array.from({ length: exportsCount }, () => exportRoster(coordinator))),
  );
  await underLoad("4 county exports, 4 coordinators", () =>
    Promise.all(coordinators.slice(0, 4).map((s) => exportRoster(s))),
  );
  prober.send({ type: "exit" } satisfies ToProbe);
  child.send({ type: "exit" } satisfies ToServer);
}
