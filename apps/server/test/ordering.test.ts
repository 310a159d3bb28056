import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext, testDatabaseKind } from "./helpers.ts";

describe(`list orders users expect (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it("lists an organization's children committees first, then by division code, then by name", async () => {
    const s = await t.login("coordinator");
    const county = await t.orgId("county");
    const create = (payload: Record<string, unknown>) =>
      s.request({ method: "POST", url: "/api/orgs", payload: { parentId: county, area: "urban", ...payload } });
    // By name alone, 一 (U+4E00) would come first and 平川 (平 U+5E73) after 岩前 (岩 U+5CA9).
    expect(
      (await create({ name: "中共一号企业支部委员会", kind: "branch", category: "private_enterprise" })).statusCode,
    ).toBe(201);
    expect(
      (
        await create({
          name: "中共平川街道工作委员会",
          kind: "committee",
          category: "town_street",
          divisionCode: "350824001",
        })
      ).statusCode,
    ).toBe(201);
    const res = await s.request({ method: "GET", url: `/api/orgs?parentId=${county}` });
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual([
      "中共平川街道工作委员会",
      "中共中山镇委员会",
      "中共岩前镇委员会",
      "中共一号企业支部委员会",
      "中共武平县财政局支部委员会",
    ]);
  });

  it("shows the audit administrator's own reads only when asked for", async () => {
    const auditor = await t.login("auditor");
    await auditor.request({ method: "GET", url: "/api/audit" });
    const all = (await auditor.request({ method: "GET", url: "/api/audit?pageSize=200" })).json();
    expect(all.items.some((e: { action: string }) => e.action === "audit.read")).toBe(false);
    expect(all.items.some((e: { action: string }) => e.action === "auth.login")).toBe(true);
    const reads = (await auditor.request({ method: "GET", url: "/api/audit?action=audit.read" })).json();
    expect(reads.total).toBeGreaterThanOrEqual(2);
  });
});

describe(`refused writes are audited (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it("records a write refused by permission, by scope and by rule, with who and what, but not the body", async () => {
    const leader = await t.login("leader");
    const secretary = await t.login("secretary");
    const b1 = await t.orgId("village:b1");
    expect((await leader.request({ method: "PATCH", url: `/api/orgs/${b1}`, payload: { name: "x" } })).statusCode).toBe(
      403,
    );
    expect(
      (await secretary.request({ method: "POST", url: "/api/members", payload: { name: "秘密", gender: "male" } }))
        .statusCode,
    ).toBe(400);
    const rows = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "result", "detail"])
      .where("result", "in", ["denied", "failure"])
      .where("action", "in", ["org.update", "member.create"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      {
        action: "org.update",
        actor_name: "leader",
        result: "denied",
        // The route's pattern and the target, never the URL as sent or the body.
        detail: { httpMethod: "PATCH", route: "/api/orgs/:id", status: 403, code: "forbidden" },
      },
      expect.objectContaining({ action: "member.create", actor_name: "secretary", result: "failure" }),
    ]);
    expect(JSON.stringify(rows)).not.toContain("秘密");
  });
});

describe(`browser hardening headers (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it("forbids framing, sniffing and foreign scripts, and keeps API answers out of caches", async () => {
    const s = await t.login("secretary");
    const res = await s.request({ method: "GET", url: "/api/members" });
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(String(res.headers["content-security-policy"])).toContain("script-src 'self';");
    const error = await t.app.inject({ method: "GET", url: "/api/members" });
    expect(error.statusCode).toBe(401);
    expect(error.headers["cache-control"]).toBe("no-store");
  });
});
