import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Suggestions (issue 8, item 5): for a need, helper organizations and resources ranked by fit; for
 * a resource, needs. A small county where the order is clear: a community of the need's own town
 * with a matching resource and good ratings first, a community of the other town (poorly rated,
 * busy) lower, and a resource offered to its superiors only never shown to those it is not for.
 */
describe(`suggestions (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session; // secretary of village:a1, whose need it is
  let commA: Session; // secretary of community:a (in town:a, like village:a1)
  let commB: Session; // secretary of community:b (in town:b)
  let commQ: Session; // secretary of community:q (under the county)
  let coordinator: Session;
  let leader: Session;
  const ids: Record<string, number> = {};
  let need = 0;
  let farNeed = 0;
  let privateNeed = 0;
  let resourceA = 0;
  let resourceB = 0;
  let privateResource = 0;

  const county = helpCounty();
  const base = county.orgs.find((o) => o.key === "community:p") as (typeof county.orgs)[number];
  county.orgs.push(
    { ...base, key: "community:a", parentKey: "town:a", name: "中共中山镇城北社区委员会" },
    { ...base, key: "community:b", parentKey: "town:b", name: "中共岩前镇新街社区委员会" },
  );
  for (const [username, orgKey] of [
    ["commseca", "community:a"],
    ["commsecb", "community:b"],
  ] as const) {
    county.accounts.push({ username, displayName: username, roles: [{ role: "secretary", orgKey }] });
  }

  const post = (s: Session, url: string, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url, payload });
  const get = (s: Session, url: string, language = "zh-CN") =>
    s.request({ method: "GET", url, headers: { "accept-language": language } });
  const created = async (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestContext({ county });
    for (const key of ["county", "town:a", "village:a1", "village:a2", "village:b1", "unit:organ"]) {
      ids[key] = await t.orgId(key);
    }
    for (const key of ["community:a", "community:b", "community:q"]) ids[key] = await t.orgId(key);
    village = await t.login("secretary");
    commA = await t.login("commseca");
    commB = await t.login("commsecb");
    commQ = await t.login("commsecq");
    coordinator = await t.login("coordinator");
    leader = await t.login("leader");
    const secb = await t.login("secb");
    const seca2 = await t.login("seca2");

    const needBody = (orgId: number, extra: Record<string, unknown> = {}) => ({
      orgId,
      category: "venue",
      title: "村级活动场所改造",
      description: "村党群服务中心年久失修，需要场地设备和布置方面的帮助。",
      visibility: "region",
      deadline: "2099-06-30",
      ...extra,
    });
    need = await created(await post(village, "/api/needs", needBody(ids["village:a1"] as number)));
    farNeed = await created(
      await post(secb, "/api/needs", needBody(ids["village:b1"] as number, { title: "灵岩村阵地建设" })),
    );
    // Offered to its own superiors only: nobody outside town:a's line sees it.
    privateNeed = await created(
      await post(
        seca2,
        "/api/needs",
        needBody(ids["village:a2"] as number, { title: "龙济村阵地", visibility: "superiors" }),
      ),
    );

    const resourceBody = (orgId: number, extra: Record<string, unknown> = {}) => ({
      orgId,
      category: "venue",
      title: "社区党群服务中心",
      description: "可提供会议室、投影设备，周末开放。",
      visibility: "region",
      availableFrom: "2024-01-01",
      availableTo: "2099-12-31",
      ...extra,
    });
    resourceA = await created(await post(commA, "/api/resources", resourceBody(ids["community:a"] as number)));
    resourceB = await created(
      await post(commB, "/api/resources", resourceBody(ids["community:b"] as number, { title: "新街社区活动室" })),
    );
    privateResource = await created(
      await post(
        commQ,
        "/api/resources",
        resourceBody(ids["community:q"] as number, { title: "平川社区礼堂", visibility: "superiors" }),
      ),
    );
    // Not a venue: ranks below the venues of the same organization's neighbours.
    await created(
      await post(
        commA,
        "/api/resources",
        resourceBody(ids["community:a"] as number, { category: "volunteers", title: "社区志愿者队伍" }),
      ),
    );

    // History: community:a helped twice, rated 5 and 4; community:b once, rated 2, and is busy now.
    const db = t.database.db;
    const creator = (
      await db.selectFrom("users").select("id").where("username", "=", "coordinator").executeTakeFirstOrThrow()
    ).id;
    const past = async (helper: number, rating: number) => {
      const n = await db
        .insertInto("needs")
        .values({
          org_id: ids["village:a2"] as number,
          category: "venue",
          title: "往年需求",
          description: "往年需求",
          expected_outcome: null,
          budget_fen: null,
          deadline: null,
          urgency: "normal",
          visibility: "superiors",
          published_org_id: null,
          status: "confirmed",
          rating,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const project = await db
        .insertInto("projects")
        .values({
          title: "往年项目",
          need_id: n.id,
          resource_id: null,
          started_on: "2023-01-01",
          status: "completed",
          ended_at: "2023-12-31T00:00:00Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("claims")
        .values({
          project_id: project.id,
          need_id: n.id,
          resource_id: null,
          direction: "offer",
          helper_org_id: helper,
          recipient_org_id: ids["village:a2"] as number,
          message: null,
          status: "accepted",
          created_by: creator,
        })
        .execute();
    };
    await past(ids["community:a"] as number, 5);
    await past(ids["community:a"] as number, 4);
    await past(ids["community:b"] as number, 2);
    for (let i = 0; i < 2; i++) {
      const p = await db
        .insertInto("projects")
        .values({ title: "进行中的项目", need_id: null, resource_id: null, started_on: "2024-01-01" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("project_parties")
        .values([
          { project_id: p.id, org_id: ids["community:b"] as number, side: "helper" },
          { project_id: p.id, org_id: ids["village:b1"] as number, side: "recipient" },
        ])
        .execute();
    }
  }, 120_000);
  afterAll(async () => t?.close());

  type Item = {
    kind: string;
    id: number;
    org: { id: number };
    score: number;
    factors: Array<Record<string, unknown>>;
    reason: string;
  };

  it("ranks a need's resources: the same town's matching, well-rated venue first; an unseen one absent", async () => {
    const res = await get(village, `/api/needs/${need}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const { resources, organizations } = res.json() as { resources: Item[]; organizations: Item[] };
    const order = resources.map((r) => r.id);
    expect(order.slice(0, 2)).toEqual([resourceA, resourceB]);
    expect(order).not.toContain(privateResource);
    // Scores fall as the list goes on.
    const scores = resources.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const first = resources[0] as Item;
    expect(first.kind).toBe("resource");
    expect(first.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "category", match: true }),
        expect.objectContaining({ code: "distance", hops: 2 }),
        expect.objectContaining({ code: "availability", available: true }),
        expect.objectContaining({ code: "rating", average: 4.5, count: 2 }),
        expect.objectContaining({ code: "load", activeProjects: 0 }),
      ]),
    );
    expect(first.reason).toContain("类别对口");
    expect(first.reason).toContain("4.5");
    const second = resources[1] as Item;
    expect(second.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "distance", hops: 4 }),
        expect.objectContaining({ code: "rating", average: 2, count: 1 }),
        expect.objectContaining({ code: "load", activeProjects: 2 }),
      ]),
    );
    // The points add up to the score.
    for (const r of resources) {
      const sum = r.factors.reduce((s, f) => s + (f.points as number), 0);
      expect(Math.abs(sum - r.score)).toBeLessThan(0.2);
    }

    // Helper organizations the village sees: the owners of resources it sees, in the same order;
    // community:q, whose only resource is its superiors', is not among them.
    const orgs = organizations.map((o) => o.id);
    expect(orgs.slice(0, 2)).toEqual([ids["community:a"], ids["community:b"]]);
    expect(orgs).not.toContain(ids["community:q"]);
    // Never the need's own line (itself, its town, the county).
    for (const key of ["village:a1", "town:a", "county"]) expect(orgs).not.toContain(ids[key]);
  });

  it("renders the reason in the request's language", async () => {
    const res = await get(village, `/api/needs/${need}/suggestions`, "en");
    const first = (res.json() as { resources: Item[] }).resources[0] as Item;
    expect(first.reason).toMatch(/the category fits; 2 steps apart/);
    const tw = await get(village, `/api/needs/${need}/suggestions`, "zh-TW");
    expect((tw.json() as { resources: Item[] }).resources[0]?.reason).toContain("類別對口");
  });

  it("shows the county coordinator every organization of the county, the same town's community first", async () => {
    const res = await get(coordinator, `/api/needs/${need}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const { organizations, resources } = res.json() as { resources: Item[]; organizations: Item[] };
    expect(organizations[0]?.id).toBe(ids["community:a"]);
    expect(organizations.map((o) => o.id)).toContain(ids["community:q"]);
    // The coordinator is a superior of community:q: its superiors-only resource is theirs to see.
    expect(resources.map((r) => r.id)).toContain(privateResource);
  });

  it("ranks open needs for a resource, near before far, unseen ones absent", async () => {
    const res = await get(commA, `/api/resources/${resourceA}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const { needs } = res.json() as { needs: Item[] };
    const order = needs.map((n) => n.id);
    expect(order.slice(0, 2)).toEqual([need, farNeed]);
    expect(order).not.toContain(privateNeed);
    expect(needs[0]?.factors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "category", match: true }),
        expect.objectContaining({ code: "distance", hops: 2 }),
        expect.objectContaining({ code: "urgency", urgency: "normal" }),
      ]),
    );
  });

  it("answers 404 for an unseen need or resource, 403 for a role that only reads", async () => {
    expectError(await get(commA, `/api/needs/${privateNeed}/suggestions`), 404);
    expectError(await get(village, `/api/resources/${privateResource}/suggestions`), 404);
    expectError(await get(commA, "/api/needs/999999/suggestions"), 404);
    expectError(await get(leader, `/api/needs/${need}/suggestions`), 403);
    expectError(await get(await t.login("auditor"), `/api/needs/${need}/suggestions`), 403);
  });
});
