import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Member, Org } from "@huzhu/contracts";
import { idNumberBirthDate, idNumberProblem } from "@huzhu/domain";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/client.ts";
import type { DemoCounty } from "../src/demo/generate.ts";
import { loadDemoIfEmpty } from "../src/demo/load.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import { createCipher, type PersonalDataCipher } from "../src/platform/crypto.ts";
import { fixtureCounty, openTestDatabase, testDatabaseKind } from "./helpers.ts";

/**
 * The demo loader. The real 武平县 is loaded once (the expensive part); only the "no password
 * given" case runs on a second database, with the small fixture county standing in for the
 * generator so that it costs nothing.
 */
const generator = vi.hoisted(() => ({ substitute: null as DemoCounty | null }));
vi.mock("../src/demo/generate.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/demo/generate.ts")>();
  return {
    ...real,
    generateDemoCounty: (options: Parameters<typeof real.generateDemoCounty>[0]) =>
      generator.substitute ? Promise.resolve(generator.substitute) : real.generateDemoCounty(options),
  };
});

const TODAY = "2025-06-30";
const PASSWORD = "demo-test-password";
const divisions = createDivisionDirectory();

interface Loaded {
  database: Database;
  drop: () => Promise<void>;
  cipher: PersonalDataCipher;
  dataDir: string;
  app: FastifyInstance;
  log: string[];
}

async function loadInto(demoPassword: string | undefined): Promise<Loaded & { loaded: boolean }> {
  const { database, drop } = await openTestDatabase();
  const cipher = createCipher(crypto.randomBytes(32));
  // The loader records itself in the audit log, which needs its key (main.ts installs it at start).
  useAuditKey(crypto.randomBytes(32));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-demo-"));
  const log: string[] = [];
  const loaded = await loadDemoIfEmpty({
    database,
    cipher,
    divisions,
    config: { dataDir, demoPassword },
    today: TODAY,
    log: (line) => log.push(line),
  });
  const app = await buildApp({
    database,
    cipher,
    divisions,
    sessionIdleMinutes: 30,
    secureCookies: false,
    logLevel: "silent",
  });
  return { database, drop, cipher, dataDir, app, log, loaded };
}

async function unload(l: Loaded | undefined) {
  if (!l) return;
  await l.app.close();
  await l.drop();
  fs.rmSync(l.dataDir, { recursive: true, force: true });
}

async function login(app: FastifyInstance, username: string, password: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  const cookie = res.cookies.find((c) => c.name === "huzhu_session")?.value ?? "";
  return {
    status: res.statusCode,
    me:
      res.statusCode === 200
        ? (res.json() as { roles: { role: string; orgId: number | null; orgName: string | null }[] })
        : null,
    get: (url: string) => app.inject({ method: "GET", url, cookies: { huzhu_session: cookie } }),
  };
}

describe(`demo county 武平县 (${testDatabaseKind})`, () => {
  let demo: Loaded & { loaded: boolean };

  beforeAll(async () => {
    demo = await loadInto(PASSWORD);
  }, 120_000);
  afterAll(async () => unload(demo));

  const db = () => demo.database.db;
  const countWhere = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(db())).rows[0]?.n ?? Number.NaN);

  it("loads the county committee, 17 town/street committees and 225 village/community branches", async () => {
    expect(demo.loaded).toBe(true);
    const counties = await db()
      .selectFrom("organizations")
      .select(["name", "kind", "division_code", "division_name", "parent_id", "depth"])
      .where("category", "=", "county")
      .execute();
    expect(counties).toEqual([
      {
        name: "中共武平县委员会",
        kind: "committee",
        division_code: "350824",
        division_name: "武平县",
        parent_id: null,
        depth: 0,
      },
    ]);
    const towns = await db()
      .selectFrom("organizations")
      .select(["kind", "division_code", "division_name", "depth"])
      .where("category", "=", "town_street")
      .execute();
    expect(towns).toHaveLength(17);
    for (const town of towns) {
      expect(town).toMatchObject({ kind: "committee", depth: 1 });
      expect(town.division_code).toMatch(/^350824\d{3}$/);
      expect(town.division_name).toMatch(/(镇|乡|街道)$/);
    }
    const branches = await db()
      .selectFrom("organizations")
      .select(["division_code", "division_name", "kind", "category", "depth"])
      .where("category", "in", ["village", "urban_community"])
      .where("kind", "in", ["branch", "general_branch"])
      .execute();
    expect(branches).toHaveLength(225);
    const codes = new Set(branches.map((b) => b.division_code));
    expect(codes.size).toBe(225);
    for (const b of branches) {
      expect(b.division_code).toMatch(/^350824\d{6}$/);
      expect(b.division_name).toMatch(/(村|社区|居)/);
      expect(b.depth).toBe(2);
    }
    // Every organization's stored path agrees with its parent's (the tree is consistent).
    const broken = await countWhere(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM organizations c LEFT JOIN organizations p ON p.id = c.parent_id
       WHERE (c.parent_id IS NULL AND c.path <> '/' || c.id || '/')
          OR (c.parent_id IS NOT NULL AND (c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1))`);
    expect(broken).toBe(0);
  });

  it("has 8,000–15,000 members with valid, encrypted ID numbers and consistent paths", async () => {
    const members = await countWhere(sql<{ n: number }>`SELECT count(*)::int AS n FROM members`);
    expect(members).toBeGreaterThanOrEqual(8000);
    expect(members).toBeLessThanOrEqual(15000);
    const badPaths = await countWhere(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM members m JOIN organizations o ON o.id = m.primary_org_id
       WHERE m.primary_org_path <> o.path`);
    expect(badPaths).toBe(0);
    const sample = await sql<{ id_number_enc: Uint8Array; birth_year: number; id_number_masked: string }>`
      SELECT id_number_enc, birth_year, id_number_masked FROM members ORDER BY id LIMIT 50`.execute(db());
    for (const row of sample.rows) {
      const idNumber = demo.cipher.decrypt(row.id_number_enc);
      expect(idNumberProblem(idNumber)).toBeNull();
      expect(idNumberBirthDate(idNumber)?.slice(0, 4)).toBe(String(row.birth_year));
      expect(row.id_number_masked).toBe(`${idNumber.slice(0, 2)}${"*".repeat(14)}${idNumber.slice(-2)}`);
    }
  });

  it("lets every demo account of the issue sign in with the configured password", async () => {
    const expected: Record<string, { role: string; category: string | null }> = {
      coordinator: { role: "coordinator", category: "county" },
      town: { role: "coordinator", category: "town_street" },
      secretary: { role: "secretary", category: "village" },
      member: { role: "member", category: "village" },
      leader: { role: "leader", category: "county" },
      sysadmin: { role: "system_admin", category: null },
      secadmin: { role: "security_admin", category: null },
      auditor: { role: "audit_admin", category: null },
    };
    for (const [username, want] of Object.entries(expected)) {
      const s = await login(demo.app, username, PASSWORD);
      expect(s.status, username).toBe(200);
      expect(s.me?.roles).toHaveLength(1);
      expect(s.me?.roles[0]?.role, username).toBe(want.role);
      if (want.category === null) expect(s.me?.roles[0]?.orgId).toBeNull();
      else {
        const org = await db()
          .selectFrom("organizations")
          .select("category")
          .where("id", "=", s.me?.roles[0]?.orgId ?? 0)
          .executeTakeFirstOrThrow();
        expect(org.category, username).toBe(want.category);
      }
    }
    expect((await login(demo.app, "coordinator", "wrong password")).status).toBe(401);

    // One secretary account `s<12-digit code>` per village and community branch, holding that branch.
    const secretaries = await sql<{ username: string | null; disabled: boolean; password_hash: string; code: string }>`
      SELECT o.division_code AS code, u.username, u.disabled, u.password_hash
        FROM organizations o
        LEFT JOIN role_assignments r ON r.org_id = o.id AND r.role = 'secretary'
             AND EXISTS (SELECT 1 FROM users x WHERE x.id = r.user_id AND x.username ~ '^s[0-9]{12}$')
        LEFT JOIN users u ON u.id = r.user_id
       WHERE o.category IN ('village', 'urban_community') AND o.kind IN ('branch', 'general_branch')
       ORDER BY o.division_code`.execute(db());
    expect(secretaries.rows).toHaveLength(225);
    for (const row of secretaries.rows) {
      expect(row.username, `branch ${row.code}`).toBe(`s${row.code}`);
      expect(row.disabled).toBe(false);
    }
    // They all share the demo password's hash, so signing in as a few proves it for all; sign in
    // as the first, the last and a community's secretary.
    const coordinatorHash = await db()
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "coordinator")
      .executeTakeFirstOrThrow();
    expect(new Set(secretaries.rows.map((r) => r.password_hash))).toEqual(new Set([coordinatorHash.password_hash]));
    const community = secretaries.rows.find((r) => r.code.startsWith("350824001"));
    const picks = [secretaries.rows[0], secretaries.rows.at(-1), community].map((r) => r?.username ?? "");
    for (const username of picks) {
      const s = await login(demo.app, username, PASSWORD);
      expect(s.status, username).toBe(200);
      expect(s.me?.roles.map((r) => r.role)).toEqual(["secretary"]);
    }
  });

  it("`town` sees only its town", async () => {
    const town = await login(demo.app, "town", PASSWORD);
    const townId = town.me?.roles[0]?.orgId ?? 0;
    const roots = (await town.get("/api/orgs")).json() as { items: Org[]; total: number };
    expect(roots.total).toBe(1);
    expect(roots.items[0]).toMatchObject({ id: townId, name: "中共中山镇委员会", divisionCode: "350824101" });
    const other = await db()
      .selectFrom("organizations")
      .select("id")
      .where("division_code", "=", "350824102")
      .executeTakeFirstOrThrow();
    expect((await town.get(`/api/orgs/${other.id}`)).statusCode).toBe(404);

    const { path: townPath } = await db()
      .selectFrom("organizations")
      .select("path")
      .where("id", "=", townId)
      .executeTakeFirstOrThrow();
    const inTown = await countWhere(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM members
       WHERE primary_org_path LIKE ${`${townPath}%`} OR co_org_path LIKE ${`${townPath}%`}`);
    const total = await countWhere(sql<{ n: number }>`SELECT count(*)::int AS n FROM members`);
    expect(inTown).toBeGreaterThan(100);
    expect(inTown).toBeLessThan(total);
    const list = (await town.get("/api/members?pageSize=200")).json() as { items: Member[]; total: number };
    expect(list.total).toBe(inTown);
    const townOrgIds = new Set(
      (await db().selectFrom("organizations").select("id").where("path", "like", `${townPath}%`).execute()).map(
        (o) => o.id,
      ),
    );
    for (const m of list.items) {
      expect(townOrgIds.has(m.primaryOrg.id) || (m.coOrg !== null && townOrgIds.has(m.coOrg.id))).toBe(true);
    }
    // A county-wide word finds only what lies in the town.
    const search = (await town.get(`/api/orgs?q=${encodeURIComponent("镇")}&pageSize=200`)).json() as { items: Org[] };
    expect(search.items.map((o) => o.id)).toContain(townId);
    for (const o of search.items) expect(townOrgIds.has(o.id), o.name).toBe(true);
    const countyWide = await countWhere(
      sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations WHERE name LIKE '%镇%'`,
    );
    expect(countyWide).toBeGreaterThan(search.items.length + 10);
  });

  it("`secretary` sees only its branch's members", async () => {
    const secretary = await login(demo.app, "secretary", PASSWORD);
    const branchId = secretary.me?.roles[0]?.orgId ?? 0;
    const branch = await db()
      .selectFrom("organizations")
      .select(["path", "parent_id"])
      .where("id", "=", branchId)
      .executeTakeFirstOrThrow();
    const town = await login(demo.app, "town", PASSWORD);
    expect(branch.parent_id).toBe(town.me?.roles[0]?.orgId);
    const expected = await countWhere(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM members
       WHERE primary_org_path LIKE ${`${branch.path}%`} OR co_org_path LIKE ${`${branch.path}%`}`);
    expect(expected).toBeGreaterThan(5);
    const list = (await secretary.get("/api/members?pageSize=200")).json() as { items: Member[]; total: number };
    expect(list.total).toBe(expected);
    expect(list.items).toHaveLength(Math.min(expected, 200));
    for (const m of list.items) expect(m.primaryOrg.id === branchId || m.coOrg?.id === branchId).toBe(true);
    // `member` is one of them and sees only themself.
    const member = await login(demo.app, "member", PASSWORD);
    const own = (await member.get("/api/members")).json() as { items: Member[]; total: number };
    expect(own.total).toBe(1);
    expect(own.items[0]?.primaryOrg.id).toBe(branchId);
  });

  it("loads nothing the second time (idempotent), and writes no password file", async () => {
    const counts = async () =>
      (
        await sql<{ o: number; m: number; u: number; r: number }>`
          SELECT (SELECT count(*)::int FROM organizations) AS o, (SELECT count(*)::int FROM members) AS m,
                 (SELECT count(*)::int FROM users) AS u, (SELECT count(*)::int FROM role_assignments) AS r`.execute(
          db(),
        )
      ).rows[0];
    const before = await counts();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-demo-again-"));
    try {
      const again = await loadDemoIfEmpty({
        database: demo.database,
        cipher: demo.cipher,
        divisions,
        config: { dataDir, demoPassword: undefined },
        today: TODAY,
        log: () => {},
      });
      expect(again).toBe(false);
      expect(await counts()).toEqual(before);
      expect(fs.readdirSync(dataDir)).toEqual([]);
      // The given password was used as is, so none was written down the first time either.
      expect(fs.readdirSync(demo.dataDir)).toEqual([]);
      expect(demo.log.join("\n")).not.toContain(PASSWORD);
      expect((await login(demo.app, "secretary", PASSWORD)).status).toBe(200);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe(`demo loader without a password (${testDatabaseKind})`, () => {
  let fresh: (Loaded & { loaded: boolean }) | undefined;
  afterAll(async () => {
    generator.substitute = null;
    await unload(fresh);
  });

  it("generates one, prints it once and writes <dataDir>/demo-accounts.txt with mode 0600", async () => {
    generator.substitute = fixtureCounty();
    fresh = await loadInto(undefined);
    expect(fresh.loaded).toBe(true);
    const file = path.join(fresh.dataDir, "demo-accounts.txt");
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, "utf8");
    const password = /password for every account: (\S+)/.exec(text)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(text).toContain("coordinator");
    expect(fresh.log.filter((line) => line.includes(password))).toHaveLength(1);
    const s = await login(fresh.app, "coordinator", password);
    expect(s.status).toBe(200);
    expect((await login(fresh.app, "coordinator", PASSWORD)).status).toBe(401);
  }, 60_000);
});
