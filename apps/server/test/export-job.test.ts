import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The roster export as a background job (issue 7): POST /api/members/export checks at once and
 * answers 202 { jobId }; the job reports progress, and its resultUrl downloads the masked
 * workbook; the export is audited when it is done, refusals at once.
 */
describe(`roster export through a job (${testDatabaseKind})`, () => {
  let t: TestContext;
  let secretary: Session;
  const start = (s: Session, body: Record<string, unknown> = {}, language = "zh-CN") =>
    s.request({ method: "POST", url: "/api/members/export", payload: body, headers: { "accept-language": language } });

  beforeAll(async () => {
    t = await createTestContext({ jobs: { autoStart: false } });
    secretary = await t.login("secretary");
  }, 60_000);
  afterAll(async () => t?.close());

  it("refuses at once what the download refuses, audited", async () => {
    for (const who of ["leader", "member", "auditor"]) {
      expectError(await start(await t.login(who)), 403);
    }
    expectError(await start(secretary, { orgId: await t.orgId("village:b1") }), 404);
    expectError(await start(secretary, { status: "nobody" }), 400, { field: "status" });
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select("result")
      .where("action", "=", "member.export")
      .execute();
    expect(refused.map((r) => r.result).sort()).toEqual(["denied", "denied", "denied", "denied", "failure"]);
    expect(await t.database.db.selectFrom("jobs").select("id").execute()).toEqual([]);
  });

  it("runs the export in the background, one at a time per user, and the owner downloads it", async () => {
    const accepted = await start(secretary, { status: "full" }, "en");
    expect(accepted.statusCode).toBe(202);
    const { jobId } = accepted.json() as { jobId: string };
    // A second heavy job while the first waits: refused, with a clear message.
    expect(expectError(await start(secretary, {}, "en"), 429, { code: "job.heavyRunning" }).message).toMatch(/already/);
    expect((await secretary.request({ method: "GET", url: `/api/jobs/${jobId}` })).json()).toMatchObject({
      kind: "member.export",
      status: "queued",
    });
    await t.app.jobs.drain();
    const job = (
      await secretary.request({ method: "GET", url: `/api/jobs/${jobId}`, headers: { "accept-language": "en" } })
    ).json();
    expect(job).toMatchObject({ status: "succeeded", progress: 1, result: { rowCount: 3 } });
    const file = await secretary.request({ method: "GET", url: job.resultUrl });
    expect(file.headers["content-disposition"]).toMatch(/filename\*=UTF-8''member-roster-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(workbook.worksheets[0]?.getSheetValues());
    for (const name of ["钟一", "刘二", "李三"]) {
      expect(text).toContain(name);
      const personal = await t.personal(name);
      expect(text).not.toContain(personal.idNumber);
    }
    // Someone else's job is not there for them.
    expectError(await (await t.login("coordinator")).request({ method: "GET", url: job.resultUrl }), 404);
    const done = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "detail"])
      .where("action", "=", "member.export")
      .where("result", "=", "success")
      .execute();
    expect(done).toEqual([
      expect.objectContaining({ actor_name: "secretary", detail: expect.objectContaining({ rowCount: 3 }) }),
    ]);
    const note = (await secretary.request({ method: "GET", url: "/api/notifications" })).json();
    expect(note.items[0]).toMatchObject({ kind: "job.succeeded", link: `/jobs?id=${jobId}` });
  });
});
