import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext, testDatabaseKind } from "./helpers.ts";

describe(`auth and sessions (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it("signs in, returns the CSRF token and sets an HttpOnly SameSite cookie", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "secretary", password: "correct horse battery" },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.roles).toEqual([expect.objectContaining({ role: "secretary", orgName: "中共三联村支部委员会" })]);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
  });

  it("answers an unknown user exactly like a wrong password", async () => {
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "town", password: "nope" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nobody-here", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("locks an account for 15 minutes after five failures within 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "leader", password: "x" },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "leader", password: "x" },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "accept-language": "en" },
      payload: { username: "leader", password: "correct horse battery" },
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/locked/);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
    // Unknown names lock the same way, so locking reveals nothing about which accounts exist.
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "ghost", password: "x" } });
    }
    const ghost = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "ghost", password: "x" },
    });
    expect(ghost.statusCode).toBe(423);
  });

  it("requires a session (401) and the CSRF token on every state-changing request (403)", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    const s = await t.login("coordinator");
    const noToken = await t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${await t.orgId("village:a1")}`,
      cookies: { huzhu_session: s.cookie },
      payload: { secretaryName: "钟一" },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("auth.csrf");
    const badToken = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      cookies: { huzhu_session: s.cookie },
      headers: { "x-csrf-token": "forged" },
    });
    expect(badToken.statusCode).toBe(403);
    const ok = await s.request({
      method: "PATCH",
      url: `/api/orgs/${await t.orgId("village:a1")}`,
      payload: { secretaryName: "钟一" },
    });
    expect(ok.statusCode).toBe(200);
  });

  it("returns the user with roles, org ids and names from /api/me, and logs out", async () => {
    const s = await t.login("town");
    const me = await s.request({ method: "GET", url: "/api/me" });
    expect(me.json()).toMatchObject({
      user: { username: "town" },
      roles: [{ role: "coordinator", orgId: await t.orgId("town:a"), orgName: "中共中山镇委员会" }],
    });
    expect(me.json().permissions).toContain("member.reveal");
    expect((await s.request({ method: "POST", url: "/api/auth/logout" })).statusCode).toBe(204);
    expect((await s.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
  });

  it("ends a session after the idle timeout", async () => {
    const s = await t.login("secretary");
    await t.database.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    expect((await s.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
  });

  it("records logins and failed logins in the audit log", async () => {
    const rows = await t.database.db.selectFrom("audit_log").select(["action", "actor_name", "result"]).execute();
    expect(rows).toContainEqual({ action: "auth.login", actor_name: "secretary", result: "success" });
    expect(rows).toContainEqual({ action: "auth.login_failed", actor_name: "town", result: "failure" });
  });
});
