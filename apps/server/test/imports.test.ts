import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../src/modules/auth/auth.service.ts";
import { importsService } from "../src/modules/imports/imports.service.ts";
import { createJobRunner } from "../src/platform/jobs.ts";
import {
  createTestContext,
  expectError,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
  XLSX,
} from "./helpers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const HEADERS = [
  "姓名",
  "性别",
  "民族",
  "出生日期",
  "公民身份号码",
  "手机号码",
  "学历",
  "入党日期",
  "党员类别",
  "所在党组织",
  "共管党组织",
];
const VILLAGE_A1 = "350824101201";
const VILLAGE_B1 = "350824102201";

type Cell = string | number | Date | null;

/** n members of 三联村 (the secretary's village), each with a valid, distinct ID number. */
function memberRows(n: number, offset = 0): Cell[][] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + offset;
    const gender = k % 2 === 0 ? "male" : "female";
    const birthDate = `19${60 + (k % 30)}-0${1 + (k % 9)}-1${k % 10}`;
    return [
      `导入${k}`,
      gender === "male" ? "男" : "女",
      "汉族",
      // Every third date as an Excel date cell, the rest as text.
      k % 3 === 0 ? new Date(`${birthDate}T00:00:00Z`) : birthDate,
      makeIdNumber(birthDate, gender, 300 + k, "350824"),
      `139${String(10_000_000 + k).slice(-8)}`,
      "高中",
      "2012-07-01",
      k % 5 === 0 ? "预备党员" : "正式党员",
      VILLAGE_A1,
      null,
    ];
  });
}

async function workbook(rows: Cell[][], headers: string[] = HEADERS, sheetName = "党员信息"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  if (headers.length) sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet("填写说明").addRow(["说明"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = `----huzhu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${XLSX}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("imports (issue 13)", () => {
  let t: TestContext;
  let secretary: Session;

  beforeAll(async () => {
    t = await createTestContext({ jobs: { autoStart: false } });
    secretary = await t.login("secretary");
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const memberCount = async () =>
    Number(
      (await t.database.db.selectFrom("members").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow())
        .n,
    );

  async function upload(session: Session, content: Buffer, lang = "zh-CN", name = "党员.xlsx") {
    const body = multipart({ kind: "members" }, { name, content });
    return session.request({
      method: "POST",
      url: "/api/imports",
      payload: body.payload,
      headers: { ...body.headers, "accept-language": lang },
    });
  }

  async function uploadAndValidate(content: Buffer, lang = "zh-CN") {
    const res = await upload(secretary, content, lang);
    expect(res.statusCode, res.body).toBe(202);
    const { id, jobId } = res.json() as { id: number; jobId: string };
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    await t.app.jobs.drain();
    const detail = await secretary.request({
      method: "GET",
      url: `/api/imports/${id}`,
      headers: { "accept-language": lang },
    });
    expect(detail.statusCode, detail.body).toBe(200);
    return { id, detail: detail.json() };
  }

  it("serves the members template: the issue's headers in order, lists, instructions, one valid example", async () => {
    const res = await secretary.request({ method: "GET", url: "/api/imports/templates/members" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [data, help] = wb.worksheets;
    expect(data?.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(data?.getCell("B2").dataValidation).toMatchObject({ type: "list", formulae: ['"男,女"'] });
    expect(data?.getCell("G100").dataValidation?.formulae?.[0]).toContain("硕士研究生");
    expect(data?.getCell("I2").dataValidation?.formulae).toEqual(['"正式党员,预备党员"']);
    expect(help?.name).toBe("填写说明");
    // The watermark names who downloaded it.
    const text: string[] = [];
    help?.eachRow((row) => {
      text.push(row.values?.toString() ?? "");
    });
    expect(text.join("\n")).toContain("secretary");
    // The example row passes the importer's own checks.
    const { detail } = await uploadAndValidate(Buffer.from(res.rawPayload));
    expect(detail).toMatchObject({ status: "validated", counts: { total: 1, new: 1, bad: 0 } });
    for (const kind of ["orgs", "needs", "resources"]) {
      const other = await secretary.request({ method: "GET", url: `/api/imports/templates/${kind}` });
      expect(other.statusCode).toBe(200);
    }
    expectError(await secretary.request({ method: "GET", url: "/api/imports/templates/budgets" }), 400, {
      field: "kind",
    });
  });

  it("reports exactly the 3 bad rows of a 50-row file, refuses the commit and writes nothing", async () => {
    const before = await memberCount();
    const rows = memberRows(50);
    // Row 5 of the sheet (data row 4): a wrong check digit.
    const id4 = rows[3]?.[4] as string;
    (rows[3] as Cell[])[4] = id4.slice(0, 17) + (id4[17] === "0" ? "1" : "0");
    // Row 13: an impossible date.
    (rows[11] as Cell[])[7] = "2013-02-30";
    // Row 31: an organization outside the secretary's village.
    (rows[29] as Cell[])[9] = VILLAGE_B1;
    const { id, detail } = await uploadAndValidate(await workbook(rows));
    expect(detail.status).toBe("invalid");
    expect(detail.counts).toEqual({ total: 50, new: 47, changed: 0, unchanged: 0, bad: 3 });
    expect(detail.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [5, "公民身份号码", "idNumber.checkDigit"],
      [13, "入党日期", "date.invalid"],
      [31, "所在党组织", "import.orgOutsideJurisdiction"],
    ]);
    expect(detail.errors[0].message).toBe("校验位不正确");
    expect(detail.errors[2].message).toBe("不在您的管辖范围内");
    // In English too.
    const en = (
      await secretary.request({ method: "GET", url: `/api/imports/${id}`, headers: { "accept-language": "en" } })
    ).json();
    expect(en.errors[0].message).toBe("has a wrong check digit");
    // Errors are paged.
    const page2 = (await secretary.request({ method: "GET", url: `/api/imports/${id}?page=2&pageSize=2` })).json();
    expect(page2).toMatchObject({ errorTotal: 3, errors: [{ row: 31, column: "所在党组织" }] });
    // The preview's filters.
    const bad = (await secretary.request({ method: "GET", url: `/api/imports/${id}/rows?only=errors` })).json();
    expect(bad.items.map((r: { row: number }) => r.row)).toEqual([5, 13, 31]);
    const changes = (
      await secretary.request({ method: "GET", url: `/api/imports/${id}/rows?only=changes&pageSize=100` })
    ).json();
    expect(changes.total).toBe(47);
    expect(changes.items[0].idNumberMasked).toMatch(/^\d{2}\*+\w{2}$/);
    // The error workbook: the same rows with a reason column.
    const errorsFile = await secretary.request({ method: "GET", url: `/api/imports/${id}/errors.xlsx` });
    expect(errorsFile.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errorsFile.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getCell("L1").text).toBe("错误说明");
    expect(sheet?.getCell("L5").text).toBe("公民身份号码：校验位不正确");
    expect(sheet?.getCell("L6").text).toBe("");
    // Committing is refused while rows are bad; nothing was written.
    const commit = await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` });
    expectError(commit, 409, { code: "import.hasErrors" });
    expect(await memberCount()).toBe(before);
    // Someone else's import is not found.
    const other = await t.login("secb");
    expect((await other.request({ method: "GET", url: `/api/imports/${id}` })).statusCode).toBe(404);
  });

  it("commits the corrected 50 rows encrypted; the same file again is 50 unchanged and writes nothing", async () => {
    const before = await memberCount();
    const rows = memberRows(50);
    const { id, detail } = await uploadAndValidate(await workbook(rows));
    expect(detail).toMatchObject({ status: "validated", counts: { total: 50, new: 50, bad: 0 }, errors: [] });
    const commit = await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` });
    expect(commit.statusCode, commit.body).toBe(202);
    await t.app.jobs.drain();
    const done = (await secretary.request({ method: "GET", url: `/api/imports/${id}` })).json();
    expect(done).toMatchObject({ status: "committed", counts: { new: 50 } });
    expect(await memberCount()).toBe(before + 50);
    // Encrypted exactly as the members module does: the ID number and phone only as ciphertext.
    const first = await t.personal("导入1");
    expect(first.idNumber).toBe(rows[1]?.[4]);
    const stored = await t.database.db
      .selectFrom("members")
      .selectAll()
      .where("name", "=", "导入1")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(String(rows[1]?.[4]));
    expect(stored.id_number_masked).toMatch(/\*/);
    // In the roster.
    const roster = (await secretary.request({ method: "GET", url: "/api/members?q=导入1&pageSize=50" })).json();
    expect(roster.items.map((m: { name: string }) => m.name)).toContain("导入1");
    // Audited.
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "import.commit")
      .where("result", "=", "success")
      .orderBy("id")
      .execute();
    expect(audit.at(-1)?.detail).toMatchObject({ kind: "members", created: 50, updated: 0 });
    // The upload is not kept once committed (its personal data is the roster's now).
    const stored2 = await t.database.db
      .selectFrom("imports")
      .select("file_enc")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(t.cipher.decrypt(stored2.file_enc)).toBe("");
    expectError(await secretary.request({ method: "GET", url: `/api/imports/${id}/errors.xlsx` }), 409, {
      code: "import.fileForgotten",
    });
    // A second commit is refused.
    expectError(await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` }), 409, {
      code: "import.alreadyCommitted",
    });

    // Again: nothing new, nothing changed.
    const updatedAt = await t.database.db
      .selectFrom("members")
      .select(sql<string>`max(updated_at)::text`.as("at"))
      .executeTakeFirstOrThrow();
    const again = await uploadAndValidate(await workbook(rows));
    expect(again.detail).toMatchObject({
      status: "validated",
      counts: { total: 50, new: 0, changed: 0, unchanged: 50, bad: 0 },
    });
    expect((await secretary.request({ method: "POST", url: `/api/imports/${again.id}/commit` })).statusCode).toBe(202);
    await t.app.jobs.drain();
    expect((await secretary.request({ method: "GET", url: `/api/imports/${again.id}` })).json().status).toBe(
      "committed",
    );
    expect(await memberCount()).toBe(before + 50);
    expect(
      await t.database.db
        .selectFrom("members")
        .select(sql<string>`max(updated_at)::text`.as("at"))
        .executeTakeFirstOrThrow(),
    ).toEqual(updatedAt);

    // One changed cell: one changed row, naming the column.
    (rows[2] as Cell[])[6] = "大专";
    const changed = await uploadAndValidate(await workbook(rows));
    expect(changed.detail.counts).toMatchObject({ changed: 1, unchanged: 49 });
    const preview = (
      await secretary.request({ method: "GET", url: `/api/imports/${changed.id}/rows?only=changes` })
    ).json();
    expect(preview.items).toMatchObject([{ row: 4, outcome: "changed", changes: ["学历"] }]);

    // The history lists the caller's imports, newest first.
    const list = (await secretary.request({ method: "GET", url: "/api/imports" })).json();
    expect(list.items[0]).toMatchObject({ id: changed.id, createdBy: "secretary", fileName: "党员.xlsx" });
  });

  it("reports duplicates inside the file, someone else's member as a conflict, and unreadable cells", async () => {
    const rows = memberRows(3, 100);
    rows.push([...(rows[0] as Cell[])]);
    const lin = await t.personal("林五"); // a member of 灵岩村, outside the secretary's village
    rows.push([
      "林五",
      "女",
      "汉族",
      "1990-09-09",
      lin.idNumber,
      null,
      "高中",
      "2012-07-01",
      "正式党员",
      VILLAGE_A1,
      null,
    ]);
    rows.push([
      "坏行",
      "未知",
      "汉族",
      "1980-01-01",
      350824198001010000, // what Excel keeps of an 18-digit number typed as a number
      "123",
      "本科",
      "2012-07-01",
      "党员",
      "不存在的组织",
      null,
    ]);
    const { detail } = await uploadAndValidate(await workbook(rows));
    expect(detail.status).toBe("invalid");
    const byRow = (row: number) =>
      detail.errors.filter((e: { row: number }) => e.row === row).map((e: { code: string }) => e.code);
    expect(byRow(5)).toEqual(["import.duplicateInFile"]);
    expect(byRow(6)).toEqual(["import.idNumberElsewhere"]);
    expect(byRow(7)).toEqual([
      "import.notInList",
      "import.idNumberAsNumber",
      "phone.format",
      "import.notInList",
      "import.notInList",
      "import.orgNotFound",
    ]);
    expect(detail.errors.find((e: { row: number }) => e.row === 5).message).toBe("与第 2 行重复");
  });

  it("counts conflict rows against the ID-number probing limit, and past it hides which rows conflict", async () => {
    // The test above reported one conflict (林五): four more reach the limit of five an hour.
    const elsewhere = async (name: string, gender: "男" | "女", birth: string) => {
      const p = await t.personal(name);
      return [name, gender, "汉族", birth, p.idNumber, null, "高中", "2012-07-01", "正式党员", VILLAGE_A1, null];
    };
    const four = [
      await elsewhere("王四", "男", "1980-05-06"),
      await elsewhere("陈六", "男", "1980-05-06"),
      await elsewhere("练七", "男", "1980-05-06"),
      await elsewhere("林五", "女", "1990-09-09"),
    ];
    const first = await uploadAndValidate(await workbook(four));
    expect(first.detail.status).toBe("invalid");
    expect(first.detail.errors.map((e: { code: string }) => e.code)).toEqual(Array(4).fill("import.idNumberElsewhere"));
    const alerts = await t.database.db
      .selectFrom("security_alerts")
      .select(["kind", "detail"])
      .where("kind", "=", "member.idNumberProbing")
      .execute();
    expect(alerts).toMatchObject([{ detail: { via: "import", attempts: 5 } }]);
    // One more: the file is refused as a whole, naming no row.
    const second = await uploadAndValidate(await workbook([four[0] as Cell[]]));
    expect(second.detail).toMatchObject({ status: "invalid", errors: [], counts: { total: 0 } });
    expect(second.detail.message).toContain("探查");
  });

  it("exports the roster in the template's column order, masked, with a notes sheet naming who and when", async () => {
    const res = await secretary.request({ method: "GET", url: "/api/members/export" });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [data, notes] = wb.worksheets;
    const header = ((data?.getRow(1).values ?? []) as string[]).slice(1);
    // The import's columns in its order, masked where the screen masks (the birth date as its year).
    expect(header).toEqual([
      "姓名",
      "性别",
      "民族",
      "出生年份",
      "身份证号（已脱敏）",
      "手机号（已脱敏）",
      "学历",
      "入党日期",
      "党员类别",
      "所在党组织",
      "共管党组织",
    ]);
    expect(notes?.name).toBe("说明");
    const lines: string[] = [];
    notes?.eachRow((row) => {
      lines.push(String(row.getCell(1).value));
    });
    expect(lines.join("\n")).toMatch(/导出人：secretary（secretary）　导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(lines.join("\n")).toContain("已脱敏");
  });

  it("answers bad files with a clear 400, never a 500", async () => {
    const notWorkbook = await upload(secretary, Buffer.from("姓名,性别\n张三,男\n"), "zh-CN", "a.csv");
    expect(expectError(notWorkbook, 400, { code: "import.notWorkbook", field: "file" }).message).toContain("Excel");
    const zipButNot = await upload(
      secretary,
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
    );
    expectError(zipButNot, 400, { code: "import.notWorkbook" });
    const wrong = await upload(secretary, await workbook(memberRows(2), ["名字", ...HEADERS.slice(1)]));
    expect(expectError(wrong, 400, { code: "import.wrongHeaders" }).message).toContain("第 A 列应为“姓名”");
    const wrongEn = await upload(secretary, await workbook(memberRows(2), HEADERS.slice(0, 10)), "en");
    expect(expectError(wrongEn, 400, { code: "import.wrongHeaders" }).message).toContain("column K");
    expectError(await upload(secretary, await workbook([])), 400, { code: "import.empty" });
    expectError(await upload(secretary, await workbook([], [])), 400, { code: "import.empty" });
    // The kind is checked, and named.
    const body = multipart({ kind: "budgets" }, { name: "x.xlsx", content: await workbook(memberRows(1)) });
    const kind = await secretary.request({
      method: "POST",
      url: "/api/imports",
      payload: body.payload,
      headers: body.headers,
    });
    expect(expectError(kind, 400, { field: "kind" }).message).toContain("导入类型");
    const noFile = multipart({ kind: "members" });
    expectError(
      await secretary.request({
        method: "POST",
        url: "/api/imports",
        payload: noFile.payload,
        headers: noFile.headers,
      }),
      400,
      { field: "file" },
    );
    // Roles that keep no roster may not import.
    const leader = await t.login("leader");
    expectError(await upload(leader, await workbook(memberRows(1))), 403);
  });

  it("refuses a file over the row limit with a clear message (the limit is the web's)", async () => {
    const auth = authService(t.database.db, t.cipher, () => new Date(), {
      idleMinutes: 30,
      maxHours: 12,
      sessionsPerUser: 5,
      requireSecondFactor: false,
    });
    const small = importsService(t.database.db, t.cipher, () => new Date(), {
      actorOf: (userId, ip) => auth.actorOf(userId, ip),
      maxRows: 60,
    });
    const runner = createJobRunner(t.database.db);
    runner.register(small.validateJob);
    runner.register(small.commitJob);
    const user = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "secretary")
      .executeTakeFirstOrThrow();
    const actor = await auth.actorOf(user.id, null);
    if (!actor) throw new Error("no actor");
    const { id } = await small.upload(
      actor,
      { kind: "members", fileName: "big.xlsx", content: await workbook(memberRows(61, 200)), locale: "zh-CN" },
      runner,
    );
    await runner.drain();
    const detail = (await secretary.request({ method: "GET", url: `/api/imports/${id}` })).json();
    expect(detail).toMatchObject({ status: "invalid" });
    expect(detail.message).toContain("60 行");
  });

  it("forgets the workbook of an import left uncommitted for 30 days", async () => {
    const rows = memberRows(2, 700);
    (rows[0] as Cell[])[1] = "未知";
    const { id } = await uploadAndValidate(await workbook(rows));
    const fresh = importsService(t.database.db, t.cipher, () => new Date(), { actorOf: async () => null });
    expect(await fresh.forgetStale()).toBe(0);
    expect((await secretary.request({ method: "GET", url: `/api/imports/${id}/errors.xlsx` })).statusCode).toBe(200);
    await t.database.db
      .updateTable("imports")
      .set({ created_at: sql`now() - interval '31 days'` })
      .where("id", "=", id)
      .execute();
    expect(await fresh.forgetStale()).toBeGreaterThanOrEqual(1);
    const stored = await t.database.db
      .selectFrom("imports")
      .select("file_enc")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(t.cipher.decrypt(stored.file_enc)).toBe("");
    expectError(await secretary.request({ method: "GET", url: `/api/imports/${id}/errors.xlsx` }), 409, {
      code: "import.fileForgotten",
    });
    // Its preview stays.
    expect((await secretary.request({ method: "GET", url: `/api/imports/${id}` })).json().errorTotal).toBe(1);
  });

  it("leaves none of the rows when the commit fails on its last batch", async () => {
    const before = await memberCount();
    const auth = authService(t.database.db, t.cipher, () => new Date(), {
      idleMinutes: 30,
      maxHours: 12,
      sessionsPerUser: 5,
      requireSecondFactor: false,
    });
    const failing = importsService(t.database.db, t.cipher, () => new Date(), {
      actorOf: (userId, ip) => auth.actorOf(userId, ip),
      writeBatchSize: 10,
      beforeWriteBatch: async (index, batches) => {
        if (index === batches - 1) throw new Error("forced failure on the last batch");
      },
    });
    const runner = createJobRunner(t.database.db);
    runner.register(failing.validateJob);
    runner.register(failing.commitJob);
    const user = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "secretary")
      .executeTakeFirstOrThrow();
    const actor = await auth.actorOf(user.id, null);
    if (!actor) throw new Error("no actor");
    const { id } = await failing.upload(
      actor,
      { kind: "members", fileName: "f.xlsx", content: await workbook(memberRows(50, 400)), locale: "zh-CN" },
      runner,
    );
    await runner.drain();
    const jobId = await failing.startCommit(actor, id, "zh-CN", runner);
    await runner.drain();
    const job = await t.database.db
      .selectFrom("jobs")
      .select("status")
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe("failed");
    const detail = (await secretary.request({ method: "GET", url: `/api/imports/${id}` })).json();
    expect(detail).toMatchObject({ status: "failed" });
    expect(detail.message).toContain("未写入任何数据");
    expect(await memberCount()).toBe(before);
    expect(
      await t.database.db
        .selectFrom("members")
        .select("id")
        .where(
          "name",
          "in",
          Array.from({ length: 50 }, (_, i) => `导入${400 + i}`),
        )
        .execute(),
    ).toEqual([]);
  });

  it.runIf(testDatabaseKind === "postgres")(
    "leaves none of the rows when the process is killed in the middle of the commit (SIGKILL)",
    async () => {
      const url = process.env.TEST_DATABASE_URL ?? "";
      const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.database.db)).rows[0]?.s ?? "";
      const before = await memberCount();
      const { id } = await uploadAndValidate(await workbook(memberRows(50, 600)));
      const commit = await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` });
      expect(commit.statusCode).toBe(202);
      const { jobId } = commit.json() as { jobId: string };
      const child: ChildProcess = spawn(
        process.execPath,
        ["--import", "tsx", path.join(here, "fixtures/import-child.ts"), url, schema, t.dataKey.toString("hex")],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      try {
        // Batches of 5, 300 ms each: past half-way, rows are inserted in the open transaction.
        await waitFor(async () => {
          const row = await t.database.db
            .selectFrom("jobs")
            .select("progress")
            .where("id", "=", jobId)
            .executeTakeFirst();
          return (row?.progress ?? 0) >= 0.7;
        }, 30_000);
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      } finally {
        child.kill("SIGKILL");
      }
      expect(await memberCount()).toBe(before);
      // Taken up again after the crash, the commit writes all of them.
      await t.database.db
        .updateTable("jobs")
        .set({ heartbeat_at: sql`now() - interval '1 hour'` })
        .where("id", "=", jobId)
        .execute();
      await t.app.jobs.recoverInterrupted();
      await t.app.jobs.drain();
      expect(await memberCount()).toBe(before + 50);
    },
    60_000,
  );
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
