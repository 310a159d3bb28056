/**
 * First page of the member roster: the whole county as `coordinator`, a town's subtree as
 * `town`, on the embedded database and on PostgreSQL. Loads the real demo county (≈11,000
 * members) and measures requests through the whole app (auth, scope, SQL, serialization).
 *
 *   node --import tsx bench/foundation/member-list.ts [--requests 300]
 *
 * PostgreSQL is used when TEST_DATABASE_URL is set or postgres://postgres@127.0.0.1:5432/test answers.
 */
import crypto from "node:crypto";
import type { Database } from "../../apps/server/src/db/client.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { onEachDatabase, percentile } from "./databases.ts";
import { demoApp } from "./demo-app.ts";

const requests = Number(process.argv[process.argv.indexOf("--requests") + 1]) || 300;
const password = "bench-password-1";
// The demo load writes an audit record.
useAuditKey(crypto.randomBytes(32));

async function benchOn(label: string, database: Database) {
  const app = await demoApp(database, password);
  for (const [username, url] of [
    ["coordinator", "/api/members?page=1&pageSize=20"],
    ["town", "/api/members?page=1&pageSize=20"],
    ["coordinator", "/api/members?page=1&pageSize=20&q=%E9%92%9F"],
  ] as const) {
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    const cookie = login.cookies.find((c) => c.name === "huzhu_session")?.value ?? "";
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < requests + 20; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: "GET", url, cookies: { huzhu_session: cookie } });
      const dt = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      total = res.json().total;
      if (i >= 20) times.push(dt); // the first requests warm caches and JIT
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(10)} ${username.padEnd(12)} ${url.padEnd(44)} total=${String(total).padStart(5)}  ` +
        `p50=${percentile(times, 50).toFixed(1)} ms  p95=${percentile(times, 95).toFixed(1)} ms`,
    );
  }
  await app.close();
}

await onEachDatabase(benchOn);
