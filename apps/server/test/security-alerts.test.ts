import type { Member } from "@huzhu/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  expectError,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/**
 * "Already used" (409 idNumber.duplicate) says that an ID number exists somewhere, also outside
 * the caller's scope (issue 6, hole 9). The answer stays, but after 5 of them per user per hour
 * every further attempt gets 429 (so no answer tells the two cases apart), counted in the
 * database, and the security administrator sees an alert and acknowledges it (audited).
 */
describe(`ID-number probing and security alerts (${testDatabaseKind})`, () => {
  let t: TestContext;
  let now = new Date("2026-11-28T08:00:00Z");
  let secretary: Session;
  let secadmin: Session;
  let a1: number;
  let elsewhere: string;
  let serial = 500;

  beforeAll(async () => {
    t = await createTestContext({ clock: () => now });
    secretary = await t.login("secretary");
    secadmin = await t.login("secadmin");
    a1 = await t.orgId("village:a1");
    // Held in village:b1, outside the secretary's scope.
    elsewhere = (await t.personal("林五")).idNumber;
  }, 60_000);
  afterAll(async () => t?.close());

  const newMember = (idNumber: string, language = "zh-CN") =>
    secretary.request({
      method: "POST",
      url: "/api/members",
      headers: { "accept-language": language },
      payload: {
        name: "林五冒名",
        gender: "female",
        ethnicity: "汉族",
        birthDate: "1990-09-09",
        idNumber,
        education: "bachelor",
        joinDate: "2015-07-01",
        status: "full",
        primaryOrgId: a1,
      },
    });
  /** An ID number nobody holds yet. */
  const fresh = () => {
    serial += 1;
    return makeIdNumber("1990-09-09", "female", serial);
  };
  const alerts = () =>
    t.database.db.selectFrom("security_alerts").selectAll().where("kind", "=", "member.idNumberProbing").execute();

  it("answers 409 five times, then 429 with Retry-After for every attempt, and raises one alert", async () => {
    for (let i = 0; i < 4; i++) expectError(await newMember(elsewhere), 409, { code: "idNumber.duplicate" });
    // An edit that would take someone else's number is the same question.
    const zhong = await t.memberId("钟一");
    expectError(
      await secretary.request({
        method: "PATCH",
        url: `/api/members/${zhong}`,
        payload: { idNumber: elsewhere, birthDate: "1990-09-09", gender: "female", joinDate: "2015-07-01" },
      }),
      409,
      { code: "idNumber.duplicate" },
    );
    expect(await alerts()).toHaveLength(1);

    const limited = await newMember(elsewhere, "en");
    const e = expectError(limited, 429, { code: "idNumber.probeLimit" });
    expect(e.message).toMatch(/^ID number: too many attempts with ID numbers already in use/);
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(expectError(await newMember(elsewhere), 429).message).toContain("分钟后再试");
    // A number that is free gets 429 too: otherwise 201 or 429 would answer the question.
    expectError(await newMember(fresh()), 429, { code: "idNumber.probeLimit" });

    const [alert] = await alerts();
    const secretaryId = (
      await t.database.db.selectFrom("users").select("id").where("username", "=", "secretary").executeTakeFirstOrThrow()
    ).id;
    expect(alert).toMatchObject({ user_id: secretaryId, acknowledged_at: null });
    // Ids and counts only: never the number that was tried.
    expect(JSON.stringify(alert?.detail)).not.toContain(elsewhere);
    expect(JSON.stringify(alert?.detail)).not.toContain(elsewhere.slice(6, 14));
    expect(await alerts()).toHaveLength(1);
  });

  it("counts in the database: events another process (or this one before a restart) wrote count here", async () => {
    const coordinator = await t.login("coordinator");
    const userId = (
      await t.database.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", "coordinator")
        .executeTakeFirstOrThrow()
    ).id;
    const events = Array.from({ length: 5 }, () => ({ user_id: userId, kind: "idNumber.duplicate", at: now }));
    await t.database.db.insertInto("rate_events").values(events).execute();
    try {
      expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/members",
          payload: {
            name: "新党员",
            gender: "female",
            ethnicity: "汉族",
            birthDate: "1990-09-09",
            idNumber: fresh(),
            education: "bachelor",
            joinDate: "2015-07-01",
            status: "full",
            primaryOrgId: a1,
          },
        }),
        429,
        { code: "idNumber.probeLimit" },
      );
    } finally {
      await t.database.db.deleteFrom("rate_events").where("user_id", "=", userId).execute();
    }
  });

  it("limits each user on their own, and forgets after an hour", async () => {
    const coordinator = await t.login("coordinator");
    const res = await coordinator.request({
      method: "POST",
      url: "/api/members",
      payload: {
        name: "林五冒名",
        gender: "female",
        ethnicity: "汉族",
        birthDate: "1990-09-09",
        idNumber: elsewhere,
        education: "bachelor",
        joinDate: "2015-07-01",
        status: "full",
        primaryOrgId: a1,
      },
    });
    expectError(res, 409, { code: "idNumber.duplicate" });
    now = new Date(now.getTime() + 61 * 60_000);
    expectError(await newMember(elsewhere), 409, { code: "idNumber.duplicate" });
    const created = await newMember(fresh());
    expect(created.statusCode, created.body).toBe(201);
    // Events older than the window are deleted, so the table does not grow forever.
    const left = await t.database.db.selectFrom("rate_events").select("at").execute();
    for (const e of left) expect(new Date(e.at).getTime()).toBeGreaterThan(now.getTime() - 3_600_000);
  });

  it("lets no more than five parallel attempts through (one lock per user in the database)", async () => {
    const secb = await t.login("secb");
    const b1 = await t.orgId("village:b1");
    const zhong = (await t.personal("钟一")).idNumber;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        secb.request({
          method: "POST",
          url: "/api/members",
          payload: {
            name: "钟一冒名",
            gender: "male",
            ethnicity: "汉族",
            birthDate: "1970-01-02",
            idNumber: zhong,
            education: "bachelor",
            joinDate: "2005-07-01",
            status: "full",
            primaryOrgId: b1,
          },
        }),
      ),
    );
    const statuses = attempts.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([409, 409, 409, 409, 409, 429, 429, 429]);
  });

  it("never lets an exact ID-number search confirm a guess outside the caller's reveal scope", async () => {
    const leader = await t.login("leader");
    const found = await leader.request({ method: "GET", url: `/api/members?q=${elsewhere}` });
    expect(found.statusCode).toBe(200);
    expect((found.json() as { total: number }).total).toBe(0);
    // The branch that holds the member finds it.
    const secb = await t.login("secb");
    const own = (await secb.request({ method: "GET", url: `/api/members?q=${elsewhere}` })).json() as {
      items: Member[];
    };
    expect(own.items.map((m) => m.name)).toEqual(["林五"]);
  });

  it("limits exact ID-number searches that find nothing, as guesses at a masked number", async () => {
    const town = await t.login("town");
    let last = await town.request({ method: "GET", url: `/api/members?q=${fresh()}` });
    for (let i = 0; i < 20; i++) {
      expect(last.statusCode, last.body).toBe(200);
      last = await town.request({ method: "GET", url: `/api/members?q=${fresh()}` });
    }
    expectError(last, 429, { code: "idNumber.searchLimit" });
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    // Searching by name is not affected.
    expect((await town.request({ method: "GET", url: `/api/members?q=${encodeURIComponent("钟")}` })).statusCode).toBe(
      200,
    );
    const searchAlerts = (await alerts()).filter((a) => (a.detail as { via?: string }).via === "search");
    expect(searchAlerts).toHaveLength(1);
  });

  describe("the security administrator's alerts", () => {
    it("401, 403 for everyone without role.manage, 400 for a bad query", async () => {
      expectError(await t.app.inject({ method: "GET", url: "/api/security/alerts" }), 401);
      for (const who of ["coordinator", "sysadmin", "auditor", "secretary"]) {
        const s = await t.login(who);
        expectError(await s.request({ method: "GET", url: "/api/security/alerts" }), 403, { code: "forbidden" });
        const any = (await alerts())[0];
        expectError(await s.request({ method: "POST", url: `/api/security/alerts/${any?.id}/acknowledge` }), 403);
      }
      expectError(await secadmin.request({ method: "GET", url: "/api/security/alerts?pageSize=1000" }), 400, {
        field: "pageSize",
      });
      expectError(await secadmin.request({ method: "GET", url: "/api/security/alerts?open=maybe" }), 400, {
        field: "open",
      });
    });

    it("lists alerts newest first with the account, and acknowledges one (audited, once)", async () => {
      const res = await secadmin.request({ method: "GET", url: "/api/security/alerts" });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        total: number;
        items: Array<{
          id: number;
          kind: string;
          at: string;
          user: { username: string } | null;
          acknowledgedAt: string | null;
        }>;
      };
      expect(body.total).toBe(3);
      expect(body.items.map((a) => [a.kind, a.user?.username])).toEqual([
        ["member.idNumberProbing", "town"],
        ["member.idNumberProbing", "secb"],
        ["member.idNumberProbing", "secretary"],
      ]);
      const target = body.items[2];
      expectError(await secadmin.request({ method: "POST", url: "/api/security/alerts/999999/acknowledge" }), 404);
      const ack = await secadmin.request({ method: "POST", url: `/api/security/alerts/${target?.id}/acknowledge` });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json()).toMatchObject({ id: target?.id, acknowledgedBy: { username: "secadmin" } });
      expect((ack.json() as { acknowledgedAt: string | null }).acknowledgedAt).not.toBeNull();
      expectError(
        await secadmin.request({ method: "POST", url: `/api/security/alerts/${target?.id}/acknowledge` }),
        409,
        { code: "alert.acknowledged" },
      );
      const open = (
        await secadmin.request({ method: "GET", url: "/api/security/alerts?open=true" })
      ).json() as typeof body;
      expect(open.items.map((a) => a.user?.username)).toEqual(["town", "secb"]);
      const audit = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_name", "result", "target_type", "target_id"])
        .where("action", "=", "alert.acknowledge")
        .where("actor_name", "=", "secadmin")
        .orderBy("id")
        .execute();
      // The unknown alert (404), the acknowledgement, the second one (409); the 403s above are recorded too.
      expect(audit).toEqual([
        { actor_name: "secadmin", result: "denied", target_type: null, target_id: null },
        { actor_name: "secadmin", result: "success", target_type: "alert", target_id: String(target?.id) },
        { actor_name: "secadmin", result: "failure", target_type: null, target_id: null },
      ]);
    });
  });
});
