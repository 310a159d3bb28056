import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonAncestorPath } from "../src/modules/joint-branches/joint-branches.service.ts";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Joint branches (联建, issue 9) through the API: formed from an active organization pairing by a
 * coordinator over both sides, under their common superior, co-managing members of both sides —
 * all in one command that writes nothing when any part is refused.
 */
describe(`joint branches (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session; // the county's
  let town: Session; // town:a's coordinator: village:a1 is theirs, community:p (under the county) is not
  let village: Session; // village:a1's secretary
  let outsider: Session; // community:q's secretary: sees neither side, coordinates nothing
  const ids: Record<string, number> = {};
  let pairingId = 0;
  let proposedId = 0;

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["county", "town:a", "village:a1", "village:a2", "community:p", "community:q", "unit:organ"]) {
      ids[key] = await t.orgId(key);
    }
    const insert = async (helper: string, recipient: string, status: string) =>
      (
        await t.database.db
          .insertInto("pairings")
          .values({
            helper_org_id: ids[helper] as number,
            recipient_org_id: ids[recipient] as number,
            form: "urban_rural",
            status,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    pairingId = await insert("community:p", "village:a1", "active");
    proposedId = await insert("unit:organ", "village:a2", "proposed");
    coordinator = await t.login("coordinator");
    town = await t.login("town");
    village = await t.login("secretary");
    outsider = await t.login("commsecq");
  }, 120_000);
  afterAll(async () => t?.close());

  const form = (s: Session, id: number, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url: `/api/pairings/${id}/joint-branch`, payload });
  const orgCount = async () =>
    (
      await t.database.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("the common superior of two paths", () => {
    expect(commonAncestorPath("/1/3/7/", "/1/3/9/12/")).toBe("/1/3/");
    expect(commonAncestorPath("/1/3/", "/1/3/9/")).toBe("/1/3/");
    expect(commonAncestorPath("/1/2/", "/1/5/")).toBe("/1/");
  });

  it("refuses what is wrong, naming the field, and writes nothing", async () => {
    const before = await orgCount();
    const 钟一 = await t.memberId("钟一");
    const 李三 = await t.memberId("李三"); // village:a1, co-managed by unit:organ already
    const 王四 = await t.memberId("王四"); // village:a2: neither side
    expectError(await form(coordinator, pairingId, { name: "", kind: "village_community" }), 400, { field: "name" });
    expectError(await form(coordinator, pairingId, { name: "联建支部", kind: "partnership" }), 400, { field: "kind" });
    // A member of neither side: named by number only.
    const outside = await form(coordinator, pairingId, {
      name: "联建支部",
      kind: "village_community",
      memberIds: [钟一, 王四],
    });
    expectError(outside, 400, { field: "memberIds" });
    expect(outside.json().error.message).toContain(`#${王四}`);
    expect(outside.json().error.message).not.toContain("王四");
    // A member co-managed elsewhere: a member has one co-managing organization.
    const taken = await form(coordinator, pairingId, {
      name: "联建支部",
      kind: "village_community",
      memberIds: [李三],
    });
    expectError(taken, 400, { field: "memberIds" });
    expect(taken.json().error.message).toContain("李三");
    // Not active; not the caller's (town:a reaches village:a1 but not community:p under the county); not seen.
    expectError(await form(coordinator, proposedId, { name: "联建支部", kind: "village_community" }), 409, {
      code: "pairing.notActive",
    });
    expectError(await form(town, pairingId, { name: "联建支部", kind: "village_community" }), 403, {
      code: "jointBranch.outsideJurisdiction",
    });
    // Secretaries do not coordinate (no pairing.solve), whether they see the pairing or not.
    expectError(await form(village, pairingId, { name: "联建支部", kind: "village_community" }), 403);
    expectError(await form(outsider, pairingId, { name: "联建支部", kind: "village_community" }), 403);
    // Nothing of the refused attempts was kept: no organization, no link, no co-management.
    expect(await orgCount()).toBe(before);
    expect(await t.database.db.selectFrom("joint_branches").selectAll().execute()).toEqual([]);
    const 钟一Now = await t.database.db
      .selectFrom("members")
      .select("co_org_id")
      .where("id", "=", 钟一)
      .executeTakeFirstOrThrow();
    expect(钟一Now.co_org_id).toBeNull();
  });

  it("forms one under the common superior, co-managing members of both sides, audited, once", async () => {
    // Before: the county's coordinator may form one, the village's secretary may not.
    const before = (s: Session) => s.request({ method: "GET", url: `/api/pairings/${pairingId}/joint-branch` });
    expect((await before(coordinator)).json()).toEqual({ jointBranch: null, abilities: { form: true } });
    expect((await before(village)).json()).toEqual({ jointBranch: null, abilities: { form: false } });
    const 钟一 = await t.memberId("钟一");
    const 刘二 = await t.memberId("刘二");
    const res = await form(coordinator, pairingId, {
      name: "城关社区三联村联合党支部",
      kind: "village_community",
      memberIds: [钟一, 刘二],
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    // community:p is under the county, village:a1 under town:a: their common superior is the county.
    expect(made).toMatchObject({
      name: "城关社区三联村联合党支部",
      kind: "village_community",
      pairingId,
      parent: { id: ids.county, name: "中共武平县委员会" },
      members: { helper: 0, recipient: 2 },
    });
    const org = await t.database.db
      .selectFrom("organizations")
      .select(["kind", "category", "area", "parent_id"])
      .where("id", "=", made.id)
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ kind: "joint_branch", category: "village", area: "rural", parent_id: ids.county });
    // Its members keep their primary organization and appear on the joint branch's roster.
    const roster = (await coordinator.request({ method: "GET", url: `/api/members?orgId=${made.id}` })).json();
    expect(roster.items.map((m: { name: string }) => m.name).sort()).toEqual(["刘二", "钟一"]);
    expect(roster.items.every((m: { primaryOrg: { id: number } }) => m.primaryOrg.id === ids["village:a1"])).toBe(true);
    // Both sides' people see it through the pairing; once only.
    expect((await village.request({ method: "GET", url: `/api/pairings/${pairingId}/joint-branch` })).json()).toEqual({
      jointBranch: made,
      abilities: { form: false },
    });
    expect((await village.request({ method: "GET", url: `/api/pairings/${proposedId}/joint-branch` })).statusCode).toBe(
      404,
    );
    expectError(await form(coordinator, pairingId, { name: "再建一个", kind: "village_community" }), 409, {
      code: "jointBranch.exists",
    });
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "target_id", "result"])
      .where("action", "=", "jointBranch.create")
      .orderBy("id")
      .execute();
    expect(audit.filter((a) => a.result === "success")).toHaveLength(1);
    expect(audit.some((a) => a.result !== "success")).toBe(true);
  });
});
