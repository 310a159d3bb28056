import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Secondments (城乡干部双向交流, issue 11) through the API: a village secretary sends a cadre to
 * shadow-learn at the county's finance bureau; the host logs work; each side evaluates once, for
 * its own side only; the cadre reads their own; unrelated branches do not see it.
 */
describe(`secondments (${testDatabaseKind})`, () => {
  let t: TestContext;
  let secretary: Session; // village:a1
  let organsec: Session; // unit:organ, the host
  let secb: Session; // village:b1, unrelated
  let coordinator: Session;
  let leader: Session;
  let id = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const key of ["village:a1", "unit:organ", "village:b1"]) ids[key] = await t.orgId(key);
    ids.liu = await t.memberId("刘二");
    ids.lin = await t.memberId("林五");
    secretary = await t.login("secretary");
    organsec = await t.login("organsec");
    secb = await t.login("secb");
    coordinator = await t.login("coordinator");
    leader = await t.login("leader");
  }, 120_000);
  afterAll(async () => t?.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    memberId: ids.liu,
    hostOrgId: ids["unit:organ"],
    kind: "shadow_learning",
    startsOn: "2026-01-05",
    endsOn: "2026-06-30",
    plan: "跟班学习财政预算编制和乡村振兴资金管理",
    ...extra,
  });
  const post = (s: Session, url: string, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url, payload });

  it("the cadre's own organization sends them; host, period and kind are checked", async () => {
    expectError(await post(secretary, "/api/secondments", body({ endsOn: "2025-12-31" })), 400, { field: "endsOn" });
    expectError(await post(secretary, "/api/secondments", body({ hostOrgId: ids["village:a1"] })), 400, {
      field: "hostOrgId",
    });
    expectError(await post(secretary, "/api/secondments", body({ kind: "holiday" })), 400, { field: "kind" });
    expectError(await post(secretary, "/api/secondments", body({ memberId: ids.lin })), 400, { field: "memberId" });
    expectError(await post(leader, "/api/secondments", body()), 403);
    const res = await post(secretary, "/api/secondments", body());
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      kind: "shadow_learning",
      member: { id: ids.liu },
      homeOrg: { id: ids["village:a1"] },
      hostOrg: { id: ids["unit:organ"] },
      evaluations: { home: null, host: null },
      abilities: { log: true, evaluate: true },
    });
  });

  it("both sides and the coordinator see it; an unrelated branch does not", async () => {
    for (const s of [organsec, coordinator, leader]) {
      const list = await s.request({ method: "GET", url: "/api/secondments" });
      expect(list.json().items.map((x: { id: number }) => x.id)).toContain(id);
    }
    expect((await secb.request({ method: "GET", url: "/api/secondments" })).json().total).toBe(0);
    expectError(await secb.request({ method: "GET", url: `/api/secondments/${id}` }), 404);
  });

  it("the host logs work; each side evaluates once, for its own side only", async () => {
    const log = await post(organsec, `/api/secondments/${id}/logs`, {
      loggedOn: "2026-01-10",
      content: "参加预算评审会",
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().logs).toMatchObject([{ loggedOn: "2026-01-10", content: "参加预算评审会" }]);
    expectError(await post(secb, `/api/secondments/${id}/logs`, { loggedOn: "2026-01-10", content: "x" }), 404);
    expectError(
      await post(organsec, `/api/secondments/${id}/evaluate`, { side: "home", rating: 5, comment: "x" }),
      400,
      { field: "side" },
    );
    const host = await post(organsec, `/api/secondments/${id}/evaluate`, {
      side: "host",
      rating: 4,
      comment: "学习认真，能独立完成预算初审",
    });
    expect(host.statusCode).toBe(200);
    const home = await post(secretary, `/api/secondments/${id}/evaluate`, {
      side: "home",
      rating: 5,
      comment: "回村后牵头编制了村级预算",
    });
    expect(home.json().evaluations).toMatchObject({ home: { rating: 5 }, host: { rating: 4 } });
    expectError(
      await post(organsec, `/api/secondments/${id}/evaluate`, { side: "host", rating: 1, comment: "x" }),
      409,
    );
  });

  it("the cadre reads their own secondment", async () => {
    const member = await t.login("member"); // 刘二
    const list = await member.request({ method: "GET", url: "/api/secondments" });
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([id]);
  });
});
