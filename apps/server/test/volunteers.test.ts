import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Volunteer teams and service requests (党员志愿服务队, issue 11) through the API: a team under an
 * organization with members of it; a member asks for help for themself; every role of the county
 * sees the open request, a team's managers claim it, complete it with hours per volunteer (the
 * ledger each volunteer reads), and the person helped rates it once.
 */
describe(`volunteer teams and service requests (${testDatabaseKind})`, () => {
  let t: TestContext;
  let town: Session; // town:a's coordinator
  let secretary: Session; // village:a1's secretary, the member 钟一
  let secb: Session; // village:b1's secretary
  let member: Session; // 刘二 (village:a1)
  let leader: Session;
  let teamId = 0;
  let requestId = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const key of ["town:a", "village:a1", "village:b1"]) ids[key] = await t.orgId(key);
    for (const name of ["钟一", "刘二", "王四", "林五"]) ids[name] = await t.memberId(name);
    town = await t.login("town");
    secretary = await t.login("secretary");
    secb = await t.login("secb");
    member = await t.login("member");
    leader = await t.login("leader");
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, payload?: Record<string, unknown>) =>
    s.request({ method: "POST", url, ...(payload ? { payload } : {}) });

  it("forms a team under the town with members of its villages; a member from elsewhere is refused by name", async () => {
    const outside = await post(town, "/api/volunteer-teams", {
      orgId: ids["town:a"],
      name: "中山镇党员志愿服务队",
      members: [{ memberId: ids.林五 as number }],
    });
    expectError(outside, 400, { field: "members" });
    const res = await post(town, "/api/volunteer-teams", {
      orgId: ids["town:a"],
      name: "中山镇党员志愿服务队",
      description: "助老、农技、义诊",
      members: [
        { memberId: ids.钟一, skills: "农机维修" },
        { memberId: ids.王四, skills: "电工" },
      ],
    });
    expect(res.statusCode).toBe(201);
    teamId = res.json().id;
    expect(res.json()).toMatchObject({ org: { id: ids["town:a"] }, abilities: { manage: true } });
    expect(
      res
        .json()
        .members.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(["王四", "钟一"].sort());
    expectError(await post(town, "/api/volunteer-teams", { orgId: ids["town:a"], name: "中山镇党员志愿服务队" }), 409, {
      code: "volunteerTeam.exists",
    });
    expectError(await post(secb, "/api/volunteer-teams", { orgId: ids["town:a"], name: "越权" }), 400, {
      field: "orgId",
    });
    expectError(await post(leader, "/api/volunteer-teams", { orgId: ids["town:a"], name: "越权" }), 403);
  });

  it("a member asks for help for themself; the request is their organization's and published to the county", async () => {
    expectError(await post(member, "/api/service-requests", { title: "x", description: "x" }), 400, {
      field: "orgId",
    });
    // Not for someone else, and not for an organization they do not act for.
    expectError(await post(member, "/api/service-requests", { memberId: ids.钟一, title: "x", description: "x" }), 400);
    const res = await post(member, "/api/service-requests", {
      memberId: ids.刘二,
      title: "老屋屋顶漏雨需修补",
      description: "家中无青壮劳力，请帮忙修补屋顶",
    });
    expect(res.statusCode).toBe(201);
    requestId = res.json().id;
    expect(res.json()).toMatchObject({
      status: "open",
      org: { id: ids["village:a1"] },
      member: { id: ids.刘二 },
      abilities: { claim: false, feedback: false },
    });
    // Another town's branch sees it to claim it; so does the leader; the member sees their own.
    for (const s of [secb, leader, member]) {
      const list = await s.request({ method: "GET", url: "/api/service-requests?status=open" });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { id: number }) => i.id)).toContain(requestId);
    }
    const mine = await member.request({ method: "GET", url: "/api/service-requests?mine=true" });
    expect(mine.json().total).toBe(1);
    // The person in difficulty is named to the request's own sides (and those above), not to the
    // county it is published to: another town's branch sees the village, not 刘二.
    const named = async (s: Session) =>
      (await s.request({ method: "GET", url: "/api/service-requests?status=open" }))
        .json()
        .items.find((i: { id: number }) => i.id === requestId).member;
    expect(await named(secb)).toBeNull();
    expect(await named(leader)).toMatchObject({ id: ids.刘二, name: "刘二" });
    expect(await named(secretary)).toMatchObject({ id: ids.刘二 });
    expect(await named(member)).toMatchObject({ id: ids.刘二 });
  });

  it("a team's managers claim it; another side cannot claim with a team that is not theirs", async () => {
    expectError(await post(secb, `/api/service-requests/${requestId}/claim`, { teamId }), 400, { field: "teamId" });
    expectError(await post(leader, `/api/service-requests/${requestId}/claim`, { teamId }), 403);
    const res = await post(town, `/api/service-requests/${requestId}/claim`, { teamId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "claimed", team: { id: teamId }, abilities: { complete: true } });
    expectError(await post(town, `/api/service-requests/${requestId}/claim`, { teamId }), 409, {
      code: "serviceRequest.notOpen",
    });
    // No longer open: the other town's branch no longer sees it.
    expectError(await secb.request({ method: "GET", url: `/api/service-requests/${requestId}` }), 404);
  });

  it("completes with hours per volunteer (team members only); each volunteer's ledger shows them", async () => {
    expectError(
      await post(town, `/api/service-requests/${requestId}/complete`, {
        servedOn: "2026-01-10",
        hours: [{ memberId: ids.林五, hours: 2 }],
      }),
      400,
      { field: "hours" },
    );
    expectError(
      await post(town, `/api/service-requests/${requestId}/complete`, {
        servedOn: "2026-01-10",
        hours: [{ memberId: ids.钟一, hours: 2.25 }],
      }),
      400,
    );
    const res = await post(town, `/api/service-requests/${requestId}/complete`, {
      servedOn: "2026-01-10",
      hours: [
        { memberId: ids.钟一, hours: 2.5 },
        { memberId: ids.王四, hours: 3 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "completed", servedOn: "2026-01-10" });
    const ledger = await secretary.request({ method: "GET", url: "/api/volunteer-hours" });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json()).toMatchObject({
      total: 2.5,
      entries: [{ requestId, title: "老屋屋顶漏雨需修补", team: "中山镇党员志愿服务队", hours: 2.5 }],
    });
    const none = await member.request({ method: "GET", url: "/api/volunteer-hours" });
    expect(none.json()).toEqual({ total: 0, entries: [] });
    const team = await town.request({ method: "GET", url: `/api/volunteer-teams/${teamId}` });
    expect(team.json().members.find((m: { id: number }) => m.id === ids.王四).hours).toBe(3);
  });

  it("the person helped rates it once; others cannot", async () => {
    expectError(await post(leader, `/api/service-requests/${requestId}/feedback`, { rating: 1 }), 403);
    const res = await post(member, `/api/service-requests/${requestId}/feedback`, { rating: 5, comment: "修得很好" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rating: 5, comment: "修得很好", abilities: { feedback: false } });
    expectError(await post(member, `/api/service-requests/${requestId}/feedback`, { rating: 4 }), 409);
  });

  it("a secretary asks for their village, not for another", async () => {
    const ok = await post(secretary, "/api/service-requests", {
      orgId: ids["village:a1"],
      title: "村文化广场清扫",
      description: "周末集中清扫",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ member: null, abilities: { claim: true } });
    expectError(
      await post(secretary, "/api/service-requests", { orgId: ids["village:b1"], title: "x", description: "x" }),
      400,
      { field: "orgId" },
    );
  });
});
