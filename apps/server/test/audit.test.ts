import type { AuditEntry } from "@huzhu/contracts";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/platform/audit.ts";
import { registeredRoutes } from "../src/platform/http.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The audit log: only the audit administrator reads it; writes, logins, failed logins and
 * reveals are all in it with who, when, from where, what and the result; filters work; and
 * nobody can change it — no route, and not even SQL through the application's own connection.
 */
describe(`audit log (${testDatabaseKind})`, () => {
  let t: TestContext;
  let auditor: Session;
  let secretary: Session;
  let coordinator: Session;
  const ids = { secretary: 0, coordinator: 0, zhong: 0, lin: 0, a1: 0 };

  /** The China Standard Time calendar day of an instant, as the audit filters mean it. */
  const cstDay = (date: Date) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(date);
  const entries = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: AuditEntry[]; total: number };
  };
  const read = async (query = "") =>
    entries(await auditor.request({ method: "GET", url: `/api/audit?pageSize=200&${query}` }));

  beforeAll(async () => {
    t = await createTestContext();
    const users = await t.database.db.selectFrom("users").select(["id", "username"]).execute();
    ids.secretary = users.find((u) => u.username === "secretary")?.id ?? 0;
    ids.coordinator = users.find((u) => u.username === "coordinator")?.id ?? 0;
    ids.zhong = await t.memberId("钟一");
    ids.lin = await t.memberId("林五");
    ids.a1 = await t.orgId("village:a1");

    // Something of every kind to find: failed and successful logins from known addresses, a write
    // to the tree, a write to the roster, a reveal and a refused reveal, a logout.
    const failed = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.0.0.66",
      payload: { username: "town", password: "wrong password" },
    });
    expect(failed.statusCode).toBe(401);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.0.0.7",
      payload: { username: "secretary", password: "correct horse battery" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === "huzhu_session")?.value ?? "";
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    secretary = {
      cookie,
      csrfToken: csrf,
      request: (opts) =>
        t.app.inject({
          remoteAddress: "10.0.0.7",
          ...opts,
          cookies: { huzhu_session: cookie },
          headers: { "x-csrf-token": csrf, ...(opts.headers ?? {}) },
        }),
    };
    coordinator = await t.login("coordinator");
    auditor = await t.login("auditor");

    const edit = await coordinator.request({
      method: "PATCH",
      url: `/api/orgs/${ids.a1}`,
      payload: { secretaryName: "钟一" },
    });
    expect(edit.statusCode).toBe(200);
    const patch = await secretary.request({
      method: "PATCH",
      url: `/api/members/${ids.zhong}`,
      payload: { education: "bachelor" },
    });
    expect(patch.statusCode).toBe(200);
    const reveal = await secretary.request({
      method: "POST",
      url: `/api/members/${ids.zhong}/reveal`,
      payload: { field: "idNumber", reason: "组织关系转接" },
    });
    expect(reveal.statusCode).toBe(200);
    const denied = await secretary.request({
      method: "POST",
      url: `/api/members/${ids.lin}/reveal`,
      payload: { field: "phone", reason: "越权尝试" },
    });
    expect(denied.statusCode).toBe(404);
  }, 60_000);
  afterAll(async () => t?.close());

  it("answers 401 without a session, 400 for bad filters, 403 to everyone but the audit administrator", async () => {
    expectError(await t.app.inject({ method: "GET", url: "/api/audit" }), 401, { code: "auth.required" });
    expectError(await auditor.request({ method: "GET", url: "/api/audit?pageSize=201" }), 400, { field: "pageSize" });
    expectError(await auditor.request({ method: "GET", url: "/api/audit?result=maybe" }), 400, { field: "result" });
    expectError(await auditor.request({ method: "GET", url: "/api/audit?from=2024-02-30" }), 400, {
      code: "date.invalid",
      field: "from",
    });
    expectError(await auditor.request({ method: "GET", url: "/api/audit?ip=1.2.3.4" }), 400, {
      code: "validation.unknown_field",
      field: "ip",
    });
    for (const who of ["coordinator", "town", "secretary", "member", "leader", "sysadmin", "secadmin"]) {
      const s = who === "secretary" ? secretary : who === "coordinator" ? coordinator : await t.login(who);
      const res = await s.request({ method: "GET", url: "/api/audit" });
      expectError(res, 403, { code: "forbidden" });
      expect(res.body).not.toContain("auth.login");
    }
  });

  it("shows every write, login, failed login and reveal with who, when, from where, what and the result", async () => {
    const before = Date.now();
    const { items, total } = await read();
    expect(total).toBe(items.length);
    const find = (action: string, actor: string) => items.find((e) => e.action === action && e.actorName === actor);

    expect(find("auth.login_failed", "town")).toMatchObject({
      ip: "10.0.0.66",
      result: "failure",
      actorId: expect.any(Number),
    });
    expect(find("auth.login", "secretary")).toMatchObject({
      actorId: ids.secretary,
      ip: "10.0.0.7",
      result: "success",
      targetType: "user",
      targetId: String(ids.secretary),
    });
    expect(find("org.update", "coordinator")).toMatchObject({
      actorId: ids.coordinator,
      ip: "127.0.0.1",
      targetType: "organization",
      targetId: String(ids.a1),
      result: "success",
      detail: { fields: ["secretaryName"] },
    });
    expect(find("member.update", "secretary")).toMatchObject({
      actorId: ids.secretary,
      ip: "10.0.0.7",
      targetType: "member",
      targetId: String(ids.zhong),
      result: "success",
      detail: { fields: ["education"] },
    });
    const reveals = items.filter((e) => e.action === "member.reveal");
    expect(reveals.map((e) => [e.actorName, e.ip, e.targetId, e.result, e.detail.field, e.detail.reason])).toEqual([
      // A refusal is recorded by the HTTP layer from the route alone: the body (and its reason) is not copied.
      ["secretary", "10.0.0.7", String(ids.lin), "denied", undefined, undefined],
      ["secretary", "10.0.0.7", String(ids.zhong), "success", "idNumber", "组织关系转接"],
    ]);
    expect(reveals[0]?.detail).toEqual({
      httpMethod: "POST",
      route: "/api/members/:id/reveal",
      status: 404,
      code: "not_found",
    });
    // When: every record has a time, newest first, and the ones made here are recent.
    for (const e of items) expect(new Date(e.at).toISOString()).toBe(e.at);
    const times = items.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(before - new Date(find("auth.login", "secretary")?.at ?? 0).getTime()).toBeLessThan(120_000);
    // Reading the log is itself on the record.
    const again = await read("action=audit.read");
    expect(again.items[0]).toMatchObject({
      actorName: "auditor",
      result: "success",
      detail: { filters: expect.any(Object) },
    });
  });

  it("filters by action, actor, result and a date range (days in China Standard Time)", async () => {
    const failures = await read("action=auth.login_failed");
    expect(failures.items.map((e) => [e.actorName, e.result])).toEqual([["town", "failure"]]);

    const bySecretary = await read("actor=secretary");
    expect(new Set(bySecretary.items.map((e) => e.actorName))).toEqual(new Set(["secretary"]));
    expect(bySecretary.items.map((e) => e.action).sort()).toEqual(
      ["auth.login", "member.reveal", "member.reveal", "member.update"].sort(),
    );
    expect((await read("actor=SECRETARY")).total).toBe(bySecretary.total);

    const denied = await read("result=denied");
    expect(denied.items.map((e) => [e.action, e.actorName, e.targetId])).toEqual([
      ["member.reveal", "secretary", String(ids.lin)],
    ]);
    const combined = await read("actor=secretary&action=member.reveal&result=success");
    expect(combined.items.map((e) => e.targetId)).toEqual([String(ids.zhong)]);
    expect(combined.total).toBe(1);
    expect((await read(`targetType=member&targetId=${ids.zhong}`)).items.map((e) => e.action).sort()).toEqual([
      "member.reveal",
      "member.update",
    ]);

    const now = new Date();
    const day = 24 * 3600_000;
    const yesterday = cstDay(new Date(now.getTime() - day));
    const tomorrow = cstDay(new Date(now.getTime() + day));
    const all = await read("action=auth.login");
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect((await read(`action=auth.login&from=${yesterday}&to=${tomorrow}`)).total).toBe(all.total);
    expect((await read(`action=auth.login&to=${cstDay(new Date(now.getTime() - 2 * day))}`)).total).toBe(0);
    expect((await read(`action=auth.login&from=${cstDay(new Date(now.getTime() + 2 * day))}`)).total).toBe(0);

    // Day boundaries are Beijing days: 16:30 UTC on 2 March is 00:30 on 3 March in 武平. Records
    // with a time of our choosing can only be written around the chain (as a superuser would).
    await t.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`INSERT INTO audit_log (at, actor_name, action, result) VALUES
        ('2024-03-02T15:59:59Z', 'clock', 'demo.load', 'success'),
        ('2024-03-02T16:30:00Z', 'clock', 'demo.load', 'success')`.execute(trx);
    });
    const onThird = await read("action=demo.load&actor=clock&from=2024-03-03&to=2024-03-03");
    expect(onThird.items.map((e) => e.at)).toEqual(["2024-03-02T16:30:00.000Z"]);
    const onSecond = await read("action=demo.load&actor=clock&from=2024-03-02&to=2024-03-02");
    expect(onSecond.items.map((e) => e.at)).toEqual(["2024-03-02T15:59:59.000Z"]);
  });

  it("pages with { items, total }", async () => {
    const all = await read();
    const page1 = entries(await auditor.request({ method: "GET", url: "/api/audit?action=auth.login&pageSize=2" }));
    const page2 = entries(
      await auditor.request({ method: "GET", url: "/api/audit?action=auth.login&pageSize=2&page=2" }),
    );
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.items.filter((e) => e.action === "auth.login").length);
    expect(page2.total).toBe(page1.total);
    expect(page2.items.map((e) => e.id)).not.toContain(page1.items[0]?.id);
  });

  describe("nobody can change the log", () => {
    it("no route changes it: /api/audit is read-only", async () => {
      const auditRoutes = registeredRoutes.filter((r) => r.url.startsWith("/api/audit"));
      expect(new Set(auditRoutes.map((r) => r.method))).toEqual(new Set(["GET", "HEAD"]));
      const one = (await read()).items[0]?.id ?? 1;
      for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
        for (const url of ["/api/audit", `/api/audit/${one}`]) {
          const res = await auditor.request({ method, url, payload: { action: "forged" } });
          expectError(res, 404, { code: "route.not_found" });
        }
      }
    });

    it("UPDATE, DELETE and TRUNCATE fail through the app's own database connection", async () => {
      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom("audit_log")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n = await count();
      const firstLogin = await t.database.db
        .selectFrom("audit_log")
        .select(["id", "actor_name", "result"])
        .where("action", "=", "auth.login_failed")
        .executeTakeFirstOrThrow();
      await expect(
        t.database.db.updateTable("audit_log").set({ result: "success" }).where("id", "=", firstLogin.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit_log SET actor_name = 'nobody'`.execute(t.database.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.database.db.deleteFrom("audit_log").where("id", "=", firstLogin.id).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
      // Inside a transaction too (a failed attempt must not be half-applied).
      await expect(
        t.database.db.transaction().execute(async (trx) => {
          await recordAudit(
            trx,
            { userId: null, username: "cover", ip: null },
            { action: "demo.load", result: "success" },
          );
          await sql`DELETE FROM audit_log WHERE action = 'member.reveal'`.execute(trx);
        }),
      ).rejects.toThrow(/append-only/);
      expect(await count()).toBe(n);
      expect(
        await t.database.db
          .selectFrom("audit_log")
          .select(["id", "actor_name", "result"])
          .where("id", "=", firstLogin.id)
          .executeTakeFirstOrThrow(),
      ).toEqual(firstLogin);
      // The app still works after the refused statements (the connection is not left aborted).
      expect((await read("action=member.reveal")).total).toBe(2);
    });
  });

  describe("three-admin separation (三员分立)", () => {
    it("the database refuses a second administrator role for one user", async () => {
      const sysadmin = await t.database.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", "sysadmin")
        .executeTakeFirstOrThrow();
      for (const role of ["security_admin", "audit_admin"]) {
        await expect(
          t.database.db.insertInto("role_assignments").values({ user_id: sysadmin.id, role, org_id: null }).execute(),
        ).rejects.toThrow(/separation of duties/);
      }
      // Nor any other role: an administrator holds no role beside their one administrator role.
      await expect(
        t.database.db
          .insertInto("role_assignments")
          .values({ user_id: sysadmin.id, role: "leader", org_id: await t.orgId("county") })
          .execute(),
      ).rejects.toThrow(/separation of duties/);
      const roles = await t.database.db
        .selectFrom("role_assignments")
        .select("role")
        .where("user_id", "=", sysadmin.id)
        .orderBy("role")
        .execute();
      expect(roles.map((r) => r.role)).toEqual(["system_admin"]);
      // The same administrator role twice is refused as well (unique), and an admin role never carries an org.
      await expect(
        t.database.db
          .insertInto("role_assignments")
          .values({ user_id: sysadmin.id, role: "system_admin", org_id: null })
          .execute(),
      ).rejects.toThrow();
      await expect(
        t.database.db
          .insertInto("role_assignments")
          .values({ user_id: ids.coordinator, role: "audit_admin", org_id: ids.a1 })
          .execute(),
      ).rejects.toThrow();
    });
  });
});
