import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
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
 * Human text (names, reasons, search words) is refused, never silently cleaned, when it carries
 * characters that hide or disguise what a reader sees: zero-width characters, bidirectional
 * overrides, control characters, lone surrogates. One rule (humanText in the contracts) on every
 * such field. And text the server writes to Excel never becomes a formula.
 */
const bad: Record<string, string> = {
  zeroWidthOnly: "\u200b\u200b\u200c",
  bidiOverride: "\u202e李四abc",
  isolate: "李\u2066四",
  loneSurrogate: "李\ud800四",
  control: "李\u0007四",
  nul: "李\u0000四",
  byteOrderMark: "\ufeff李四",
  hangulFiller: "\u3164",
  lineSeparator: "李\u2028四",
};

describe(`human text (${testDatabaseKind})`, () => {
  let t: TestContext;
  const as: Record<string, Session> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ["coordinator", "secretary", "sysadmin", "auditor"]) as[u] = await t.login(u);
    ids.a1 = await t.orgId("village:a1");
    ids.a2 = await t.orgId("village:a2");
    ids.zhong = await t.memberId("钟一");
    ids.user = (
      await t.database.db.selectFrom("users").select("id").where("username", "=", "leader").executeTakeFirstOrThrow()
    ).id;
  }, 60_000);
  afterAll(async () => t?.close());

  const member = (over: Record<string, unknown>) => ({
    name: "蓝新",
    gender: "female",
    ethnicity: "畲族",
    birthDate: "1992-04-05",
    idNumber: makeIdNumber("1992-04-05", "female", 901),
    education: "associate",
    joinDate: "2015-06-30",
    status: "probationary",
    primaryOrgId: ids.a1,
    ...over,
  });
  const org = (over: Record<string, unknown>) => ({
    parentId: ids.a1,
    name: "中共三联村第一党小组",
    kind: "branch",
    category: "village",
    area: "rural",
    ...over,
  });

  /** Each human-text field of each operation: who sends it, and the request carrying a value there. */
  const cases: Array<{ who: string; field: string; request: (v: string) => InjectOptions }> = [
    { who: "secretary", field: "name", request: (v) => post("/api/members", member({ name: v })) },
    { who: "secretary", field: "ethnicity", request: (v) => post("/api/members", member({ ethnicity: v })) },
    { who: "secretary", field: "name", request: (v) => patch(`/api/members/${ids.zhong}`, { name: v }) },
    { who: "secretary", field: "ethnicity", request: (v) => patch(`/api/members/${ids.zhong}`, { ethnicity: v }) },
    {
      who: "secretary",
      field: "reason",
      request: (v) => post(`/api/members/${ids.zhong}/reveal`, { field: "phone", reason: `${v}核对` }),
    },
    { who: "secretary", field: "q", request: (v) => get("/api/members", { q: v }) },
    { who: "secretary", field: "ethnicity", request: (v) => get("/api/members", { ethnicity: v }) },
    { who: "coordinator", field: "q", request: (v) => get("/api/members/export", { q: v }) },
    { who: "coordinator", field: "name", request: (v) => post("/api/orgs", org({ name: v })) },
    { who: "coordinator", field: "secretaryName", request: (v) => post("/api/orgs", org({ secretaryName: v })) },
    { who: "coordinator", field: "units.1", request: (v) => post("/api/orgs", org({ units: ["武平县财政局", v] })) },
    { who: "coordinator", field: "name", request: (v) => patch(`/api/orgs/${ids.a2}`, { name: v }) },
    {
      who: "coordinator",
      field: "reason",
      request: (v) => post(`/api/orgs/${ids.a2}/dissolve`, { reason: `${v}合并` }),
    },
    { who: "coordinator", field: "q", request: (v) => get("/api/orgs", { q: v }) },
    { who: "coordinator", field: "q", request: (v) => get("/api/orgs/lookup", { q: v }) },
    {
      who: "sysadmin",
      field: "displayName",
      request: (v) => post("/api/users", { username: "newbie", displayName: v, password: "Zx9!kq#Lm2$vT" }),
    },
    { who: "sysadmin", field: "displayName", request: (v) => patch(`/api/users/${ids.user}`, { displayName: v }) },
    { who: "sysadmin", field: "q", request: (v) => get("/api/users", { q: v }) },
    { who: "auditor", field: "actor", request: (v) => get("/api/audit", { actor: v }) },
  ];

  function post(url: string, payload: object): InjectOptions {
    return { method: "POST", url, payload };
  }
  function patch(url: string, payload: object): InjectOptions {
    return { method: "PATCH", url, payload };
  }
  function get(url: string, query: Record<string, string>): InjectOptions {
    return { method: "GET", url, query };
  }

  it("refuses hidden and disguising characters in every human-text field with a 400 naming the field", async () => {
    for (const c of cases) {
      for (const [kind, value] of Object.entries(bad)) {
        // A lone surrogate cannot travel in a URL (it is not UTF-8); query strings get the others.
        if (c.request("").method === "GET" && kind === "loneSurrogate") continue;
        const session = as[c.who] as Session;
        const res = await session.request(c.request(value));
        expect(res.statusCode, `${c.request("").method} ${c.request("").url} ${c.field} ${kind}: ${res.body}`).toBe(
          400,
        );
        const e = expectError(res, 400, { field: c.field });
        expect(e.code, `${c.field} ${kind}`).toMatch(/^text\./);
      }
    }
  });

  it("says what is wrong in the request's language", async () => {
    const send = (language: string) =>
      (as.secretary as Session).request({
        ...post("/api/members", member({ name: bad.bidiOverride })),
        headers: { "accept-language": language },
      });
    expect(expectError(await send("en"), 400, { code: "text.invisibleCharacter", field: "name" }).message).toBe(
      "name: contains an invisible or control character (such as a zero-width space or a text-direction mark); type it again without it",
    );
    expect(expectError(await send("zh-CN"), 400, { field: "name" }).message).toBe(
      "姓名：含有不可见字符或控制字符（如零宽空格、文字方向控制符），请删除后重新输入",
    );
    expect(expectError(await send("zh-TW"), 400, { field: "name" }).message).toBe(
      "姓名：含有不可見字元或控制字元（如零寬空格、文字方向控制字元），請刪除後重新輸入",
    );
    const empty = expectError(
      await (as.secretary as Session).request({
        ...post("/api/members", member({ name: "\u0301\u0301" })),
        headers: { "accept-language": "en" },
      }),
      400,
      { code: "text.noVisibleCharacter", field: "name" },
    );
    expect(empty.message).toBe("name: has no visible character");
  });

  it("keeps ordinary names in any script, rare characters outside the BMP, and punctuation", async () => {
    const names = ["阿依古丽·买买提", "𠮷野家", "Zoë O'Brien-Smith", "欧阳明（小）"];
    for (const [i, name] of names.entries()) {
      const res = await (as.secretary as Session).request(
        post("/api/members", member({ name, idNumber: makeIdNumber("1992-04-05", "female", 910 + i) })),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as { name: string }).name).toBe(name);
    }
    const found = await (as.secretary as Session).request(get("/api/members", { q: "%" }));
    expect(found.statusCode).toBe(200);
  });
});

describe(`Excel cells that look like formulas (${testDatabaseKind})`, () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  }, 60_000);
  afterAll(async () => t?.close());

  it("are written as text that no spreadsheet evaluates, read back with exceljs", async () => {
    const coordinator = await t.login("coordinator");
    const a1 = await t.orgId("village:a1");
    const dangerous = ['=HYPERLINK("http://example.com","点击")', "+1+2", "-3+4", "@SUM(A1)"];
    for (const [i, name] of dangerous.entries()) {
      const res = await coordinator.request({
        method: "POST",
        url: "/api/members",
        payload: {
          name,
          gender: "male",
          ethnicity: "汉族",
          birthDate: "1980-05-06",
          idNumber: makeIdNumber("1980-05-06", "male", 950 + i),
          education: "bachelor",
          joinDate: "2005-07-01",
          status: "full",
          primaryOrgId: a1,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const renamed = await coordinator.request({
      method: "PATCH",
      url: `/api/orgs/${a1}`,
      payload: { name: "=1+1 三联村" },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const res = await coordinator.request({ method: "GET", url: `/api/members/export?orgId=${a1}` });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no worksheet");
    const texts: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type, `${cell.address}: ${cell.text}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, cell.address).toBeFalsy();
        texts.push(cell.text);
      });
    });
    // Each such cell starts with an apostrophe, which also keeps it inert when saved as CSV.
    for (const name of dangerous) expect(texts).toContain(`'${name}`);
    expect(texts).toContain("'=1+1 三联村");
    for (const text of texts) expect(/^[=+\-@\t\r]/.test(text), text).toBe(false);
    // Ordinary cells are untouched.
    expect(texts).toContain("钟一");
  });
});
