import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The needs list as an Excel workbook through the kernel's jobs (issue 8, item 6):
 * POST /api/needs/export checks at once and answers 202 { jobId }; the job writes the needs the
 * owner sees with the list's filters, in the request's language, budgets in 元, no formulas; the
 * export is audited (filters, row count) when it is done, refusals at once.
 */
describe(`needs export through a job (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session; // secretary of village:a1
  const ids: Record<string, number> = {};
  const start = (s: Session, body: Record<string, unknown> = {}, language = "zh-CN") =>
    s.request({ method: "POST", url: "/api/needs/export", payload: body, headers: { "accept-language": language } });

  beforeAll(async () => {
    // The cap on an export's rows, lowered to 3: the village sees 3 needs, the coordinator 4.
    t = await createTestContext({ county: helpCounty(), jobs: { autoStart: false }, exportMaxRows: 3 });
    for (const key of ["village:a1", "village:b1", "town:b"]) ids[key] = await t.orgId(key);
    village = await t.login("secretary");
    const secb = await t.login("secb");
    const post = async (s: Session, body: Record<string, unknown>) => {
      const res = await s.request({ method: "POST", url: "/api/needs", payload: body });
      expect(res.statusCode, res.body).toBe(201);
    };
    const need = (orgId: number, extra: Record<string, unknown>) => ({
      orgId,
      category: "economy",
      title: "茶叶销路",
      description: "村里的高山茶缺少稳定的销售渠道。",
      visibility: "partners",
      ...extra,
    });
    await post(village, need(ids["village:a1"] as number, { budgetFen: 1_500_050, deadline: "2099-12-31" }));
    await post(village, need(ids["village:a1"] as number, { title: '=HYPERLINK("http://x")', category: "training" }));
    // Another village's: one published to the county (seen), one for its superiors only (not seen).
    await post(
      secb,
      need(ids["village:b1"] as number, { title: "灵岩村修路", category: "livelihood", visibility: "region" }),
    );
    await post(secb, need(ids["village:b1"] as number, { title: "灵岩村内部事务", visibility: "superiors" }));
  }, 120_000);
  afterAll(async () => t?.close());

  it("refuses at once, audited: roles without the permission, bad filters, an unseen organization", async () => {
    for (const who of ["leader", "member", "auditor"]) expectError(await start(await t.login(who)), 403);
    expectError(await start(village, { category: "nope" }), 400, { field: "category" });
    expectError(await start(village, { page: 2 }), 400);
    expectError(await start(village, { within: ids["town:b"] }), 404);
    const tooMany = expectError(await start(await t.login("coordinator")), 400, { code: "need.exportTooMany" });
    expect(tooMany.message).toContain("4");
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select("result")
      .where("action", "=", "need.export")
      .execute();
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.result !== "success")).toBe(true);
    expect(await t.database.db.selectFrom("jobs").select("id").execute()).toEqual([]);
  });

  it("writes the needs the owner sees with the filters, in their language, budgets in 元, no formulas", async () => {
    const accepted = await start(village, {});
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { jobId } = accepted.json() as { jobId: string };
    expect(expectError(await start(village, {}), 429, { code: "job.heavyRunning" })).toBeTruthy();
    await t.app.jobs.drain();
    const job = (await village.request({ method: "GET", url: `/api/jobs/${jobId}` })).json();
    expect(job).toMatchObject({ kind: "need.export", status: "succeeded", result: { rowCount: 3 } });
    const file = await village.request({ method: "GET", url: job.resultUrl });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe("需求清单");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(["需求标题", "需求组织", "需求类别", "预算（元）", "截止日期"]));
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h as string, values[i]])));
    });
    const titles = rows.map((r) => r["需求标题"]);
    expect(titles).toHaveLength(3);
    expect(titles).toEqual(expect.arrayContaining(["茶叶销路", "灵岩村修路"]));
    expect(titles).not.toContain("灵岩村内部事务");
    // A title that looks like a formula is text, kept inert; no cell anywhere is a formula.
    expect(titles).toContain('\'=HYPERLINK("http://x")');
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const tea = rows.find((r) => r["需求标题"] === "茶叶销路") as Record<string, unknown>;
    expect(tea).toMatchObject({ "预算（元）": 15000.5, 截止日期: "2099-12-31", 需求类别: "发展经济", 状态: "待认领" });

    const done = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "detail"])
      .where("action", "=", "need.export")
      .where("result", "=", "success")
      .execute();
    expect(done).toEqual([
      expect.objectContaining({ actor_name: "secretary", detail: expect.objectContaining({ rowCount: 3 }) }),
    ]);
    const note = (await village.request({ method: "GET", url: "/api/notifications" })).json();
    expect(note.items[0]).toMatchObject({ kind: "job.succeeded", link: `/jobs?id=${jobId}` });
  });

  it("applies the filters, records them (the keyword by name only), and writes English headers on request", async () => {
    const accepted = await start(village, { category: "livelihood", q: "修路" }, "en");
    expect(accepted.statusCode, accepted.body).toBe(202);
    await t.app.jobs.drain();
    const job = (
      await village.request({ method: "GET", url: `/api/jobs/${(accepted.json() as { jobId: string }).jobId}` })
    ).json();
    expect(job).toMatchObject({ status: "succeeded", result: { rowCount: 1 } });
    const file = await village.request({ method: "GET", url: job.resultUrl });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toContain("Title");
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toContain("灵岩村修路");
    const records = await t.database.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "need.export")
      .where("result", "=", "success")
      .orderBy("id", "desc")
      .execute();
    const detail = records[0]?.detail as Record<string, unknown>;
    expect(detail).toMatchObject({ filters: { category: "livelihood" }, searched: ["q"], rowCount: 1 });
    expect(JSON.stringify(detail)).not.toContain("修路");
  });
});
