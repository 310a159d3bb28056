import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext, testDatabaseKind } from "./helpers.ts";

describe(`account administration, three separated administrators (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const newUser = { username: "zhong.wei", displayName: "钟伟", password: "Wuping-Branch-26" };
  /** The administrator's password is a one-time password; its owner's own choice. */
  const ownPassword = "Lingyan-Secretary-9";

  it("answers a malformed URL with the usual error shape", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/members/%E0%A4%A",
      headers: { "accept-language": "en" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: "request.malformed", message: "Malformed request" } });
  });

  it("lets only the system and security administrators list accounts", async () => {
    for (const who of ["coordinator", "auditor", "secretary"]) {
      const s = await t.login(who);
      expect((await s.request({ method: "GET", url: "/api/users" })).statusCode).toBe(403);
    }
    const sys = await t.login("sysadmin");
    const list = await sys.request({ method: "GET", url: "/api/users?q=sec" });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ username: string; roles: unknown[] }>;
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(["secadmin", "secb", "secretary"]));
    expect(items.every((u) => u.username.includes("sec"))).toBe(true);
    expect(items.find((u) => u.username === "secretary")?.roles).toEqual([
      expect.objectContaining({ role: "secretary", orgName: "中共三联村支部委员会" }),
    ]);
  });

  it("lets the system administrator create accounts with a strong password, and nobody else", async () => {
    const sec = await t.login("secadmin");
    expect((await sec.request({ method: "POST", url: "/api/users", payload: newUser })).statusCode).toBe(403);
    const sys = await t.login("sysadmin");
    const weak = await sys.request({
      method: "POST",
      url: "/api/users",
      headers: { "accept-language": "en" },
      payload: { ...newUser, password: "short" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ field: "password" });
    expect(weak.json().error.message).toMatch(/at least 10 characters/);
    const created = await sys.request({ method: "POST", url: "/api/users", payload: newUser });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: "zhong.wei", roles: [], disabled: false });
    const again = await sys.request({ method: "POST", url: "/api/users", payload: newUser });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe("username");
  });

  it("lets the security administrator grant roles; the new secretary sees only their branch", async () => {
    const sys = await t.login("sysadmin");
    const list = await sys.request({ method: "GET", url: "/api/users?q=zhong.wei" });
    const id = list.json().items[0].id as number;
    const byrole = await sys.request({
      method: "POST",
      url: `/api/users/${id}/roles`,
      payload: { role: "secretary", orgId: await t.orgId("village:b1") },
    });
    expect(byrole.statusCode).toBe(403);
    const sec = await t.login("secadmin");
    const noOrg = await sec.request({ method: "POST", url: `/api/users/${id}/roles`, payload: { role: "secretary" } });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.field).toBe("orgId");
    const granted = await sec.request({
      method: "POST",
      url: `/api/users/${id}/roles`,
      payload: { role: "secretary", orgId: await t.orgId("village:b1") },
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual([
      expect.objectContaining({ role: "secretary", orgName: "中共灵岩村支部委员会" }),
    ]);
    const zhong = await t.login("zhong.wei", newUser.password);
    expect((await zhong.request({ method: "GET", url: "/api/members" })).statusCode).toBe(403);
    const changed = await zhong.request({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: newUser.password, newPassword: ownPassword },
    });
    expect(changed.statusCode).toBe(200);
    const members = await zhong.request({ method: "GET", url: "/api/members" });
    expect(
      members
        .json()
        .items.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(["林五", "陈六"]);
  });

  it("lets the security administrator find organizations to grant roles in, and nothing more", async () => {
    const sec = await t.login("secadmin");
    const found = await sec.request({ method: "GET", url: `/api/orgs/lookup?q=${encodeURIComponent("灵岩")}` });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      total: 1,
      items: [
        {
          id: await t.orgId("village:b1"),
          name: "中共灵岩村支部委员会",
          kind: "branch",
          category: "village",
          divisionCode: "350824102201",
          path: ["中共武平县委员会", "中共岩前镇委员会"],
        },
      ],
    });
    // Still no organization data beyond the picker.
    expect((await sec.request({ method: "GET", url: `/api/orgs/${await t.orgId("village:b1")}` })).statusCode).toBe(
      403,
    );
    // Others look up within their jurisdiction only; the auditor not at all.
    const secretary = await t.login("secretary");
    const mine = await secretary.request({ method: "GET", url: `/api/orgs/lookup?q=${encodeURIComponent("村")}` });
    expect(mine.json().items.map((o: { name: string }) => o.name)).toEqual(["中共三联村支部委员会"]);
    expect(mine.json().items[0].path).toEqual([]);
    const auditor = await t.login("auditor");
    expect((await auditor.request({ method: "GET", url: "/api/orgs/lookup?q=村" })).statusCode).toBe(403);
  });

  it("refuses a second administrator role for one account (三权分立), in the service and in the database", async () => {
    const sec = await t.login("secadmin");
    const auditor = (await sec.request({ method: "GET", url: "/api/users?q=auditor" })).json().items[0];
    const res = await sec.request({
      method: "POST",
      url: `/api/users/${auditor.id}/roles`,
      payload: { role: "system_admin" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("role.separationOfDuties");
    // The refusal rolled back the service's transaction, so the error handler recorded it.
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "detail"])
      .where("action", "=", "role.assign")
      .where("result", "=", "failure")
      .execute();
    expect(refused.filter((r) => (r.detail as { code?: string }).code === "role.separationOfDuties")).toEqual([
      {
        actor_name: "secadmin",
        result: "failure",
        detail: { httpMethod: "POST", route: "/api/users/:id/roles", status: 409, code: "role.separationOfDuties" },
      },
    ]);
    await expect(
      t.database.db
        .insertInto("role_assignments")
        .values({ user_id: auditor.id, role: "security_admin", org_id: null })
        .execute(),
    ).rejects.toThrow(/separation of duties/);
  });

  it.runIf(testDatabaseKind === "postgres")(
    "refuses two concurrent grants of different administrator roles",
    async () => {
      const { id } = await t.database.db
        .insertInto("users")
        .values({ username: "race", display_name: "race", password_hash: "x" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const grant = (role: string, holdMs: number) =>
        t.database.db.transaction().execute(async (trx) => {
          await trx.insertInto("role_assignments").values({ user_id: id, role, org_id: null }).execute();
          await new Promise((r) => setTimeout(r, holdMs));
        });
      const first = grant("system_admin", 300);
      await new Promise((r) => setTimeout(r, 100));
      const results = await Promise.allSettled([first, grant("audit_admin", 0)]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    },
  );

  it("ends every session of a disabled account", async () => {
    const zhong = await t.login("zhong.wei", ownPassword);
    expect((await zhong.request({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
    const sys = await t.login("sysadmin");
    const id = (await sys.request({ method: "GET", url: "/api/users?q=zhong.wei" })).json().items[0].id;
    expect(
      (await sys.request({ method: "PATCH", url: `/api/users/${id}`, payload: { disabled: true } })).statusCode,
    ).toBe(200);
    expect((await zhong.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    const relogin = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "zhong.wei", password: ownPassword },
    });
    expect(relogin.statusCode).toBe(401);
  });

  it("withdraws a role and audits every administrative act", async () => {
    const sec = await t.login("secadmin");
    const zhong = (await sec.request({ method: "GET", url: "/api/users?q=zhong.wei" })).json().items[0];
    const res = await sec.request({ method: "DELETE", url: `/api/role-assignments/${zhong.roles[0].id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([]);
    const actions = (await t.database.db.selectFrom("audit_log").select(["action", "actor_name"]).execute()).map(
      (r) => `${r.action}:${r.actor_name}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "user.create:sysadmin",
        "role.assign:secadmin",
        "user.update:sysadmin",
        "role.withdraw:secadmin",
      ]),
    );
  });
});
