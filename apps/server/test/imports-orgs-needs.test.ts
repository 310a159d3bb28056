import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, XLSX } from "./helpers.ts";

/**
 * Importing organizations, needs and resources (issue 13): the same two steps as members — a
 * validation job reporting every bad row (row, column, reason), no commit while any row is bad,
 * all rows or none — with each kind's natural key (an organization's division code or its name
 * under its parent; a need's or resource's organization and title), so the same file again is all
 * unchanged and writes nothing. Rows outside the importer's jurisdiction are errors; a kind the
 * caller may not write is 403.
 */

type Cell = string | number | Date | null;
const ORG_HEADERS = ["党组织全称", "上级党组织", "组织类型", "单位类别", "城乡", "行政区划代码", "书记姓名"];
const NEED_HEADERS = ["提出需求的党组织", "需求类别", "需求标题", "需求描述", "紧急程度", "截止日期", "公开范围"];
const RESOURCE_HEADERS = ["提供资源的党组织", "资源类别", "资源名称", "资源描述", "公开范围"];

async function workbook(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("数据");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet("填写说明").addRow(["说明"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(kind: string, content: Buffer) {
  const boundary = `----huzhu${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.xlsx"\r\n` +
        `Content-Type: ${XLSX}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

interface Detail {
  status: string;
  counts: { total: number; new: number; changed: number; unchanged: number; bad: number };
  errors: { row: number; column: string; code: string; message: string }[];
  errorTotal: number;
}

describe("imports of organizations, needs and resources (issue 13)", () => {
  let t: TestContext;
  let town: Session;
  let secretary: Session;

  beforeAll(async () => {
    t = await createTestContext({ jobs: { autoStart: false } });
    town = await t.login("town");
    secretary = await t.login("secretary");
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: "organizations" | "needs" | "resources" | "imports") =>
    Number(
      (await t.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n,
    );
  const audits = async (action: string) =>
    Number(
      (
        await t.database.db
          .selectFrom("audit_log")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("action", "=", action)
          .where("result", "=", "success")
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function validate(session: Session, kind: string, rows: Cell[][], headers: string[]) {
    const body = multipart(kind, await workbook(headers, rows));
    const res = await session.request({
      method: "POST",
      url: "/api/imports",
      payload: body.payload,
      headers: { ...body.headers, "accept-language": "zh-CN" },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json() as { id: number };
    await t.app.jobs.drain();
    const detail = await session.request({ method: "GET", url: `/api/imports/${id}?pageSize=100` });
    expect(detail.statusCode, detail.body).toBe(200);
    return { id, detail: detail.json() as Detail };
  }

  async function commit(session: Session, id: number): Promise<Detail> {
    const res = await session.request({ method: "POST", url: `/api/imports/${id}/commit` });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.jobs.drain();
    return (await session.request({ method: "GET", url: `/api/imports/${id}` })).json() as Detail;
  }

  const triples = (d: Detail) => d.errors.map((e) => [e.row, e.column, e.code]);

  describe("organizations", () => {
    // 中山镇 (350824101) is the town coordinator's jurisdiction; 岩前镇 (350824102) is not.
    const newVillage: Cell[] = ["中共卦坑村支部委员会", "350824101", "党支部", "农村", "农村", "350824101203", "赖一"];
    // A branch under the new village's organization, named by its full name (a row above).
    const underNew: Cell[] = ["中共卦坑村老年党支部", "中共卦坑村支部委员会", "党支部", "农村", "农村", null, null];

    it("reports exactly the bad rows, refuses the commit and writes nothing", async () => {
      const before = await count("organizations");
      const { id, detail } = await validate(
        town,
        "orgs",
        [
          newVillage,
          ["中共阳民村支部委员会", "350824101", "支部", "农村", "农村", "350824101204", null],
          ["中共岩前镇某村支部委员会", "350824102", "党支部", "农村", "农村", null, null],
          ["中共太平村支部委员会", "350824101", "党支部", "农村", "农村", "35082410120", null],
          ["中共卦坑村支部委员会（重复）", "350824101", "党支部", "农村", "农村", "350824101203", null],
          underNew,
          ["中共某村支部委员会", "350824101", "党支部", "农村", "农村", "350824101299", null],
        ],
        ORG_HEADERS,
      );
      expect(detail.status).toBe("invalid");
      expect(detail.counts).toEqual({ total: 7, new: 2, changed: 0, unchanged: 0, bad: 5 });
      expect(triples(detail)).toEqual([
        [3, "组织类型", "import.notInList"],
        [4, "上级党组织", "import.orgOutsideJurisdiction"],
        [5, "行政区划代码", "divisionCode.format"],
        [6, "行政区划代码", "import.duplicateInFile"],
        [8, "行政区划代码", "divisionCode.unknown"],
      ]);
      expect(detail.errors[1]?.message).toBe("不在您的管辖范围内");
      expect(detail.errors[3]?.message).toBe("与第 2 行重复");
      for (const e of detail.errors) expect(e.message).not.toMatch(/[{}]|^import\./);
      // The workbook again with an error column after the kind's seven.
      const errorsFile = await town.request({ method: "GET", url: `/api/imports/${id}/errors.xlsx` });
      expect(errorsFile.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(errorsFile.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      expect(sheet?.getCell("H1").text).toBe("错误说明");
      expect(sheet?.getCell("H4").text).toBe("上级党组织：不在您的管辖范围内");
      expect(sheet?.getCell("H2").text).toBe("");
      expectError(await town.request({ method: "POST", url: `/api/imports/${id}/commit` }), 409, {
        code: "import.hasErrors",
      });
      expect(await count("organizations")).toBe(before);
    });

    it("commits the corrected file (new, changed, unchanged), each write audited; the same file again writes nothing", async () => {
      const before = await count("organizations");
      const creates = await audits("org.create");
      const rows: Cell[][] = [
        newVillage,
        underNew,
        // 三联村 is there (its code): a secretary's name is a change.
        ["中共三联村支部委员会", "350824101", "党支部", "农村", "农村", "350824101201", "钟一"],
        // 龙济村 as it is: unchanged.
        ["中共龙济村支部委员会", "中共中山镇委员会", "党支部", "农村", "农村", "350824101202", null],
      ];
      const first = await validate(town, "orgs", rows, ORG_HEADERS);
      expect(first.detail.status, JSON.stringify(first.detail.errors)).toBe("validated");
      expect(first.detail.counts).toEqual({ total: 4, new: 2, changed: 1, unchanged: 1, bad: 0 });
      const changes = (
        await town.request({ method: "GET", url: `/api/imports/${first.id}/rows?only=changes` })
      ).json() as { items: { row: number; outcome: string; changes: string[] }[] };
      expect(changes.items.map((r) => [r.row, r.outcome, r.changes])).toEqual([
        [2, "new", []],
        [3, "new", []],
        [4, "changed", ["书记姓名"]],
      ]);
      const done = await commit(town, first.id);
      expect(done.status).toBe("committed");
      expect(await count("organizations")).toBe(before + 2);
      const village = await t.database.db
        .selectFrom("organizations")
        .selectAll()
        .where("division_code", "=", "350824101203")
        .executeTakeFirstOrThrow();
      expect(village).toMatchObject({
        name: "中共卦坑村支部委员会",
        parent_id: await t.orgId("town:a"),
        kind: "branch",
        category: "village",
        area: "rural",
        division_name: "卦坑村委会",
        secretary_name: "赖一",
      });
      const branch = await t.database.db
        .selectFrom("organizations")
        .select(["parent_id", "path"])
        .where("name", "=", "中共卦坑村老年党支部")
        .executeTakeFirstOrThrow();
      expect(branch.parent_id).toBe(village.id);
      expect(branch.path.startsWith(village.path)).toBe(true);
      const sanlian = await t.database.db
        .selectFrom("organizations")
        .select("secretary_name")
        .where("id", "=", await t.orgId("village:a1"))
        .executeTakeFirstOrThrow();
      expect(sanlian.secretary_name).toBe("钟一");
      // Each organization written as a typed one is: org.create and org.update in the log.
      expect(await audits("org.create")).toBe(creates + 2);
      // The new organizations are in the coordinator's tree.
      const tree = (
        await town.request({ method: "GET", url: `/api/orgs?parentId=${await t.orgId("town:a")}&pageSize=100` })
      ).json() as { items: { name: string }[] };
      expect(tree.items.map((o) => o.name)).toContain("中共卦坑村支部委员会");

      // The same file again: all unchanged; committing it writes nothing.
      const updates = await audits("org.update");
      const again = await validate(town, "orgs", rows, ORG_HEADERS);
      expect(again.detail).toMatchObject({
        status: "validated",
        counts: { total: 4, new: 0, changed: 0, unchanged: 4, bad: 0 },
      });
      expect((await commit(town, again.id)).status).toBe("committed");
      expect(await count("organizations")).toBe(before + 2);
      expect(await audits("org.create")).toBe(creates + 2);
      expect(await audits("org.update")).toBe(updates);
    });

    it("refuses an organization already under another parent (a move is the tree's)", async () => {
      const { detail } = await validate(
        town,
        "orgs",
        [["中共龙济村支部委员会", "中共三联村支部委员会", "党支部", "农村", "农村", "350824101202", null]],
        ORG_HEADERS,
      );
      expect(triples(detail)).toEqual([[2, "上级党组织", "import.orgParentDiffers"]]);
    });

    it("keys a unit's branch by its name under its parent: the place's code it carries is the town's, not its own", async () => {
      // An enterprise's branch in 中山镇 carries the town's code, as the town's committee does; the
      // code still names the town as a parent, and the branch is found again by its name.
      const rows: Cell[][] = [
        ["中共中山镇茶业公司支部委员会", "350824101", "党支部", "非公企业", "农村", "350824101", null],
      ];
      const first = await validate(town, "orgs", rows, ORG_HEADERS);
      expect(first.detail.counts, JSON.stringify(first.detail.errors)).toMatchObject({ new: 1, bad: 0 });
      expect((await commit(town, first.id)).status).toBe("committed");
      const again = await validate(town, "orgs", rows, ORG_HEADERS);
      expect(again.detail.counts).toEqual({ total: 1, new: 0, changed: 0, unchanged: 1, bad: 0 });
      // A village under the town, named by the code they share, still finds the town.
      const child = await validate(
        town,
        "orgs",
        [["中共阳民村支部委员会", "350824101", "党支部", "农村", "农村", "350824101204", null]],
        ORG_HEADERS,
      );
      expect(child.detail.counts, JSON.stringify(child.detail.errors)).toMatchObject({ new: 1, bad: 0 });
    });

    it("is 403 for a secretary, who may not add organizations", async () => {
      const imports = await count("imports");
      const body = multipart("orgs", await workbook(ORG_HEADERS, [newVillage]));
      const res = await secretary.request({ method: "POST", url: "/api/imports", ...body });
      expectError(res, 403);
      expect(await count("imports")).toBe(imports);
    });
  });

  describe("needs", () => {
    const tea: Cell[] = [
      "350824101201",
      "发展经济",
      "茶叶销售渠道",
      "希望帮助联系销售渠道",
      "较急",
      "2099-06-30",
      null,
    ];
    const road: Cell[] = ["中共三联村支部委员会", "改善民生", "村道亮化", "村道需要路灯", null, null, "仅上级党组织"];

    it("reports exactly the bad rows, refuses the commit and writes nothing", async () => {
      const before = await count("needs");
      const { id, detail } = await validate(
        secretary,
        "needs",
        [
          tea,
          ["350824101201", "卖茶", "茶叶加工", "需要设备", null, null, null],
          ["350824102201", "发展经济", "灵岩村的需求", "不在本村", null, null, null],
          ["350824101201", "筹资金", "修缮祠堂", "资金缺口", null, "2020-01-01", null],
          ["350824101201", "发展经济", "茶叶销售渠道", "重复的一行", null, null, null],
          ["350824101201", "改善民生", "缺描述", null, null, null, null],
        ],
        NEED_HEADERS,
      );
      expect(detail.status).toBe("invalid");
      expect(detail.counts).toMatchObject({ total: 6, new: 1, bad: 5 });
      expect(triples(detail)).toEqual([
        [3, "需求类别", "import.notInList"],
        [4, "提出需求的党组织", "import.orgOutsideJurisdiction"],
        [5, "截止日期", "date.past"],
        [6, "需求标题", "import.duplicateInFile"],
        [7, "需求描述", "validation.required"],
      ]);
      expect(detail.errors.map((e) => e.message)).toEqual([
        expect.stringContaining("发展经济"),
        "不在您的管辖范围内",
        "不能早于今天",
        "与第 2 行重复",
        "必填",
      ]);
      expectError(await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` }), 409, {
        code: "import.hasErrors",
      });
      expect(await count("needs")).toBe(before);
    });

    it("commits the corrected file as typed needs; the same file again is unchanged; a changed row updates", async () => {
      const before = await count("needs");
      const creates = await audits("need.create");
      const first = await validate(secretary, "needs", [tea, road], NEED_HEADERS);
      expect(first.detail.status, JSON.stringify(first.detail.errors)).toBe("validated");
      expect(first.detail.counts).toEqual({ total: 2, new: 2, changed: 0, unchanged: 0, bad: 0 });
      expect((await commit(secretary, first.id)).status).toBe("committed");
      expect(await count("needs")).toBe(before + 2);
      expect(await audits("need.create")).toBe(creates + 2);
      const stored = await t.database.db
        .selectFrom("needs")
        .select(["org_id", "category", "urgency", "deadline", "visibility", "status", "title"])
        .where("title", "in", ["茶叶销售渠道", "村道亮化"])
        .orderBy("title")
        .execute();
      const village = await t.orgId("village:a1");
      expect(
        stored.map((n) => ({ ...n, deadline: n.deadline === null ? null : String(n.deadline).slice(0, 10) })),
      ).toEqual([
        {
          org_id: village,
          category: "livelihood",
          urgency: "normal",
          deadline: null,
          visibility: "superiors",
          status: "open",
          title: "村道亮化",
        },
        {
          org_id: village,
          category: "economy",
          urgency: "high",
          deadline: "2099-06-30",
          visibility: "region",
          status: "open",
          title: "茶叶销售渠道",
        },
      ]);
      // The needs list shows them as it shows typed ones.
      const list = (await secretary.request({ method: "GET", url: "/api/needs?q=茶叶销售渠道" })).json() as {
        items: { title: string }[];
      };
      expect(list.items.map((n) => n.title)).toContain("茶叶销售渠道");

      const again = await validate(secretary, "needs", [tea, road], NEED_HEADERS);
      expect(again.detail.counts).toEqual({ total: 2, new: 0, changed: 0, unchanged: 2, bad: 0 });
      const updates = await audits("need.update");
      expect((await commit(secretary, again.id)).status).toBe("committed");
      expect(await count("needs")).toBe(before + 2);
      expect(await audits("need.update")).toBe(updates);

      // The same title with another description: that need is updated, not doubled.
      const changed = await validate(
        secretary,
        "needs",
        [["350824101201", "发展经济", "茶叶销售渠道", "希望帮助联系线上销售渠道", "较急", "2099-06-30", null]],
        NEED_HEADERS,
      );
      expect(changed.detail.counts).toEqual({ total: 1, new: 0, changed: 1, unchanged: 0, bad: 0 });
      expect((await commit(secretary, changed.id)).status).toBe("committed");
      expect(await audits("need.update")).toBe(updates + 1);
      const tea2 = await t.database.db
        .selectFrom("needs")
        .select("description")
        .where("title", "=", "茶叶销售渠道")
        .execute();
      expect(tea2).toEqual([{ description: "希望帮助联系线上销售渠道" }]);
    });

    it("is 403 for a leader, who only reads mutual help", async () => {
      const leader = await t.login("leader");
      const body = multipart("needs", await workbook(NEED_HEADERS, [tea]));
      expectError(await leader.request({ method: "POST", url: "/api/imports", ...body }), 403);
    });
  });

  describe("resources", () => {
    const training: Cell[] = ["350824101201", "培训", "党员电商培训", "每季度一次，可接待 30 人", null];
    const tea: Cell[] = ["中共三联村支部委员会", "农产品", "高山茶叶", "每年 500 斤", "结对单位"];

    it("reports exactly the bad rows, refuses the commit and writes nothing", async () => {
      const before = await count("resources");
      const { id, detail } = await validate(
        secretary,
        "resources",
        [
          training,
          ["350824101201", "人才", "农技人员", "两名农技员", null],
          ["中共灵岩村支部委员会", "培训", "灵岩村的培训", "不在本村", null],
          ["350824101201", "文化", "村史馆", "可参观", "公开"],
          ["不存在的党组织", "设备", "无人机", "植保无人机一台", null],
        ],
        RESOURCE_HEADERS,
      );
      expect(detail.status).toBe("invalid");
      expect(detail.counts).toMatchObject({ total: 5, new: 1, bad: 4 });
      expect(triples(detail)).toEqual([
        [3, "资源类别", "import.notInList"],
        [4, "提供资源的党组织", "import.orgOutsideJurisdiction"],
        [5, "公开范围", "import.notInList"],
        [6, "提供资源的党组织", "import.orgNotFound"],
      ]);
      expectError(await secretary.request({ method: "POST", url: `/api/imports/${id}/commit` }), 409, {
        code: "import.hasErrors",
      });
      expect(await count("resources")).toBe(before);
    });

    it("commits the corrected file as typed resources; the same file again is unchanged and writes nothing", async () => {
      const before = await count("resources");
      const creates = await audits("resource.create");
      const first = await validate(secretary, "resources", [training, tea], RESOURCE_HEADERS);
      expect(first.detail.status, JSON.stringify(first.detail.errors)).toBe("validated");
      expect(first.detail.counts).toEqual({ total: 2, new: 2, changed: 0, unchanged: 0, bad: 0 });
      expect((await commit(secretary, first.id)).status).toBe("committed");
      expect(await count("resources")).toBe(before + 2);
      expect(await audits("resource.create")).toBe(creates + 2);
      const stored = await t.database.db
        .selectFrom("resources")
        .select(["title", "category", "visibility", "status"])
        .where("title", "in", ["党员电商培训", "高山茶叶"])
        .orderBy("title")
        .execute();
      expect(stored).toEqual([
        { title: "党员电商培训", category: "training", visibility: "region", status: "active" },
        { title: "高山茶叶", category: "produce", visibility: "partners", status: "active" },
      ]);
      const again = await validate(secretary, "resources", [training, tea], RESOURCE_HEADERS);
      expect(again.detail.counts).toEqual({ total: 2, new: 0, changed: 0, unchanged: 2, bad: 0 });
      const updates = await audits("resource.update");
      expect((await commit(secretary, again.id)).status).toBe("committed");
      expect(await count("resources")).toBe(before + 2);
      expect(await audits("resource.create")).toBe(creates + 2);
      expect(await audits("resource.update")).toBe(updates);
    });

    it("is 403 for a leader", async () => {
      const leader = await t.login("leader");
      const body = multipart("resources", await workbook(RESOURCE_HEADERS, [training]));
      expectError(await leader.request({ method: "POST", url: "/api/imports", ...body }), 403);
    });
  });

  describe("exports in the templates' columns", () => {
    async function exported(session: Session, kind: string) {
      const res = await session.request({ method: "POST", url: "/api/imports/exports", payload: { kind } });
      expect(res.statusCode, res.body).toBe(202);
      await t.app.jobs.drain();
      const job = (
        await session.request({ method: "GET", url: `/api/jobs/${(res.json() as { jobId: string }).jobId}` })
      ).json();
      expect(job).toMatchObject({ kind: "import.export", status: "succeeded" });
      const file = await session.request({ method: "GET", url: job.resultUrl });
      expect(file.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      return { wb, buffer: Buffer.from(file.rawPayload), rowCount: job.result.rowCount as number };
    }

    async function reimport(session: Session, kind: string, buffer: Buffer): Promise<Detail> {
      const body = multipart(kind, buffer);
      const res = await session.request({ method: "POST", url: "/api/imports", ...body });
      expect(res.statusCode, res.body).toBe(202);
      await t.app.jobs.drain();
      return (
        await session.request({ method: "GET", url: `/api/imports/${(res.json() as { id: number }).id}?pageSize=100` })
      ).json() as Detail;
    }

    it("exports organizations below one's jurisdiction's root, watermarked and audited; imported back, all unchanged", async () => {
      const audited = await audits("import.export");
      const { wb, buffer, rowCount } = await exported(town, "orgs");
      const data = wb.worksheets[0] as ExcelJS.Worksheet;
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(ORG_HEADERS);
      const names = data.getColumn(1).values.slice(2) as string[];
      // The town's own committee is its root (its parent is outside): not exported; its villages are.
      expect(names).not.toContain("中共中山镇委员会");
      expect(names).toEqual(expect.arrayContaining(["中共三联村支部委员会", "中共龙济村支部委员会"]));
      expect(names).not.toContain("中共灵岩村支部委员会");
      expect(rowCount).toBe(names.length);
      const help: string[] = [];
      wb.worksheets[1]?.eachRow((row) => {
        help.push(row.values?.toString() ?? "");
      });
      expect(help.join("\n")).toMatch(/town · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      expect(await audits("import.export")).toBe(audited + 1);
      const again = await reimport(town, "orgs", buffer);
      expect(again.errors).toEqual([]);
      expect(again.counts).toEqual({ total: rowCount, new: 0, changed: 0, unchanged: rowCount, bad: 0 });
    });

    it("exports needs and resources of one's own side; imported back, all unchanged", async () => {
      // Text the export keeps inert with an apostrophe (it starts with "-") comes back as it was.
      const dash = await validate(
        secretary,
        "resources",
        [["350824101201", "文化", "村史讲解", "-每月一次，可接待 20 人", null]],
        RESOURCE_HEADERS,
      );
      expect((await commit(secretary, dash.id)).status).toBe("committed");
      for (const kind of ["needs", "resources"]) {
        const { buffer, rowCount } = await exported(secretary, kind);
        expect(rowCount, kind).toBeGreaterThan(0);
        const again = await reimport(secretary, kind, buffer);
        expect(again.errors, kind).toEqual([]);
        expect(again.counts, kind).toEqual({ total: rowCount, new: 0, changed: 0, unchanged: rowCount, bad: 0 });
      }
    });

    it("is 403 for a kind one may not write, and 400 for members (the roster's export is masked)", async () => {
      expectError(
        await secretary.request({ method: "POST", url: "/api/imports/exports", payload: { kind: "orgs" } }),
        403,
      );
      expectError(
        await town.request({ method: "POST", url: "/api/imports/exports", payload: { kind: "members" } }),
        400,
        { field: "kind" },
      );
    });
  });

  it("serves each kind's template whose example row passes its own importer", async () => {
    const coordinator = await t.login("coordinator");
    for (const kind of ["orgs", "needs", "resources"]) {
      const res = await coordinator.request({ method: "GET", url: `/api/imports/templates/${kind}` });
      expect(res.statusCode).toBe(200);
      const body = multipart(kind, Buffer.from(res.rawPayload));
      const up = await coordinator.request({ method: "POST", url: "/api/imports", ...body });
      expect(up.statusCode, up.body).toBe(202);
      await t.app.jobs.drain();
      const detail = (
        await coordinator.request({ method: "GET", url: `/api/imports/${(up.json() as { id: number }).id}` })
      ).json() as Detail;
      expect(detail.errors, kind).toEqual([]);
      expect(detail.status).toBe("validated");
    }
  });
});
