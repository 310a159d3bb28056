import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { membersRepository } from "../src/modules/members/members.repository.ts";
import { scopeFor } from "../src/platform/access.ts";
import {
  createTestContext,
  expectError,
  readSheet,
  type Session,
  type TestContext,
  testDatabaseKind,
  XLSX,
} from "./helpers.ts";

/**
 * The roster export: who may export (coordinator and secretary only), what they get (their
 * scope, masked, localized), that it is audited (done and refused), and the row cap.
 */
describe(`member roster export (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  let secretary: Session;

  const exportAs = (s: Session, query = "", language?: string) =>
    s.request({
      method: "GET",
      url: `/api/members/export${query ? `?${query}` : ""}`,
      ...(language ? { headers: { "accept-language": language } } : {}),
    });

  const auditRecords = () =>
    t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "action", "result", "detail", "ip"])
      .where("action", "=", "member.export")
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    t = await createTestContext({ clock: () => new Date("2026-11-28T08:00:00Z") });
    coordinator = await t.login("coordinator");
    secretary = await t.login("secretary");
  }, 60_000);
  afterAll(async () => t?.close());

  it("401 without a session", async () => {
    expectError(await t.app.inject({ method: "GET", url: "/api/members/export" }), 401, { code: "auth.required" });
  });

  it("403 for leader, member and the three administrators, and each refusal is audited", async () => {
    const before = (await auditRecords()).length;
    const refused = ["leader", "member", "sysadmin", "secadmin", "auditor"];
    for (const username of refused) {
      const session = await t.login(username);
      expectError(await exportAs(session, "q=%E9%92%9F"), 403, { code: "forbidden" });
    }
    const records = (await auditRecords()).slice(before);
    expect(records.map((r) => [r.actor_name, r.result])).toEqual(refused.map((u) => [u, "denied"]));
    // The query string is not copied into a refusal: it might carry a full ID number.
    expect(records[0]?.detail).toEqual({
      httpMethod: "GET",
      route: "/api/members/export",
      status: 403,
      code: "forbidden",
    });
  });

  it("400 for an unknown filter or a bad value, 404 for an organization outside the caller's scope", async () => {
    expectError(await exportAs(secretary, "page=1"), 400, { code: "validation.unknown_field" });
    expectError(await exportAs(secretary, "status=maybe"), 400, { field: "status" });
    const b1 = await t.orgId("village:b1");
    expectError(await exportAs(secretary, `orgId=${b1}`), 404, { code: "not_found" });
    expect((await auditRecords()).at(-1)).toMatchObject({ actor_name: "secretary", result: "denied" });
  });

  it("gives the secretary only their branch, masked, with a localized file name", async () => {
    const res = await exportAs(secretary);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX);
    expect(res.headers["cache-control"]).toBe("no-store");
    const disposition = String(res.headers["content-disposition"]);
    expect(disposition).toMatch(/^attachment; filename="member-roster-2026-11-28\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toBe("党员名册-2026-11-28.xlsx");

    const [header, ...rows] = await readSheet(res);
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
    expect(rows.map((r) => r[0]).sort()).toEqual(["刘二", "李三", "钟一"].sort());
    const li = rows.find((r) => r[0] === "李三");
    expect(li?.slice(1, 3)).toEqual(["男", "汉族"]);
    expect(li?.slice(6, 11)).toEqual([
      "高中",
      "2005-07-01",
      "正式党员",
      "中共三联村支部委员会",
      "中共武平县财政局支部委员会",
    ]);
    const liu = rows.find((r) => r[0] === "刘二");
    expect(liu?.[1]).toBe("女");

    // Masked as on screen; the full values appear nowhere in the workbook.
    const text = rows.flat().join("\n");
    for (const name of ["钟一", "刘二", "李三"]) {
      const personal = await t.personal(name);
      expect(text).not.toContain(personal.idNumber);
      if (personal.phone) expect(text).not.toContain(personal.phone);
      const row = rows.find((r) => r[0] === name) ?? [];
      expect(row[4]).toBe(`${personal.idNumber.slice(0, 2)}${"*".repeat(14)}${personal.idNumber.slice(-2)}`);
      expect(row[5]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it("applies the list's filters and the coordinator's whole county", async () => {
    const all = await readSheet(await exportAs(coordinator));
    expect(all.length - 1).toBe(7);
    const women = await readSheet(await exportAs(coordinator, "gender=female"));
    expect(
      women
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["刘二", "林五"].sort());
    const town = await t.orgId("town:b");
    const b = await readSheet(await exportAs(coordinator, `orgId=${town}&status=full`));
    expect(
      b
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["林五", "陈六"].sort());
    // An exact ID number finds the one member, and the audit record does not repeat the number.
    const { idNumber } = await t.personal("陈六");
    const one = await readSheet(await exportAs(coordinator, `q=${idNumber}`));
    expect(one.slice(1).map((r) => r[0])).toEqual(["陈六"]);
    const record = (await auditRecords()).at(-1);
    expect(JSON.stringify(record)).not.toContain(idNumber);
  });

  it("localizes the header row and the values for en and zh-TW", async () => {
    const en = await exportAs(secretary, "q=%E5%88%98", "en");
    expect(decodeURIComponent(String(en.headers["content-disposition"]).split("''")[1] ?? "")).toBe(
      "member-roster-2026-11-28.xlsx",
    );
    const [enHeader, enRow] = await readSheet(en);
    expect(enHeader).toEqual([
      "Name",
      "Gender",
      "Ethnicity",
      "Birth year",
      "ID number (masked)",
      "Phone (masked)",
      "Education",
      "Join date",
      "Status",
      "Primary organization",
      "Co-managing organization",
    ]);
    expect(enRow?.slice(0, 2)).toEqual(["刘二", "Female"]);
    expect(enRow?.[8]).toBe("Full member");

    const tw = await exportAs(secretary, "", "zh-TW");
    expect(decodeURIComponent(String(tw.headers["content-disposition"]).split("''")[1] ?? "")).toBe(
      "黨員名冊-2026-11-28.xlsx",
    );
    const [twHeader] = await readSheet(tw);
    expect(twHeader?.slice(3, 6)).toEqual(["出生年份", "身分證號（已遮罩）", "手機號碼（已遮罩）"]);
    expect(twHeader?.[8]).toBe("黨員類別");
  });

  it("writes an audit record with actor, address, filters and row count, and no personal data", async () => {
    const res = await exportAs(secretary, "gender=male&joinedFrom=2000-01-01");
    expect(res.statusCode).toBe(200);
    const record = (await auditRecords()).at(-1);
    expect(record).toMatchObject({
      actor_name: "secretary",
      action: "member.export",
      result: "success",
      detail: { filters: { gender: "male", joinedFrom: "2000-01-01" }, rowCount: 2, locale: "zh-CN" },
    });
    expect(record?.ip).toBeTruthy();
    for (const name of ["钟一", "李三"]) {
      const personal = await t.personal(name);
      expect(JSON.stringify(record)).not.toContain(personal.idNumber);
    }
  });

  it("reads the roster in keyset batches that cover every row once, newest first", async () => {
    const repo = membersRepository(t.database.db);
    // A coordinator at the root of the tree: scopes come from roles, never from an object literal.
    const root = { id: 0, role: "coordinator" as const, orgId: null, orgName: null, orgPath: "/" };
    const scope = scopeFor({ roles: [root], memberId: null, userId: 0 }, "member.read");
    const batches: number[][] = [];
    for await (const batch of repo.batches(scope, {}, { withinPath: null, idNumberHash: null }, 3)) {
      batches.push(batch.map((r) => r.id));
    }
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    const ids = batches.flat();
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(7);
  });

  it("is described in the OpenAPI document with its filters and a binary answer", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<
        string,
        { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }
      >;
    };
    const op = doc.paths["/api/members/export"]?.get;
    const names = (op?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["q", "orgId", "status", "gender", "joinedFrom", "joinedTo"]));
    expect(names).not.toContain("page");
    expect(JSON.stringify(op?.responses["200"])).toContain(XLSX);
    expect(JSON.stringify(op?.responses["200"])).toContain("binary");
  });
});

describe(`member roster export cap (${testDatabaseKind})`, () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ exportMaxRows: 3 });
  }, 60_000);
  afterAll(async () => t?.close());

  it("refuses more rows than the cap with a localized 400 (audited), and allows exactly the cap", async () => {
    const coordinator = await t.login("coordinator");
    const over = await coordinator.request({
      method: "GET",
      url: "/api/members/export",
      headers: { "accept-language": "en" },
    });
    const error = expectError(over, 400, { code: "export.tooMany" });
    expect(error.message).toBe(
      "7 members match, more than the 3 one export may hold; narrow the filters and export again",
    );
    const zh = expectError(await coordinator.request({ method: "GET", url: "/api/members/export" }), 400);
    expect(zh.message).toContain("请缩小筛选范围");
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select(["result", "detail"])
      .where("action", "=", "member.export")
      .execute();
    expect(refused[0]).toMatchObject({ result: "failure", detail: { status: 400, code: "export.tooMany" } });

    const a1 = await t.orgId("village:a1");
    const ok = await coordinator.request({ method: "GET", url: `/api/members/export?orgId=${a1}` });
    expect(ok.statusCode).toBe(200);
    expect((await readSheet(ok)).length - 1).toBe(3);
  });
});
