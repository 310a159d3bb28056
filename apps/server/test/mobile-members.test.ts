import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "../src/platform/china-time.ts";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Mobile members (流动党员, issue 11) through the API: the origin registers an outflow, the
 * destination receives the member and records their activities, the origin reads them; the
 * out-of-contact flag follows the last contact date; each side may do only its own steps.
 */
describe(`mobile members (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session; // village:a1's secretary: the origin
  let community: Session; // community:p's secretary: the destination
  let stranger: Session; // community:q's secretary
  let member: Session; // 刘二 (village:a1)
  const ids: Record<string, number> = {};
  const today = chinaDate(new Date());
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["village:a1", "community:p", "community:q"]) ids[key] = await t.orgId(key);
    village = await t.login("secretary");
    community = await t.login("commsec");
    stranger = await t.login("commsecq");
    member = await t.login("member");
  }, 120_000);
  afterAll(async () => t?.close());

  const register = (s: Session, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url: "/api/mobile-members", payload });
  const act = (s: Session, id: number, action: string, payload?: Record<string, unknown>) =>
    s.request({ method: "POST", url: `/api/mobile-members/${id}/${action}`, ...(payload ? { payload } : {}) });
  let registrationId = 0;

  it("refuses a registration without a destination or returning before leaving, naming the field", async () => {
    const 钟一 = await t.memberId("钟一");
    const base = { memberId: 钟一, reason: "work", contact: "微信 zhongyi", leftOn: daysAgo(200) };
    expectError(await register(village, base), 400, { field: "destOrgId" });
    expectError(await register(village, { ...base, destPlace: "厦门", expectedReturn: daysAgo(300) }), 400, {
      field: "expectedReturn",
    });
    expectError(await register(village, { ...base, destOrgId: ids["village:a1"] }), 400, { field: "destOrgId" });
    expectError(await register(village, { ...base, destPlace: "厦门", reason: "holiday" }), 400, { field: "reason" });
    expectError(await register(stranger, { ...base, destPlace: "厦门" }), 400, { field: "memberId" });
  });

  it("registers an outflow, flagged out of contact after the configured days; one open per member", async () => {
    const 钟一 = await t.memberId("钟一");
    const res = await register(village, {
      memberId: 钟一,
      destOrgId: ids["community:p"],
      destPlace: "城关社区某物流园",
      reason: "work",
      contact: "手机 13912345678",
      leftOn: daysAgo(200),
      expectedReturn: daysAgo(-100),
    });
    expect(res.statusCode).toBe(201);
    registrationId = res.json().id;
    // The contact is personal data: masked on screen, ciphertext at rest.
    expect(res.json().contact).toBe("手机 139****5678");
    const stored = await t.database.db
      .selectFrom("mobile_members")
      .select(["contact_enc", "contact_masked"])
      .where("id", "=", registrationId)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.contact_enc).toString("latin1")).not.toContain("13912345678");
    expect(t.cipher.decrypt(stored.contact_enc)).toBe("手机 13912345678");
    expect(res.json()).toMatchObject({
      status: "registered",
      outOfContact: true,
      outOfContactDays: 180,
      destOrg: { id: ids["community:p"] },
      abilities: { receive: false, recordActivity: false, contact: true, close: true },
    });
    expectError(
      await register(village, { memberId: 钟一, destPlace: "厦门", reason: "work", contact: "电话", leftOn: today }),
      409,
      { code: "mobileMember.open" },
    );
    const flagged = (await village.request({ method: "GET", url: "/api/mobile-members?outOfContact=true" })).json();
    expect(flagged.items.map((x: { id: number }) => x.id)).toEqual([registrationId]);
    // The destination was told.
    const told = await t.database.db.selectFrom("notifications").select("kind").execute();
    expect(told.some((n) => n.kind === "mobileMember.registered")).toBe(true);
  });

  it("lets only the destination receive and record activities, which the origin sees", async () => {
    expectError(await act(village, registrationId, "receive"), 403);
    expect((await stranger.request({ method: "GET", url: `/api/mobile-members/${registrationId}` })).statusCode).toBe(
      404,
    );
    const received = await act(community, registrationId, "receive");
    expect(received.json()).toMatchObject({ status: "received", outOfContact: false, lastContactOn: today });
    expectError(await act(community, registrationId, "receive"), 409, { code: "mobileMember.notRegistered" });

    expectError(
      await act(village, registrationId, "activities", { occurredOn: today, description: "参加支部主题党日" }),
      403,
    );
    expectError(
      await act(community, registrationId, "activities", { occurredOn: daysAgo(-3), description: "未来" }),
      400,
      { field: "occurredOn" },
    );
    const recorded = await act(community, registrationId, "activities", {
      occurredOn: today,
      description: "参加社区主题党日，志愿服务两小时",
    });
    expect(recorded.statusCode).toBe(201);
    const seen = (
      await village.request({ method: "GET", url: `/api/mobile-members/${registrationId}/activities` })
    ).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({
      description: "参加社区主题党日，志愿服务两小时",
      org: { id: ids["community:p"] },
      by: "commsec",
    });
    expect(
      (await stranger.request({ method: "GET", url: `/api/mobile-members/${registrationId}/activities` })).statusCode,
    ).toBe(404);
  });

  it("lets a member register their own outflow to a place; the origin closes, the destination may not", async () => {
    const 刘二 = await t.memberId("刘二");
    const own = await register(member, {
      memberId: 刘二,
      destPlace: "广东省深圳市",
      reason: "family",
      contact: "电话 138****0000",
      leftOn: daysAgo(10),
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ destOrg: null, destPlace: "广东省深圳市", outOfContact: false });
    expectError(await act(community, registrationId, "close"), 403);
    const contacted = await act(village, own.json().id, "contact", { contactedOn: today });
    expect(contacted.json().lastContactOn).toBe(today);
    const closed = await act(village, registrationId, "close");
    expect(closed.json()).toMatchObject({ status: "closed", outOfContact: false });
    expectError(await act(village, registrationId, "close"), 409, { code: "mobileMember.closed" });
    const mine = (await member.request({ method: "GET", url: "/api/mobile-members" })).json();
    expect(mine.items.map((x: { member: { id: number } }) => x.member.id)).toEqual([刘二]);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("result", "=", "success")
      .where("action", "like", "mobileMember.%")
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "mobileMember.register",
        "mobileMember.receive",
        "mobileMember.activity",
        "mobileMember.contact",
        "mobileMember.close",
      ]),
    );
  });
});

describe(`extension branches for mobile members (${testDatabaseKind})`, () => {
  let t: TestContext;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["county", "village:a1", "village:b1", "community:p", "community:q"])
      ids[key] = await t.orgId(key);
  }, 120_000);
  afterAll(async () => t?.close());

  it("lets a coordinator set up a branch for registrations whose destination lies under it, in one transaction", async () => {
    const coordinator = await t.login("coordinator");
    const village = await t.login("secretary");
    const villageB = await t.login("secb");
    const community = await t.login("commsec");
    const today = chinaDate(new Date());
    const register = async (s: Session, name: string, dest: string) => {
      const res = await s.request({
        method: "POST",
        url: "/api/mobile-members",
        payload: {
          memberId: await t.memberId(name),
          destOrgId: ids[dest],
          reason: "work",
          contact: "电话",
          leftOn: today,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as number;
    };
    const 钟一 = await register(village, "钟一", "community:p");
    const 林五 = await register(villageB, "林五", "community:p");
    const 陈六 = await register(villageB, "陈六", "community:q");
    const 李三 = await register(village, "李三", "community:p"); // co-managed by unit:organ already
    const create = (s: Session, payload: Record<string, unknown>) =>
      s.request({ method: "POST", url: "/api/mobile-members/extension-branch", payload });
    const orgs = async () => (await t.database.db.selectFrom("organizations").select("id").execute()).length;
    const before = await orgs();
    // A secretary does not set up organizations.
    expectError(
      await create(community, { parentId: ids["community:p"], name: "流动党员党支部", mobileMemberIds: [钟一] }),
      403,
    );
    // A registration going elsewhere is named by number, and nothing is written.
    const elsewhere = await create(coordinator, {
      parentId: ids["community:p"],
      name: "流动党员党支部",
      mobileMemberIds: [钟一, 陈六],
    });
    expectError(elsewhere, 400, { field: "mobileMemberIds" });
    expect(elsewhere.json().error.message).toContain(`#${陈六}`);
    // A member co-managed already: named, nothing written (the organization is rolled back too).
    expectError(
      await create(coordinator, {
        parentId: ids["community:p"],
        name: "流动党员党支部",
        mobileMemberIds: [钟一, 李三],
      }),
      400,
      { code: "mobileMember.coManaged", field: "mobileMemberIds" },
    );
    expect(await orgs()).toBe(before);

    const made = await create(coordinator, {
      parentId: ids["community:p"],
      name: "城关社区流动党员党支部",
      mobileMemberIds: [钟一, 林五],
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ name: "城关社区流动党员党支部", members: 2 });
    const branchId = made.json().id as number;
    const branch = await t.database.db
      .selectFrom("organizations")
      .select(["parent_id", "kind", "category"])
      .where("id", "=", branchId)
      .executeTakeFirstOrThrow();
    expect(branch).toMatchObject({ parent_id: ids["community:p"], kind: "branch", category: "urban_community" });
    const co = await t.database.db
      .selectFrom("members")
      .select(["name", "co_org_id"])
      .where("name", "in", ["钟一", "林五"])
      .execute();
    expect(co.every((m) => m.co_org_id === branchId)).toBe(true);
    // The branch is now their destination; the community above it still receives them.
    const seen = (await community.request({ method: "GET", url: `/api/mobile-members/${钟一}` })).json();
    expect(seen).toMatchObject({ destOrg: { id: branchId }, abilities: { receive: true } });
  });
});
