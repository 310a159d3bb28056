import type { AuditEntry, Permission } from "@huzhu/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf } from "../src/platform/access.ts";
import { recordAudit } from "../src/platform/audit.ts";
import { registeredRoutes } from "../src/platform/http.ts";
import { createTestContext, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Issue 6, hole 5: every refusal of every audited route leaves a record (the coarse permission
 * check and CSRF included), every state-changing or personal-data route declares its audit action,
 * and no audit detail holds a name, a search text or anything typed that is not an id, a field
 * name or a code.
 */
describe(`audit of refusals, and no personal data in the audit log (${testDatabaseKind})`, () => {
  let t: TestContext;
  const sessions = new Map<string, Session>();
  const accounts = ["coordinator", "secretary", "member", "leader", "sysadmin", "secadmin", "auditor"];
  const personalPermissions: readonly Permission[] = ["member.read", "member.reveal", "member.export", "audit.read"];

  const apiRoutes = () =>
    registeredRoutes.filter((r) => r.url.startsWith("/api") && r.method !== "HEAD" && r.access !== "public");
  const permissionsOfRoute = (access: unknown): Permission[] =>
    access === "authenticated" ? [] : Array.isArray(access) ? access : [access as Permission];
  const needsAudit = () =>
    apiRoutes().filter(
      (r) => r.method !== "GET" || permissionsOfRoute(r.access).some((p) => personalPermissions.includes(p)),
    );
  /** Audit rows of one action by one account with one result, as stored. */
  const rows = (action: string, actor: string, result: string) =>
    t.database.db
      .selectFrom("audit_log")
      .select(["id", "target_type", "target_id", "detail"])
      .where("action", "=", action)
      .where("actor_name", "=", actor)
      .where("result", "=", result)
      .orderBy("id")
      .execute();

  const holders: Partial<Record<Permission, string>> = {
    "user.manage": "sysadmin",
    "role.manage": "secadmin",
    "audit.read": "auditor",
  };
  const holderOf = (needed: Permission[]) =>
    holders[needed[0] as Permission] ?? (needed.length ? "coordinator" : "secretary");

  beforeAll(async () => {
    t = await createTestContext();
    for (const a of accounts) sessions.set(a, await t.login(a));
  }, 60_000);
  afterAll(async () => t?.close());

  const session = (name: string): Session => {
    const s = sessions.get(name);
    if (!s) throw new Error(`no session ${name}`);
    return s;
  };

  it("every state-changing route and every route reading personal data declares its audit action", () => {
    const missing = needsAudit()
      .filter((r) => !r.audit)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(needsAudit().length).toBeGreaterThanOrEqual(15);
  });

  it("a leader's refused reveal (403 before the handler) is on the record, with the member's id", async () => {
    const zhong = await t.memberId("钟一");
    const before = await rows("member.reveal", "leader", "denied");
    const res = await session("leader").request({
      method: "POST",
      url: `/api/members/${zhong}/reveal`,
      payload: { field: "idNumber", reason: "想看看" },
    });
    expect(res.statusCode).toBe(403);
    const after = await rows("member.reveal", "leader", "denied");
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      target_type: "member",
      target_id: String(zhong),
      detail: { status: 403, code: "forbidden" },
    });
  });

  it("records a refusal of every audited route, for every account the coarse check turns away", async () => {
    const me = await t.database.db.selectFrom("users").select(["id", "username"]).execute();
    const userIdOf = new Map(me.map((u) => [u.username, u.id]));
    const fixtureRoles = new Map<string, ReturnType<typeof permissionsOf>>();
    for (const a of accounts) {
      const roles = await t.database.db
        .selectFrom("role_assignments")
        .select("role")
        .where("user_id", "=", userIdOf.get(a) ?? 0)
        .execute();
      fixtureRoles.set(
        a,
        permissionsOf({
          roles: roles.map((r, i) => ({
            id: i,
            role: r.role as Parameters<typeof permissionsOf>[0]["roles"][number]["role"],
            orgId: null,
            orgName: null,
            orgPath: null,
          })),
        }),
      );
    }
    let checked = 0;
    for (const route of needsAudit()) {
      const needed = permissionsOfRoute(route.access);
      if (needed.length === 0) continue;
      const refused = accounts.find((a) => !needed.some((p) => fixtureRoles.get(a)?.includes(p)));
      if (!refused || !route.audit) continue;
      const before = (await rows(route.audit, refused, "denied")).length;
      const res = await session(refused).request({
        method: route.method as "GET",
        url: route.url.replaceAll(/:[a-zA-Z]+/g, "1"),
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${refused} ${route.method} ${route.url}`).toBe(403);
      const after = await rows(route.audit, refused, "denied");
      expect(after.length, `${refused} ${route.method} ${route.url} recorded`).toBe(before + 1);
      expect(after.at(-1)?.detail, `${route.method} ${route.url}`).toMatchObject({ status: 403, code: "forbidden" });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it("records a CSRF refusal of a signed-in user on every audited write", async () => {
    let checked = 0;
    for (const route of needsAudit().filter((r) => r.method !== "GET")) {
      // Someone who passes the permission check, so that only the missing token stops them.
      const who = holderOf(permissionsOfRoute(route.access));
      if (!route.audit) continue;
      const before = (await rows(route.audit, who, "denied")).length;
      const res = await t.app.inject({
        method: route.method as "POST",
        url: route.url.replaceAll(/:[a-zA-Z]+/g, "1"),
        cookies: { huzhu_session: session(who).cookie },
        ...(route.method === "DELETE" ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${who} ${route.method} ${route.url}`).toBe(403);
      expect((res.json() as { error: { code: string } }).error.code).toBe("auth.csrf");
      const after = await rows(route.audit, who, "denied");
      expect(after.length, `${who} ${route.method} ${route.url} recorded`).toBe(before + 1);
      expect(after.at(-1)?.detail).toMatchObject({ status: 403, code: "auth.csrf" });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it("a successful reveal records the field and the reason, not the member's name", async () => {
    const zhong = await t.memberId("钟一");
    const res = await session("secretary").request({
      method: "POST",
      url: `/api/members/${zhong}/reveal`,
      payload: { field: "phone", reason: "通知开会" },
    });
    expect(res.statusCode).toBe(200);
    const recorded = (await rows("member.reveal", "secretary", "success")).at(-1);
    expect(recorded).toMatchObject({ target_type: "member", target_id: String(zhong) });
    expect(recorded?.detail).toEqual({ field: "phone", reason: "通知开会" });
    expect(JSON.stringify(recorded)).not.toContain("钟一");
  });

  it("an export records that a text search was used, never the text searched for", async () => {
    const { idNumber } = await t.personal("刘二");
    for (const q of ["钟一", idNumber]) {
      const res = await session("coordinator").request({
        method: "GET",
        url: `/api/members/export?q=${encodeURIComponent(q)}&status=full`,
      });
      expect(res.statusCode).toBe(200);
      const recorded = (await rows("member.export", "coordinator", "success")).at(-1);
      expect(JSON.stringify(recorded)).not.toContain(q);
      expect(recorded?.detail).toMatchObject({ filters: { status: "full" }, searched: ["q"] });
    }
  });

  it("the audit administrator's own filters are recorded by name, not by the text typed", async () => {
    const res = await session("auditor").request({ method: "GET", url: "/api/audit?actor=Secretary&result=denied" });
    expect(res.statusCode).toBe(200);
    const recorded = (await rows("audit.read", "auditor", "success")).at(-1);
    expect(recorded?.detail).toMatchObject({ filters: { result: "denied" }, searched: ["actor"] });
    expect(JSON.stringify(recorded?.detail).toLowerCase()).not.toContain("secretary");
  });

  it("no record anywhere in the log holds a member's name, ID number or phone", async () => {
    // Exercise the writes that used to copy typed text into the detail as well.
    const coordinator = session("coordinator");
    const created = await coordinator.request({
      method: "POST",
      url: "/api/orgs",
      payload: {
        parentId: await t.orgId("town:a"),
        name: "中共测试村支部委员会",
        kind: "branch",
        category: "village",
        area: "rural",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const everything = await t.database.db.selectFrom("audit_log").selectAll().execute();
    const text = JSON.stringify(everything);
    for (const name of ["钟一", "刘二", "李三", "王四", "林五", "陈六", "练七"]) {
      const { idNumber, phone } = await t.personal(name);
      expect(text).not.toContain(name);
      expect(text).not.toContain(idNumber);
      if (phone) expect(text).not.toContain(phone);
    }
  });

  it("refuses, at run time as at compile time, a detail that is not ids, codes or field names", async () => {
    const who = { userId: null, username: "system", ip: null };
    await expect(
      recordAudit(t.database.db, who, {
        action: "member.reveal",
        result: "success",
        // @ts-expect-error memberName is not an audit detail: names never go into the log
        detail: { memberName: "钟一" },
      }),
    ).rejects.toThrow(/audit detail/);
    await expect(
      recordAudit(t.database.db, who, {
        action: "member.update",
        result: "success",
        // Field names are identifiers; a value smuggled in as one is refused.
        detail: { fields: ["钟一"] as never },
      }),
    ).rejects.toThrow(/audit detail/);
    const leaked = await t.database.db
      .selectFrom("audit_log")
      .select("id")
      .where("detail", "@>", JSON.stringify({ memberName: "钟一" }) as never)
      .execute();
    expect(leaked).toEqual([]);
  });

  it("the auditor sees refusals like any other record", async () => {
    const res = await session("auditor").request({
      method: "GET",
      url: "/api/audit?action=member.reveal&result=denied&pageSize=50",
    });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: AuditEntry[] }).items;
    expect(items.some((e) => e.actorName === "leader" && e.targetType === "member")).toBe(true);
  });
});
