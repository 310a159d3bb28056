import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Membership transfers (组织关系转接, issue 11) through the API: requested by the sending side or
 * the member, accepted or rejected by the receiving side (across jurisdictions), at most one open
 * per member under any concurrency (the database's partial unique index), the member moving in
 * the acceptance's transaction, and a transfer out of the platform ending with the member off the
 * active roster.
 */
describe(`membership transfers (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session; // the county's: the common superior of everything
  let town: Session; // town:a's coordinator: above village:a1, not above village:b1
  let village: Session; // village:a1's secretary (the sending side)
  let villageB: Session; // village:b1's secretary
  let villageA2: Session; // village:a2's secretary
  let member: Session; // 刘二 (village:a1), the member role
  let leader: Session;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["county", "town:a", "village:a1", "village:a2", "village:b1", "community:p", "community:q"]) {
      ids[key] = await t.orgId(key);
    }
    coordinator = await t.login("coordinator");
    town = await t.login("town");
    village = await t.login("secretary");
    villageB = await t.login("secb");
    villageA2 = await t.login("seca2");
    member = await t.login("member");
    leader = await t.login("leader");
  }, 120_000);
  afterAll(async () => t?.close());

  const request = (s: Session, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url: "/api/transfers", payload });
  const act = (s: Session, id: number, action: string, payload?: Record<string, unknown>) =>
    s.request({ method: "POST", url: `/api/transfers/${id}/${action}`, ...(payload ? { payload } : {}) });

  it("refuses a request without exactly one destination, to the member's own organization, or from outside", async () => {
    const 王四 = await t.memberId("王四"); // village:a2
    expectError(await request(villageA2, { memberId: 王四, reason: "工作调动" }), 400, { field: "toOrgId" });
    expectError(
      await request(villageA2, { memberId: 王四, toOrgId: ids["village:b1"], toOutside: "厦门市", reason: "工作调动" }),
      400,
      { field: "toOrgId" },
    );
    expectError(await request(villageA2, { memberId: 王四, toOrgId: ids["village:a2"], reason: "工作调动" }), 400, {
      code: "transfer.sameOrg",
      field: "toOrgId",
    });
    expectError(await request(villageA2, { memberId: 王四, toOrgId: ids["village:b1"], reason: "" }), 400, {
      field: "reason",
    });
    // village:b1's secretary does not see 王四: the member named in the body is that field's mistake.
    expectError(await request(villageB, { memberId: 王四, toOrgId: ids["village:a1"], reason: "工作调动" }), 400, {
      field: "memberId",
    });
    // A leader sees the member but is not the sending side's secretary.
    expectError(await request(leader, { memberId: 王四, toOrgId: ids["village:b1"], reason: "工作调动" }), 403);
    expect(await t.database.db.selectFrom("membership_transfers").select("id").execute()).toHaveLength(0);
  });

  it("creates exactly one of 50 simultaneous requests for one member; the rest are 409, none 5xx", async () => {
    const 陈六 = await t.memberId("陈六"); // village:b1, moving towards village:a1's town or the communities
    const targets = [ids["village:a1"], ids["village:a2"], ids["community:p"], ids["community:q"]] as number[];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(villageB, { memberId: 陈六, toOrgId: targets[i % targets.length], reason: `外出务工 ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of responses.filter((x) => x.statusCode === 409)) expectError(r, 409, { code: "transfer.open" });
    const created = responses.find((r) => r.statusCode === 201)?.json();
    expect(created).toMatchObject({ status: "pending", member: { id: 陈六 }, fromOrg: { id: ids["village:b1"] } });
    expect(created.letterNo).toMatch(/^JS\d{4}\d{6}$/);
    const rows = await t.database.db
      .selectFrom("membership_transfers")
      .selectAll()
      .where("member_id", "=", 陈六)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("moves the member on acceptance: the receiving secretary sees them, the sending one no longer", async () => {
    const 陈六 = await t.memberId("陈六");
    const [open] = await t.database.db
      .selectFrom("membership_transfers")
      .select(["id", "to_org_id"])
      .where("member_id", "=", 陈六)
      .where("status", "=", "pending")
      .execute();
    const transferId = open?.id as number;
    const receiving = {
      [ids["village:a1"] as number]: village,
      [ids["village:a2"] as number]: villageA2,
      [ids["community:p"] as number]: await t.login("commsec"),
      [ids["community:q"] as number]: await t.login("commsecq"),
    }[open?.to_org_id as number] as Session;
    // Both sides see it, each with what it may do; the sending side may not accept it.
    const seenBySender = (await villageB.request({ method: "GET", url: `/api/transfers/${transferId}` })).json();
    expect(seenBySender.abilities).toEqual({ accept: false, reject: false, cancel: true });
    const seenByReceiver = (await receiving.request({ method: "GET", url: `/api/transfers/${transferId}` })).json();
    expect(seenByReceiver.abilities).toEqual({ accept: true, reject: true, cancel: false });
    expectError(await act(villageB, transferId, "accept"), 403);
    expect((await villageB.request({ method: "GET", url: `/api/members/${陈六}` })).statusCode).toBe(200);
    expect((await receiving.request({ method: "GET", url: `/api/members/${陈六}` })).statusCode).toBe(404);

    const accepted = await act(receiving, transferId, "accept");
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", toOrg: { id: open?.to_org_id } });
    expect(accepted.json().steps.map((s: { action: string }) => s.action)).toEqual(["request", "accept"]);
    expect((await receiving.request({ method: "GET", url: `/api/members/${陈六}` })).statusCode).toBe(200);
    expect((await villageB.request({ method: "GET", url: `/api/members/${陈六}` })).statusCode).toBe(404);
    const row = await t.database.db
      .selectFrom("members")
      .select(["primary_org_id"])
      .where("id", "=", 陈六)
      .executeTakeFirstOrThrow();
    expect(row.primary_org_id).toBe(open?.to_org_id);
    // Decided once: a second acceptance is a conflict.
    expectError(await act(receiving, transferId, "accept"), 409, { code: "transfer.notPending" });
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "result"])
      .where("action", "in", ["transfer.request", "transfer.accept"])
      .where("result", "=", "success")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["transfer.accept", "transfer.request"]);
    // Both sides were told.
    const told = await t.database.db
      .selectFrom("notifications")
      .select("kind")
      .where("kind", "in", ["transfer.requested", "transfer.accepted"])
      .execute();
    expect(told.some((n) => n.kind === "transfer.requested")).toBe(true);
    expect(told.some((n) => n.kind === "transfer.accepted")).toBe(true);
  });

  it("lets the common superior accept across jurisdictions; a coordinator above only the sender may not", async () => {
    const 钟一 = await t.memberId("钟一"); // village:a1
    const created = await request(village, { memberId: 钟一, toOrgId: ids["village:b1"], reason: "婚嫁迁居" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    // The receiving side's home page counts it among the transfers awaiting them; the sender's does not.
    const motion = async (s: Session) =>
      (await s.request({ method: "GET", url: "/api/home" }))
        .json()
        .cards.find((c: { id: string }) => c.id === "motion");
    expect(await motion(villageB)).toMatchObject({ transfersAwaiting: 1 });
    expect((await motion(village))?.transfersAwaiting ?? 0).toBe(0);
    // The sending secretary does not see village:b1, and town:a is not above it: they see the transfer but may not accept.
    expectError(await act(town, id, "accept"), 403);
    expect((await coordinator.request({ method: "GET", url: `/api/transfers/${id}` })).json().abilities.accept).toBe(
      true,
    );
    const done = await act(coordinator, id, "accept");
    expect(done.json()).toMatchObject({ status: "accepted" });
    expect((await villageB.request({ method: "GET", url: `/api/members/${钟一}` })).statusCode).toBe(200);
  });

  it("lets the member request and withdraw their own; rejection carries a reason; a stranger sees nothing", async () => {
    const 刘二 = await t.memberId("刘二");
    const mine = await request(member, { memberId: 刘二, toOrgId: ids["village:a2"], reason: "随子女居住" });
    expect(mine.statusCode).toBe(201);
    const id = mine.json().id as number;
    expectError(await act(leader, id, "cancel"), 403);
    expect((await villageB.request({ method: "GET", url: `/api/transfers/${id}` })).statusCode).toBe(404);
    const cancelled = await act(member, id, "cancel");
    expect(cancelled.json()).toMatchObject({ status: "cancelled" });

    const again = await request(village, { memberId: 刘二, toOrgId: ids["village:a2"], reason: "随子女居住" });
    const againId = again.json().id as number;
    expect(again.json().letterNo).not.toBe(mine.json().letterNo);
    expectError(await act(villageA2, againId, "reject", { reason: "" }), 400, { field: "reason" });
    const rejected = await act(villageA2, againId, "reject", { reason: "介绍信信息不全" });
    expect(rejected.json()).toMatchObject({ status: "rejected", rejectReason: "介绍信信息不全" });
    expect(rejected.json().steps.at(-1)).toMatchObject({ action: "reject", by: "seca2", note: "介绍信信息不全" });
    const list = (await member.request({ method: "GET", url: `/api/transfers?memberId=${刘二}` })).json();
    expect(list.total).toBe(2);
    const incoming = (await villageA2.request({ method: "GET", url: "/api/transfers?direction=incoming" })).json();
    expect(incoming.items.map((x: { id: number }) => x.id)).toContain(againId);
    const outgoing = (await villageA2.request({ method: "GET", url: "/api/transfers?direction=outgoing" })).json();
    expect(outgoing.items.map((x: { id: number }) => x.id)).not.toContain(againId);
  });

  it("ends a transfer out of the platform with the member transferred out, the record kept", async () => {
    const 刘二 = await t.memberId("刘二");
    const out = await request(village, { memberId: 刘二, toOutside: "广东省深圳市某街道党工委", reason: "外出定居" });
    expect(out.statusCode).toBe(201);
    const id = out.json().id as number;
    expect(out.json()).toMatchObject({ toOrg: null, toOutside: "广东省深圳市某街道党工委" });
    const confirmed = await act(village, id, "accept");
    expect(confirmed.json()).toMatchObject({ status: "transferred_out" });
    const roster = (await village.request({ method: "GET", url: "/api/members?pageSize=200" })).json();
    expect(roster.items.map((m: { id: number }) => m.id)).not.toContain(刘二);
    const row = await t.database.db
      .selectFrom("members")
      .select(["transferred_out_at"])
      .where("id", "=", 刘二)
      .executeTakeFirstOrThrow();
    expect(row.transferred_out_at).not.toBeNull();
    expectError(await request(village, { memberId: 刘二, toOrgId: ids["village:a2"], reason: "再转" }), 409, {
      code: "transfer.memberGone",
    });
  });

  it("finds destinations anywhere on the platform by name, names only", async () => {
    const found = (
      await village.request({ method: "GET", url: `/api/transfers/destinations?q=${encodeURIComponent("灵岩")}` })
    ).json();
    expect(found.items).toEqual([
      { id: ids["village:b1"], name: "中共灵岩村支部委员会", parentName: "中共岩前镇委员会" },
    ]);
    expectError(await village.request({ method: "GET", url: "/api/transfers/destinations?q=" }), 400, { field: "q" });
  });

  it("refuses a second open transfer in the database itself, not only in code", async () => {
    const 王四 = await t.memberId("王四");
    const user = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "seca2")
      .executeTakeFirstOrThrow();
    const insert = () =>
      t.database.db
        .insertInto("membership_transfers")
        .values({
          member_id: 王四,
          from_org_id: ids["village:a2"] as number,
          to_org_id: ids["village:b1"] as number,
          to_outside: null,
          reason: "直接写入",
          requested_by: user.id,
        })
        .execute();
    await insert();
    await expect(insert()).rejects.toMatchObject({ code: "23505" });
  });
});
