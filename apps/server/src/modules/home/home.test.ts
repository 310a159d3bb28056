import type { HomeCard, HomePage, JurisdictionCard, PairingDetail, PairingsCard, TodosCard } from "@huzhu/contracts";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  expectError,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "../../../test/helpers.ts";
import { notifyUsers } from "../../platform/notifications.ts";

/**
 * The home page (工作台): which cards each role gets, and that the jurisdiction's figures are the
 * figures of the caller's subtrees, checked against counts written here in plain SQL.
 */
describe(`home page (${testDatabaseKind})`, () => {
  let t: TestContext;
  const year = new Date().getUTCFullYear();

  const home = async (session: Session, locale = "zh-CN"): Promise<HomePage> => {
    const res = await session.request({ method: "GET", url: "/api/home", headers: { "accept-language": locale } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as HomePage;
  };
  const card = <I extends HomeCard["id"]>(page: HomePage, id: I) =>
    page.cards.find((c) => c.id === id) as Extract<HomeCard, { id: I }> | undefined;
  const userId = async (username: string) =>
    (await t.database.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow())
      .id;

  /** The jurisdiction's figures under one organization, counted independently of the repository. */
  async function expectedUnder(orgKey: string): Promise<Omit<JurisdictionCard, "id">> {
    const orgId = await t.orgId(orgKey);
    const people = await sql<{
      members: number;
      probationary: number;
      a: number;
      b: number;
      c: number;
      d: number;
    }>`
      SELECT count(*)::int AS members,
             sum(CASE WHEN m.status = 'probationary' THEN 1 ELSE 0 END)::int AS probationary,
             sum(CASE WHEN ${year} - m.birth_year < 36 THEN 1 ELSE 0 END)::int AS a,
             sum(CASE WHEN ${year} - m.birth_year >= 36 AND ${year} - m.birth_year < 46 THEN 1 ELSE 0 END)::int AS b,
             sum(CASE WHEN ${year} - m.birth_year >= 46 AND ${year} - m.birth_year < 61 THEN 1 ELSE 0 END)::int AS c,
             sum(CASE WHEN ${year} - m.birth_year >= 61 THEN 1 ELSE 0 END)::int AS d
        FROM members m
        JOIN organizations o ON o.id = m.primary_org_id
        JOIN organizations root ON root.id = ${orgId}
       WHERE o.path LIKE root.path || '%'`.execute(t.database.db);
    const orgs = await sql<{ area: string; n: number }>`
      SELECT o.area, count(*)::int AS n
        FROM organizations o JOIN organizations root ON root.id = ${orgId}
       WHERE o.path LIKE root.path || '%' AND o.status = 'active'
       GROUP BY o.area`.execute(t.database.db);
    const p = people.rows[0];
    if (!p) throw new Error("no row");
    const area = (a: string) => orgs.rows.find((r) => r.area === a)?.n ?? 0;
    return {
      members: p.members,
      probationary: p.probationary ?? 0,
      organizations: { urban: area("urban"), rural: area("rural") },
      ageBands: [
        { band: "upTo35", count: p.a ?? 0 },
        { band: "from36To45", count: p.b ?? 0 },
        { band: "from46To60", count: p.c ?? 0 },
        { band: "over60", count: p.d ?? 0 },
      ],
    };
  }

  beforeAll(async () => {
    t = await createTestContext({ jobs: { autoStart: false } });
    // Ages on every band's edges, and two probationary members (one co-managed by the organ).
    const ages: Record<string, number> = { 钟一: 35, 刘二: 36, 李三: 45, 王四: 46, 林五: 60, 陈六: 61, 练七: 80 };
    for (const [name, age] of Object.entries(ages)) {
      await t.database.db
        .updateTable("members")
        .set({ birth_year: year - age })
        .where("name", "=", name)
        .execute();
    }
    await t.database.db
      .updateTable("members")
      .set({ status: "probationary" })
      .where("name", "in", ["李三", "林五"])
      .execute();
  });
  afterAll(async () => t?.close());

  it("answers 401 without a session", async () => {
    expectError(await t.app.inject({ method: "GET", url: "/api/home" }), 401);
  });

  it("gives the county coordinator the whole county's figures and to-dos", async () => {
    const page = await home(await t.login("coordinator"));
    expect(page.cards.map((c) => c.id)).toEqual(["jurisdiction", "todos"]);
    const figures = card(page, "jurisdiction");
    expect(figures).toEqual({ id: "jurisdiction", ...(await expectedUnder("county")) });
    // The fixture by hand, so the independent count is not wrong in the same way.
    expect(figures).toMatchObject({
      members: 7,
      probationary: 2,
      organizations: { urban: 2, rural: 5 },
      ageBands: [
        { band: "upTo35", count: 1 },
        { band: "from36To45", count: 2 },
        { band: "from46To60", count: 2 },
        { band: "over60", count: 2 },
      ],
    });
  });

  it("gives a town coordinator, a secretary and a leader their own subtree's figures only", async () => {
    const town = card(await home(await t.login("town")), "jurisdiction");
    expect(town).toEqual({ id: "jurisdiction", ...(await expectedUnder("town:a")) });
    expect(town).toMatchObject({ members: 4, probationary: 1, organizations: { urban: 0, rural: 3 } });

    const other = card(await home(await t.login("secb")), "jurisdiction");
    expect(other).toEqual({ id: "jurisdiction", ...(await expectedUnder("village:b1")) });
    expect(other).toMatchObject({ members: 2, organizations: { urban: 0, rural: 1 } });

    // A member counts where their primary organization is: the organ co-manages 李三 but does
    // not count them, so the towns' and the organ's figures add up to the county's.
    const organ = card(await home(await t.login("organsec")), "jurisdiction");
    expect(organ).toMatchObject({ members: 1, probationary: 0, organizations: { urban: 1, rural: 0 } });

    // A secretary who is also a party member (linked record) but holds no member role gets no own-record card.
    const secretary = await home(await t.login("secretary"));
    expect(secretary.cards.map((c) => c.id)).toEqual(["jurisdiction", "todos"]);
    expect(card(secretary, "jurisdiction")).toEqual({ id: "jurisdiction", ...(await expectedUnder("village:a1")) });

    const leader = card(await home(await t.login("leader")), "jurisdiction");
    expect(leader).toEqual({ id: "jurisdiction", ...(await expectedUnder("county")) });
  });

  it("leaves dissolved organizations out of the figures", async () => {
    const organId = await t.orgId("unit:organ");
    await t.database.db
      .updateTable("organizations")
      .set({ status: "dissolved", dissolved_at: new Date(), dissolve_reason: "test" })
      .where("id", "=", organId)
      .execute();
    try {
      const figures = card(await home(await t.login("coordinator")), "jurisdiction");
      expect(figures?.organizations).toEqual({ urban: 1, rural: 5 });
    } finally {
      await t.database.db
        .updateTable("organizations")
        .set({ status: "active", dissolved_at: null, dissolve_reason: null })
        .where("id", "=", organId)
        .execute();
    }
  });

  it("gives a member their own record, masked as the roster shows it, and no jurisdiction", async () => {
    const member = await t.login("member");
    const res = await member.request({ method: "GET", url: "/api/home" });
    const page = res.json() as HomePage;
    expect(page.cards.map((c) => c.id)).toEqual(["myRecord", "todos"]);
    const own = card(page, "myRecord");
    const id = await t.memberId("刘二");
    const direct = await member.request({ method: "GET", url: `/api/members/${id}` });
    expect(own?.member).toEqual(direct.json());
    expect(own?.member).toMatchObject({ id, name: "刘二", abilities: { update: false, reveal: false } });
    // Nothing in clear: neither the ID number nor the phone.
    const personal = await t.personal("刘二");
    expect(res.body).not.toContain(personal.idNumber);
    if (personal.phone) expect(res.body).not.toContain(personal.phone);
  });

  it("gives the three administrators their to-dos only", async () => {
    for (const username of ["sysadmin", "secadmin", "auditor"]) {
      const page = await home(await t.login(username));
      expect(
        page.cards.map((c) => c.id),
        username,
      ).toEqual(["todos"]);
    }
  });

  it("lists one's own unread notifications (newest few) and one's own jobs still to finish", async () => {
    const townId = await userId("town");
    const otherId = await userId("coordinator");
    for (let i = 1; i <= 7; i++) {
      await notifyUsers(t.database.db, [townId], {
        kind: "job.succeeded",
        params: { jobKey: "job.kind.member.export", jobId: `n${i}` },
        link: "/jobs",
      });
    }
    await notifyUsers(t.database.db, [otherId], { kind: "job.failed", params: { jobKey: "job.kind.member.export" } });
    const town = await t.login("town");
    const list = (await town.request({ method: "GET", url: "/api/notifications" })).json() as {
      items: Array<{ id: number }>;
    };
    const newest = list.items[0]?.id;
    await town.request({ method: "POST", url: `/api/notifications/${newest}/read` });

    // A roster export waits in the queue (the runner is not started in this file).
    const started = await town.request({ method: "POST", url: "/api/members/export", payload: {} });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json() as { jobId: string };

    const todos = card(await home(town, "en"), "todos") as TodosCard;
    expect(todos.unread).toBe(6);
    expect(todos.notifications.map((n) => n.id)).toEqual(list.items.slice(1, 6).map((n) => n.id));
    expect(todos.notifications.every((n) => !n.read && n.link === "/jobs")).toBe(true);
    // Titles in the caller's language, with the job's kind translated.
    expect(todos.notifications[0]?.title).not.toMatch(/notification\.|job\.kind/);
    expect(todos.jobs).toEqual([expect.objectContaining({ id: jobId, kind: "member.export", status: "queued" })]);

    // Nobody else's: the county coordinator has one notification of their own and no job.
    const coordinator = card(await home(await t.login("coordinator")), "todos");
    expect(coordinator).toMatchObject({ unread: 1, jobs: [] });
    expect(coordinator?.notifications).toHaveLength(1);

    // Read all: nothing left to do but the job.
    await town.request({ method: "POST", url: "/api/notifications/read-all" });
    expect(card(await home(town), "todos")).toMatchObject({ unread: 0, notifications: [], jobs: [{ id: jobId }] });
  });
  // Last in the file: the pairing stays, and the cards above are compared without it.
  it("shows either side of a pairing its pairing, with the partner and the rhythm; not the coordinator", async () => {
    // China dates (the server's "today" is China's), whatever the hour in UTC.
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const coordinator = await t.login("coordinator");
    const organId = await t.orgId("unit:organ");
    const villageId = await t.orgId("village:a1");
    const created = await coordinator.request({
      method: "POST",
      url: "/api/pairings",
      payload: {
        helperOrgId: organId,
        recipientOrgId: villageId,
        startsOn: day(-120),
        endsOn: day(900),
        goals: "共建",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as PairingDetail).id;

    // The village: the organ is its partner; 120 days without a joint activity is past the 90 the rhythm allows.
    const secretary = await t.login("secretary");
    const village = card(await home(secretary), "pairings") as PairingsCard;
    expect(village).toMatchObject({ id: "pairings", total: 1 });
    expect(village.items[0]).toMatchObject({
      id,
      side: "recipient",
      partner: { type: "org", id: organId },
      status: "active",
      rhythm: {
        lastActivityOn: null,
        daysSinceLastActivity: null,
        daysSinceStart: 120,
        lapsed: true,
        lapseAfterDays: 90,
      },
    });
    // The organ: the village is its partner.
    const organ = card(await home(await t.login("organsec")), "pairings") as PairingsCard;
    expect(organ.items.map((p) => [p.id, p.side, p.partner.id])).toEqual([[id, "helper", villageId]]);
    // The coordinator above both is no side of it.
    expect(card(await home(coordinator), "pairings")).toBeUndefined();

    // A visit yesterday: the rhythm is back, on the card and on the pairing's page alike.
    const visit = await secretary.request({
      method: "POST",
      url: `/api/pairings/${id}/visits`,
      payload: { visitedOn: day(-1), notes: "联合主题党日" },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const rhythm = { lastActivityOn: day(-1), daysSinceLastActivity: 1, daysSinceStart: 120, lapsed: false };
    expect((card(await home(secretary), "pairings") as PairingsCard).items[0]?.rhythm).toMatchObject(rhythm);
    const detail = (await secretary.request({ method: "GET", url: `/api/pairings/${id}` })).json() as PairingDetail;
    expect(detail.rhythm).toMatchObject(rhythm);
    expect(detail.projects).toEqual([]);

    // A dissolved pairing leaves the card.
    const dissolved = await coordinator.request({
      method: "POST",
      url: `/api/pairings/${id}/dissolve`,
      payload: { reason: "测试结束" },
    });
    expect(dissolved.statusCode, dissolved.body).toBe(200);
    expect(card(await home(secretary), "pairings")).toBeUndefined();
  });
});
