import type { FastifyInstance, InjectOptions } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { openDatabase } from "../src/db/client.ts";
import { foldListChanges } from "../src/db/count.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { createTestContext, makeIdNumber, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * What issue 12 keeps between requests must never outlive the truth: the roster's totals (kept
 * per process, db/count.ts) and the authorization every request rebuilds. Two apps on one database
 * stand for two server processes (HUZHU_PROCESSES): each keeps its own totals, and a write through
 * one must show in the other's next answer.
 */
describe(`what is kept between requests (issue 12, ${testDatabaseKind})`, () => {
  let t: TestContext;
  let second: FastifyInstance;
  let a1: number;
  let town: number;

  /** The same session, through the second process. */
  const through = (app: FastifyInstance, s: Session) => (opts: InjectOptions) =>
    app.inject({
      ...opts,
      cookies: { huzhu_session: s.cookie },
      headers: { "x-csrf-token": s.csrfToken, ...(opts.headers ?? {}) },
    });
  const total = async (request: (o: InjectOptions) => Promise<{ statusCode: number; json: () => unknown }>) => {
    const res = await request({ method: "GET", url: "/api/members?pageSize=5" });
    expect(res.statusCode).toBe(200);
    return (res.json() as { total: number }).total;
  };
  const truth = async () =>
    (
      await t.database.db
        .selectFrom("members")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("transferred_out_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n;
  const pathOf = async (orgId: number) =>
    (await t.database.db.selectFrom("organizations").select("path").where("id", "=", orgId).executeTakeFirstOrThrow())
      .path;
  /** The ids of a town's roster as the database has it, newest first: members whose primary or co-managing organization lies under it. */
  const rosterUnder = async (orgId: number) => {
    const path = await pathOf(orgId);
    const rows = await t.database.db
      .selectFrom("members")
      .select("id")
      .where((eb) => eb.or([eb("primary_org_path", "like", `${path}%`), eb("co_org_path", "like", `${path}%`)]))
      .where("transferred_out_at", "is", null)
      .orderBy("id", "desc")
      .execute();
    return rows.map((r) => r.id);
  };
  let serial = 500;
  const newMember = (orgId: number) => {
    serial += 1;
    return {
      name: `缓存${serial}`,
      gender: "female",
      ethnicity: "汉族",
      birthDate: "1991-02-03",
      idNumber: makeIdNumber("1991-02-03", "female", serial),
      education: "bachelor",
      joinDate: "2016-07-01",
      status: "full",
      primaryOrgId: orgId,
    };
  };

  beforeAll(async () => {
    t = await createTestContext();
    second = await buildApp({
      database: t.database,
      cipher: t.cipher,
      divisions: createDivisionDirectory(),
      sessionIdleMinutes: 30,
      secureCookies: false,
      logLevel: "silent",
    });
    a1 = await t.orgId("village:a1");
    town = await t.orgId("town:a");
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it("keeps the roster's total right after a write in this process or the other", async () => {
    const coordinator = await t.login("coordinator");
    const other = through(second, coordinator);
    const start = await truth();
    // Both processes read (and keep) the total.
    expect(await total(coordinator.request)).toBe(start);
    expect(await total(other)).toBe(start);
    // A member added through the second process shows in the first's next page, and vice versa.
    expect((await other({ method: "POST", url: "/api/members", payload: newMember(a1) })).statusCode).toBe(201);
    expect(await total(coordinator.request)).toBe(start + 1);
    expect(
      (await coordinator.request({ method: "POST", url: "/api/members", payload: newMember(a1) })).statusCode,
    ).toBe(201);
    expect(await total(other)).toBe(start + 2);
    expect(await total(coordinator.request)).toBe(start + 2);
  });

  it("keeps totals per reach and filter: a town's and the county's differ, and a filter is its own total", async () => {
    const coordinator = await t.login("coordinator");
    const townCoordinator = await t.login("town");
    const county = await total(coordinator.request);
    const townTotal = await total(townCoordinator.request);
    expect(townTotal).toBeLessThan(county);
    const women = (await coordinator.request({ method: "GET", url: "/api/members?gender=female&pageSize=5" })).json()
      .total;
    const trueWomen = (
      await t.database.db
        .selectFrom("members")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("gender", "=", "female")
        .where("transferred_out_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n;
    expect(women).toBe(trueWomen);
    // A move of a village to the other town changes the town's total (the members' paths follow).
    const b = await t.orgId("town:b");
    const move = await coordinator.request({ method: "POST", url: `/api/orgs/${a1}/move`, payload: { parentId: b } });
    expect(move.statusCode).toBe(200);
    // The town's roster as the database has it now.
    const underTown = (await rosterUnder(town)).length;
    expect(underTown).toBeLessThan(townTotal);
    expect(await total(through(second, townCoordinator))).toBe(underTown);
    expect(await total(townCoordinator.request)).toBe(underTown);
    await coordinator.request({ method: "POST", url: `/api/orgs/${a1}/move`, payload: { parentId: town } });
    expect(await total(townCoordinator.request)).toBe(townTotal);
  });

  it("keeps pages only while they hold: an edit, a renamed organization and a new member show in both processes", async () => {
    const coordinator = await t.login("coordinator");
    const other = through(second, coordinator);
    type Page = { items: Array<{ id: number; name: string; primaryOrg: { id: number; name: string } }> };
    const page = async (request: typeof other) => {
      const res = await request({ method: "GET", url: "/api/members?pageSize=5" });
      expect(res.statusCode).toBe(200);
      return res.json() as Page;
    };
    const childCounts = async (request: typeof other) => {
      const res = await request({ method: "GET", url: `/api/orgs?parentId=${town}&pageSize=100` });
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: Array<{ id: number; memberCount: number }> }).items;
      return items.find((o) => o.id === a1)?.memberCount;
    };
    // Both processes read (and keep) the first page and the town's children with their counts.
    const first = await page(coordinator.request);
    expect(await page(other)).toEqual(first);
    const counted = await childCounts(coordinator.request);
    expect(await childCounts(other)).toBe(counted);
    // A new member through the other process: first on this process's next page, counted under its village.
    const created = await other({ method: "POST", url: "/api/members", payload: newMember(a1) });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    expect((await page(coordinator.request)).items[0]?.id).toBe(id);
    expect(await childCounts(coordinator.request)).toBe((counted as number) + 1);
    // An edit through this process shows in the other's page.
    const edited = await coordinator.request({
      method: "PATCH",
      url: `/api/members/${id}`,
      payload: { name: "缓存改名" },
    });
    expect(edited.statusCode).toBe(200);
    expect((await page(other)).items[0]?.name).toBe("缓存改名");
    // The organization's new name shows on the members' page in both (a page holds organizations' names too).
    const village = (await page(other)).items[0]?.primaryOrg.name as string;
    const renamed = await other({ method: "PATCH", url: `/api/orgs/${a1}`, payload: { name: `${village}（新）` } });
    expect(renamed.statusCode).toBe(200);
    expect((await page(coordinator.request)).items[0]?.primaryOrg.name).toBe(`${village}（新）`);
    expect((await page(other)).items[0]?.primaryOrg.name).toBe(`${village}（新）`);
    // A write outside the app (another tool on the database) moves the versions just the same.
    await t.database.db.updateTable("members").set({ name: "库中改名" }).where("id", "=", id).execute();
    expect((await page(coordinator.request)).items[0]?.name).toBe("库中改名");
    expect((await page(other)).items[0]?.name).toBe("库中改名");
    await other({ method: "PATCH", url: `/api/orgs/${a1}`, payload: { name: village } });
  });

  it("gives a jurisdiction whose members are all older than the newest 2,000 the same pages as the database", async () => {
    // 2,100 new members outside town A: town A's members are then all older than the newest
    // NEWEST_WINDOW (db/count.ts), so its pages come from the path indexes, not the newest rows.
    const b = await t.orgId("town:b");
    const bVillage = (
      await t.database.db.selectFrom("organizations").select("id").where("parent_id", "=", b).executeTakeFirstOrThrow()
    ).id;
    await sql`INSERT INTO members (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash,
                id_number_masked, education, join_date, status, primary_org_id)
              SELECT '批量' || g, m.gender, m.ethnicity, m.birth_year, m.id_number_enc, m.id_number_hash || int4send(g),
                m.id_number_masked, m.education, m.join_date, m.status, ${bVillage}
              FROM (SELECT * FROM members LIMIT 1) m, generate_series(1, 2100) g`.execute(t.database.db);
    const townCoordinator = await t.login("town");
    const truth = await rosterUnder(town);
    expect(truth.length).toBeGreaterThan(5);
    for (const pageNo of [1, 2]) {
      const res = await townCoordinator.request({ method: "GET", url: `/api/members?pageSize=5&page=${pageNo}` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ id: number }>; total: number };
      expect(body.total).toBe(truth.length);
      expect(body.items.map((m) => m.id)).toEqual(truth.slice((pageNo - 1) * 5, pageNo * 5));
    }
    // The county's first page is the newest 5 of them all.
    const coordinator = await t.login("coordinator");
    const county = (await coordinator.request({ method: "GET", url: "/api/members?pageSize=5" })).json() as {
      items: Array<{ name: string }>;
    };
    expect(county.items.map((m) => m.name)).toEqual(["批量2100", "批量2099", "批量2098", "批量2097", "批量2096"]);
  });

  it("counts a roster once per member: co-managed from elsewhere, and oneself", async () => {
    // Members of town B co-managed by a village of town A: in town A's roster once, though their
    // primary organization is elsewhere (the total's second part, members.repository `countable`).
    const b = await t.orgId("town:b");
    const townB = await pathOf(b);
    const coManaged = await t.database.db
      .selectFrom("members")
      .select("id")
      .where("primary_org_path", "like", `${townB}%`)
      .where("co_org_id", "is", null)
      .orderBy("id")
      .limit(3)
      .execute();
    expect(coManaged).toHaveLength(3);
    await t.database.db
      .updateTable("members")
      .set({ co_org_id: a1 })
      .where(
        "id",
        "in",
        coManaged.map((m) => m.id),
      )
      .execute();
    const truth = (await rosterUnder(town)).length;
    const townCoordinator = await t.login("town");
    expect(await total(townCoordinator.request)).toBe(truth);
    expect(await total(through(second, townCoordinator))).toBe(truth);
    // A party member's own roster is themself.
    const member = await t.login("member");
    const own = await member.request({ method: "GET", url: "/api/members?pageSize=5" });
    expect(own.statusCode).toBe(200);
    expect((own.json() as { total: number }).total).toBe(1);
    await t.database.db
      .updateTable("members")
      .set({ co_org_id: null })
      .where(
        "id",
        "in",
        coManaged.map((m) => m.id),
      )
      .execute();
  });

  it("keeps the same version when the change rows are folded", async () => {
    const coordinator = await t.login("coordinator");
    const before = await total(coordinator.request);
    const version = async () =>
      (
        await sql<{
          v: string;
        }>`SELECT coalesce(sum(weight), 0)::text AS v FROM list_changes WHERE list = 'members'`.execute(t.database.db)
      ).rows[0]?.v;
    const v = await version();
    await foldListChanges(t.database.db, "members");
    expect(await version()).toBe(v);
    const rows = await t.database.db.selectFrom("list_changes").select("list").where("list", "=", "members").execute();
    expect(rows).toHaveLength(1);
    expect(await total(coordinator.request)).toBe(before);
    expect(
      (await coordinator.request({ method: "POST", url: "/api/members", payload: newMember(a1) })).statusCode,
    ).toBe(201);
    expect(await total(coordinator.request)).toBe(before + 1);
  });

  it.runIf(testDatabaseKind === "postgres")(
    "counts a write committed after the total was kept, though it started before",
    async () => {
      const coordinator = await t.login("coordinator");
      const before = await total(coordinator.request);
      // Another connection inserts a member and holds its transaction open.
      const url = process.env.TEST_DATABASE_URL as string;
      const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.database.db)).rows[0]?.s;
      const writer = await openDatabase({ url, schema, poolSize: 1 });
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted: () => void = () => {};
      const didInsert = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const open = writer.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO members (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash,
                    id_number_masked, education, join_date, status, primary_org_id)
                  SELECT '未提交', gender, ethnicity, birth_year, id_number_enc, 'pending-' || id_number_hash,
                    id_number_masked, education, join_date, status, primary_org_id FROM members LIMIT 1`.execute(trx);
        inserted();
        await held;
      });
      await didInsert;
      // Read (and keep) the total while the insert is not committed: it is not counted.
      expect(await total(coordinator.request)).toBe(before);
      expect(await total(coordinator.request)).toBe(before);
      release();
      await open;
      await writer.close();
      // Committed now: the next page counts it.
      expect(await total(coordinator.request)).toBe(before + 1);
    },
  );

  describe("authorization is never kept stale, in either process", () => {
    it("a logout ends the session in both processes on the next request", async () => {
      const s = await t.login("secretary");
      expect((await through(second, s)({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
      expect((await s.request({ method: "POST", url: "/api/auth/logout" })).statusCode).toBe(204);
      expect((await through(second, s)({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
      expect((await s.request({ method: "GET", url: "/api/members" })).statusCode).toBe(401);
    });

    it("a renamed organization shows in the roles of a kept actor at once, in both processes", async () => {
      const s = await t.login("secretary");
      const me = async (request: (o: InjectOptions) => Promise<{ json: () => unknown }>) =>
        (await request({ method: "GET", url: "/api/me" })).json() as { roles: { orgName: string }[] };
      const before = (await me(through(second, s))).roles[0]?.orgName;
      expect((await me(s.request)).roles[0]?.orgName).toBe(before);
      const coordinator = await t.login("coordinator");
      const rename = await coordinator.request({
        method: "PATCH",
        url: `/api/orgs/${a1}`,
        payload: { name: "中共三联村支部委员会（新）" },
      });
      expect(rename.statusCode).toBe(200);
      expect((await me(through(second, s))).roles[0]?.orgName).toBe("中共三联村支部委员会（新）");
      expect((await me(s.request)).roles[0]?.orgName).toBe("中共三联村支部委员会（新）");
    });

    it("a session moved back past its idle limit in the database ends at once, though its actor was kept", async () => {
      const s = await t.login("secretary");
      expect((await through(second, s)({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
      await t.database.db
        .updateTable("sessions")
        .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
        .where("csrf_token", "=", s.csrfToken)
        .execute();
      expect((await through(second, s)({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    });

    it("a withdrawn role and a disabled account take effect at once in the other process", async () => {
      const leader = await t.login("leader");
      const viaSecond = through(second, leader);
      expect((await viaSecond({ method: "GET", url: "/api/orgs" })).statusCode).toBe(200);
      const sec = await t.login("secadmin");
      const users = (await sec.request({ method: "GET", url: "/api/users?q=leader" })).json().items as {
        id: number;
        username: string;
        roles: { id: number }[];
      }[];
      const user = users.find((u) => u.username === "leader");
      expect(user).toBeDefined();
      const withdraw = await sec.request({
        method: "DELETE",
        url: `/api/role-assignments/${user?.roles[0]?.id}`,
      });
      expect(withdraw.statusCode).toBe(200);
      // No role left: the next request through the other process is refused (the withdrawal also
      // ends the user's sessions, so it is 401 rather than 403).
      expect([401, 403]).toContain((await viaSecond({ method: "GET", url: "/api/orgs" })).statusCode);
      const sys = await t.login("sysadmin");
      const disable = await sys.request({
        method: "PATCH",
        url: `/api/users/${user?.id}`,
        payload: { disabled: true },
      });
      expect(disable.statusCode).toBe(200);
      expect((await viaSecond({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
      expect((await leader.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    });
  });
});
