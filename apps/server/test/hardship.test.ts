import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Members in difficulty (生活困难党员, issue 11) through the API: recorded by the member's primary
 * organization's secretary or a coordinator above, read by them only (not leaders, not the member
 * role, not another branch's secretary), the details encrypted at rest and every read of them
 * audited; visits, help and follow-ups; closing.
 */
describe(`members in difficulty (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  let town: Session; // town:a's coordinator, above village:a1
  let secretary: Session; // village:a1's
  let secb: Session; // village:b1's
  let organsec: Session; // the organ branch's, which co-manages 李三 of village:a1
  let leader: Session;
  let member: Session;
  const DETAILS = "患尿毒症需长期透析，家中无其他劳动力 H4RDSH1P-明文-标记";
  const NOTE = "入户走访，送去慰问金 V1S1T-明文-标记";
  let caseId = 0;
  let zhong = 0; // 钟一, village:a1
  let li = 0; // 李三, village:a1, co-managed by the organ

  beforeAll(async () => {
    t = await createTestContext();
    coordinator = await t.login("coordinator");
    town = await t.login("town");
    secretary = await t.login("secretary");
    secb = await t.login("secb");
    organsec = await t.login("organsec");
    leader = await t.login("leader");
    member = await t.login("member");
    zhong = await t.memberId("钟一");
    li = await t.memberId("李三");
  }, 120_000);
  afterAll(async () => t?.close());

  const create = (s: Session, payload: Record<string, unknown>) =>
    s.request({ method: "POST", url: "/api/hardship-cases", payload });
  const views = async (id: number) =>
    (
      await t.database.db
        .selectFrom("audit_log")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("action", "=", "hardship.view")
        .where("target_id", "=", String(id))
        .where("result", "=", "success")
        .executeTakeFirstOrThrow()
    ).n;

  it("the member's secretary records a case; the answer has the details, the row holds ciphertext", async () => {
    const res = await create(secretary, { memberId: zhong, category: "illness", details: DETAILS });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    caseId = body.id;
    expect(body).toMatchObject({ category: "illness", status: "open", details: DETAILS, member: { id: zhong } });
    const raw = await sql<{ details_enc: Uint8Array; as_text: string }>`
      SELECT details_enc, encode(details_enc, 'escape') AS as_text FROM hardship_cases WHERE id = ${caseId}`.execute(
      t.database.db,
    );
    const row = raw.rows[0];
    expect(row).toBeDefined();
    expect(Buffer.from(row?.details_enc ?? []).includes(Buffer.from("H4RDSH1P"))).toBe(false);
    expect(row?.as_text).not.toContain("H4RDSH1P");
    expect(t.cipher.decrypt(row?.details_enc as Uint8Array)).toBe(DETAILS);
    // The create's audit record names the kind, never the details.
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(sql<string>`detail::text`.as("detail"))
      .where("action", "=", "hardship.create")
      .execute();
    expect(audit.length).toBe(1);
    expect(audit[0]?.detail).not.toContain("H4RDSH1P");
  });

  it("refuses a category outside the vocabulary and a member the caller does not keep, naming the field", async () => {
    expectError(await create(secretary, { memberId: zhong, category: "poverty", details: "x" }), 400, {
      field: "category",
    });
    const lin = await t.memberId("林五"); // village:b1
    expectError(await create(secretary, { memberId: lin, category: "illness", details: "x" }), 400, {
      field: "memberId",
    });
    // The organ's secretary reads 李三's record (co-managing) but does not keep their difficulties.
    expectError(await create(organsec, { memberId: li, category: "illness", details: "x" }), 403);
    expectError(await create(leader, { memberId: zhong, category: "illness", details: "x" }), 403);
  });

  it("every read of the details is audited; the list shows no details", async () => {
    const before = await views(caseId);
    const one = await secretary.request({ method: "GET", url: `/api/hardship-cases/${caseId}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().details).toBe(DETAILS);
    const two = await town.request({ method: "GET", url: `/api/hardship-cases/${caseId}` });
    expect(two.statusCode).toBe(200);
    expect(await views(caseId)).toBe(before + 2);
    const list = await coordinator.request({ method: "GET", url: "/api/hardship-cases" });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain("H4RDSH1P");
    expect(list.json().items[0]).not.toHaveProperty("details");
    expect(await views(caseId)).toBe(before + 2);
  });

  it("nobody else reads it: another branch's secretary, a co-managing secretary, a leader, the member role", async () => {
    const before = await views(caseId);
    expectError(await secb.request({ method: "GET", url: `/api/hardship-cases/${caseId}` }), 404);
    expectError(await organsec.request({ method: "GET", url: `/api/hardship-cases/${caseId}` }), 404);
    expectError(await leader.request({ method: "GET", url: `/api/hardship-cases/${caseId}` }), 403);
    expectError(await member.request({ method: "GET", url: `/api/hardship-cases/${caseId}` }), 403);
    for (const s of [secb, organsec]) {
      const list = await s.request({ method: "GET", url: "/api/hardship-cases" });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(0);
    }
    expectError(await leader.request({ method: "GET", url: "/api/hardship-cases" }), 403);
    expect(await views(caseId)).toBe(before);
    // The refusals are on the record too.
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("action", "=", "hardship.view")
      .where("result", "!=", "success")
      .executeTakeFirstOrThrow();
    expect(refused.n).toBeGreaterThanOrEqual(4);
  });

  it("records a visit and help given (by whom, what, value in fen), notes encrypted; then closes", async () => {
    const visit = await secretary.request({
      method: "POST",
      url: `/api/hardship-cases/${caseId}/entries`,
      payload: { kind: "visit", occurredOn: "2026-01-05", note: NOTE },
    });
    expect(visit.statusCode).toBe(200);
    expectError(
      await secretary.request({
        method: "POST",
        url: `/api/hardship-cases/${caseId}/entries`,
        payload: { kind: "visit", occurredOn: "2026-01-05", note: "x", valueFen: 100 },
      }),
      400,
      { field: "valueFen" },
    );
    const help = await town.request({
      method: "POST",
      url: `/api/hardship-cases/${caseId}/entries`,
      payload: { kind: "help", occurredOn: "2026-01-06", note: "慰问金", givenBy: "中山镇党委", valueFen: 50_000 },
    });
    expect(help.statusCode).toBe(200);
    expect(help.json().entryList).toMatchObject([
      { kind: "visit", note: NOTE, givenBy: null, valueFen: null },
      { kind: "help", givenBy: "中山镇党委", valueFen: 50_000 },
    ]);
    const notes = await sql<{ t: string }>`SELECT encode(note_enc, 'escape') AS t FROM hardship_entries`.execute(
      t.database.db,
    );
    expect(notes.rows.length).toBe(2);
    for (const r of notes.rows) expect(r.t).not.toContain("V1S1T");
    expectError(await secb.request({ method: "POST", url: `/api/hardship-cases/${caseId}/close` }), 404);
    const closed = await secretary.request({ method: "POST", url: `/api/hardship-cases/${caseId}/close` });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: "closed", abilities: { record: false, close: false } });
    expectError(
      await secretary.request({
        method: "POST",
        url: `/api/hardship-cases/${caseId}/entries`,
        payload: { kind: "follow_up", occurredOn: "2026-01-07", note: "x" },
      }),
      409,
      { code: "hardship.closed" },
    );
  });
});
