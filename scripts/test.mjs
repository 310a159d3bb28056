// `npm test`: every test. In order:
//   1. lint and type-check (Biome, tsc);
//   2. unit and API tests on the embedded PGlite database (Vitest: packages/*, apps/server);
//   3. the API suite again on a real PostgreSQL server (TEST_DATABASE_URL, or the local
//      postgres://postgres@127.0.0.1:5432/test when one answers) — skipped, and said so, when none does;
//   4. browser tests (e2e/) in Debian's Chromium, installed here first if missing.
import net from "node:net";
import { buildWebIfStale, ensureDebPackages, run } from "./lib.mjs";

const started = Date.now();
const failures = [];
const step = async (name, fn) => {
  console.log(`\n=== ${name}`);
  const code = await fn();
  if (code !== 0) failures.push(name);
};

/** Whether something accepts TCP connections at the URL's host and port within two seconds. */
function reachable(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on("connect", () => done(true));
    socket.on("error", () => done(false));
  });
}

const browserReady = ensureDebPackages(["chromium", "fonts-noto-cjk"]);

await step("lint and type-check", () => run("npm", ["run", "--silent", "lint"]));

const pglite = { ...process.env };
delete pglite.TEST_DATABASE_URL;
await step("unit and API tests (PGlite)", () => run("npx", ["vitest", "run"], { env: pglite }));

const pgUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
if (await reachable(pgUrl)) {
  await step(`API tests on PostgreSQL (${pgUrl.replace(/:[^:@/]*@/, ":***@")})`, () =>
    run("npx", ["vitest", "run", "--project", "server"], { env: { ...process.env, TEST_DATABASE_URL: pgUrl } }),
  );
} else {
  console.log(`\n=== API tests on PostgreSQL: SKIPPED — no PostgreSQL server answers at ${pgUrl}.`);
  console.log("    The API suite ran on PGlite only. Set TEST_DATABASE_URL to a PostgreSQL 15+ database to run both.");
}

if (browserReady) {
  await step("build the web app", () => buildWebIfStale());
  await step("browser tests (Chromium)", () => run("npx", ["vitest", "run", "--config", "e2e/vitest.config.ts"]));
} else {
  failures.push("browser tests (Chromium and fonts-noto-cjk could not be installed)");
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
if (failures.length) {
  console.error(`\nnpm test: FAILED in ${minutes} min: ${failures.join("; ")}`);
  process.exit(1);
}
console.log(`\nnpm test: all passed in ${minutes} min`);
