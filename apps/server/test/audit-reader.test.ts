import type { AuditEntry } from "@huzhu/contracts";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/platform/audit.ts";
import { verifyAuditChain } from "../src/platform/audit-chain.ts";
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
 * Issue 6, the audit log for its reader: who did what to which organization or account, by name
 * and path (members by id only), target types the web knows, filters by action, and an audited,
 * capped, labelled export whose cells no spreadsheet turns into formulas.
 */
describe(`the audit log for its reader (${testDatabaseKind})`, () => {
  let t: TestContext;
  let auditor: Session;
  let coordinator: Session;
  const ids = { a1: 0, a2: 0, townA: 0, townB: 0, county: 0, zhong: 0, secretaryUser: 0 };

  const read = async (query = "") => {
    const res = await auditor.request({ method: "GET", url: `/api/audit?pageSize=200&${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: AuditEntry[]; total: number };
  };
  const exportLog = (query = "", language = "zh-CN", as: Session = auditor) =>
    as.request({ method: "GET", url: `/api/audit/export?${query}`, headers: { "accept-language": language } });

  beforeAll(async () => {
    t = await createTestContext({ auditExportMaxRows: 12 });
    ids.a1 = await t.orgId("village:a1");
    ids.a2 = await t.orgId("village:a2");
    ids.townA = await t.orgId("town:a");
    ids.townB = await t.orgId("town:b");
    ids.county = await t.orgId("county");
    ids.zhong = await t.memberId("钟一");
    ids.secretaryUser = (
      await t.database.db.selectFrom("users").select("id").where("username", "=", "secretary").executeTakeFirstOrThrow()
    ).id;
    coordinator = await t.login("coordinator");
    auditor = await t.login("auditor");
    const secretary = await t.login("secretary");
    const secadmin = await t.login("secadmin");

    const ok = (res: LightMyRequestResponse) => expect(res.statusCode, res.body).toBeLessThan(300);
    ok(await coordinator.request({ method: "PATCH", url: `/api/orgs/${ids.a1}`, payload: { secretaryName: "钟一" } }));
    ok(
      await coordinator.request({ method: "POST", url: `/api/orgs/${ids.a2}/move`, payload: { parentId: ids.townB } }),
    );
    ok(
      await secretary.request({
        method: "POST",
        url: `/api/members/${ids.zhong}/reveal`,
        payload: { field: "phone", reason: "通知开会" },
      }),
    );
    ok(
      await secadmin.request({
        method: "POST",
        url: `/api/users/${ids.secretaryUser}/roles`,
        payload: { role: "secretary", orgId: ids.a2 },
      }),
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it("names organizations with their path, and accounts by username; members stay numbers", async () => {
    const { items } = await read();
    const update = items.find((e) => e.action === "org.update");
    expect(update).toMatchObject({
      targetType: "organization",
      targetId: String(ids.a1),
      targetName: "中共三联村支部委员会",
      targetPath: ["中共武平县委员会", "中共中山镇委员会"],
    });
    // A move names both parents by name, as they are now.
    const move = items.find((e) => e.action === "org.move");
    expect(move?.detail).toEqual({ fromParentId: ids.townA, toParentId: ids.townB });
    expect(move?.orgs).toEqual({
      [String(ids.townA)]: { name: "中共中山镇委员会", path: ["中共武平县委员会"] },
      [String(ids.townB)]: { name: "中共岩前镇委员会", path: ["中共武平县委员会"] },
    });
    expect(move?.targetPath).toEqual(["中共武平县委员会", "中共岩前镇委员会"]);
    const grant = items.find((e) => e.action === "role.assign" && e.result === "success");
    expect(grant).toMatchObject({ targetType: "user", targetName: "secretary" });
    expect(grant?.orgs[String(ids.a2)]?.name).toBe("中共龙济村支部委员会");
    const reveal = items.find((e) => e.action === "member.reveal");
    expect(reveal).toMatchObject({
      targetType: "member",
      targetId: String(ids.zhong),
      targetName: null,
      targetPath: [],
    });
    expect(JSON.stringify(reveal)).not.toContain("钟一");
  });

  it("filters by the target types the server records (organization, not the web's old 'org') and by known actions only", async () => {
    const orgs = await read("targetType=organization");
    expect(orgs.total).toBeGreaterThanOrEqual(2);
    for (const e of orgs.items) expect(e.targetType).toBe("organization");
    expectError(await auditor.request({ method: "GET", url: "/api/audit?targetType=org" }), 400, {
      field: "targetType",
    });
    expectError(await auditor.request({ method: "GET", url: "/api/audit?action=cover.up" }), 400, { field: "action" });
    expect((await read("action=org.move")).items.map((e) => e.action)).toEqual(["org.move"]);
  });

  it("exports the filtered log as .xlsx, labelled in the request's language, and records the export", async () => {
    const res = await exportLog("targetType=organization", "zh-CN");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await readSheet(res);
    expect(rows[0]).toEqual(["时间", "操作人", "IP 地址", "操作", "对象", "结果", "详细信息"]);
    const update = rows.find((r) => r[3] === "修改党组织");
    expect(update?.[1]).toBe("coordinator");
    expect(update?.[4]).toBe("党组织 中共三联村支部委员会（中共武平县委员会 / 中共中山镇委员会）");
    expect(update?.[5]).toBe("成功");
    expect(update?.[6]).toBe("修改项: 书记");
    const move = rows.find((r) => r[3] === "调整隶属关系");
    expect(move?.[6]).toBe(
      "原上级组织: 中共中山镇委员会（中共武平县委员会）; 新上级组织: 中共岩前镇委员会（中共武平县委员会）",
    );
    expect(Number(res.headers["x-row-count"])).toBe(rows.length - 1);

    const en = await readSheet(await exportLog("action=org.move", "en"));
    expect(en[0]?.[0]).toBe("Time");
    expect(en[1]?.[3]).toBe("Moved an organization");

    const recorded = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "detail"])
      .where("action", "=", "audit.export")
      .orderBy("id")
      .execute();
    expect(recorded[0]).toEqual({
      actor_name: "auditor",
      result: "success",
      detail: { filters: { targetType: "organization" }, rowCount: rows.length - 1, locale: "zh-CN" },
    });
  });

  it("writes text that looks like a formula as text (= + - @), whoever typed it", async () => {
    // A failed sign-in's typed name, an address from a proxy: text the log did not choose.
    for (const [username, ip] of [
      ['=HYPERLINK("http://evil","x")', "@SUM(1+1)"],
      ["+cmd|' /C calc'!A0", "-2+3"],
    ] as const) {
      await recordAudit(t.database.db, { userId: null, username, ip }, { action: "demo.load", result: "success" });
    }
    const rows = await readSheet(await exportLog("action=demo.load"));
    const cells = rows.slice(1).flatMap((r) => [r[1], r[2]]);
    expect(cells).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("http://evil","x")', "'@SUM(1+1)", "'+cmd|' /C calc'!A0", "'-2+3"]),
    );
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("is for the audit administrator only, and refusals and the cap are recorded too", async () => {
    expectError(await t.app.inject({ method: "GET", url: "/api/audit/export" }), 401);
    expectError(await exportLog("", "zh-CN", coordinator), 403, { code: "forbidden" });
    // Over the cap (12 in this test): narrow the filters.
    const tooMany = await exportLog("");
    expectError(tooMany, 400, { code: "export.tooMany" });
    const refusals = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "detail"])
      .where("action", "=", "audit.export")
      .where("result", "<>", "success")
      .orderBy("id")
      .execute();
    expect(refusals.map((r) => [r.actor_name, r.result, (r.detail as { code: string }).code])).toEqual([
      ["coordinator", "denied", "forbidden"],
      ["auditor", "failure", "export.tooMany"],
    ]);
    expect((await verifyAuditChain(t.database.db, t.auditKeys)).ok).toBe(true);
  });
});
