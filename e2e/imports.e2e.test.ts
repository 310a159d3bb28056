/**
 * Issue 13's acceptance flow in a real browser: a village secretary of the demo county (十方村,
 * s350824103207, a village no other browser test uses) downloads the members template from
 * 数据导入, uploads a file with two wrong rows (a wrong check digit, a neighbouring village outside
 * the jurisdiction), sees both in the preview with their row, column and reason, uploads the
 * corrected file, commits it with the progress shown, and finds the new members in the roster.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  browserScenarios,
  contrastProblems,
  desktop,
  expectNoHorizontalOverflow,
  login,
  phone,
  screenshot,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

const secretary = "s350824103207";
const OWN_VILLAGE = "350824103207";
const NEIGHBOUR = "350824103208";
const run = Date.now().toString(36).slice(-5);
/** The committed import's page, for the phone scenario. */
let committedUrl = "";

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

/** GB 11643 check character (the test's own, independent of the server's). */
function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] as number);
  return "10X98765432".charAt(sum % 11);
}

/** Four members of 十方村 with ID numbers no other run has used (the sequence comes from the time). */
function rows(): (string | null)[][] {
  const base = Number.parseInt(run, 36) % 400;
  return [0, 1, 2, 3].map((i) => {
    const male = i % 2 === 0;
    const birth = `198${i}-0${i + 3}-1${i}`;
    const seq = String((base * 2 + i * 2 + (male ? 1 : 2)) % 1000).padStart(3, "0");
    const first17 = `110101${birth.replaceAll("-", "")}${seq}`;
    return [
      `导入${run}${"甲乙丙丁"[i]}`,
      male ? "男" : "女",
      "汉族",
      birth,
      first17 + checkChar(first17),
      `1390000${String(1000 + i)}`,
      "高中",
      "2010-07-01",
      "正式党员",
      OWN_VILLAGE,
      null,
    ];
  });
}

async function writeFile(name: string, data: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党员信息");
  sheet.addRow(HEADERS);
  for (const r of data) sheet.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-import-")), name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("数据导入 (issue 13)", () => {
  it("a village secretary downloads the template, sees the wrong rows, corrects them and commits", async () => {
    await withPage(desktop, async (page) => {
      await login(page, secretary);
      await page.getByRole("menuitem", { name: "数据导入" }).click();
      await page.waitForURL(/\/imports/);

      // The template: the issue's headers, in order.
      const download = page.waitForEvent("download");
      await page.getByTestId("import-template-members").click();
      const template = await download;
      expect(template.suggestedFilename()).toBe("党员信息导入模板.xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await template.path());
      expect(wb.worksheets[0]?.getRow(1).values).toEqual([undefined, ...HEADERS]);
      expect(wb.worksheets[1]?.name).toBe("填写说明");

      // A file with two wrong rows: a wrong check digit (row 3), a village outside the jurisdiction (row 5).
      const good = rows();
      const bad = good.map((r) => [...r]);
      const id = String(bad[1]?.[4]);
      (bad[1] as (string | null)[])[4] = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
      (bad[3] as (string | null)[])[9] = NEIGHBOUR;
      await page.locator("input[type=file]").setInputFiles(await writeFile(`党员-${run}-有误.xlsx`, bad));
      const preview = page.getByTestId("import-preview");
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("invalid");
      expect(await page.getByTestId("import-counts").textContent()).toBe("共 4 行：新增 2，变更 0，未变 0，有误 2");
      const errors = page.getByTestId("import-error");
      await expect.poll(() => errors.count()).toBe(2);
      const rowsTable = page.getByTestId("import-rows");
      const row3 = rowsTable.locator("tbody tr.ant-table-row", { hasText: "公民身份号码：" });
      expect(await row3.locator("td").first().textContent()).toBe("3");
      expect(await row3.textContent()).toContain("校验位不正确");
      const row5 = rowsTable.locator("tbody tr.ant-table-row", { hasText: "所在党组织：" });
      expect(await row5.locator("td").first().textContent()).toBe("5");
      expect(await row5.textContent()).toContain("不在您的管辖范围内");
      // Nothing to commit while rows are wrong; the file with an error column is offered.
      expect(await page.getByTestId("import-commit").count()).toBe(0);
      await page.getByTestId("import-errors-download").waitFor();
      expect(await contrastProblems(page, "[data-testid=import-preview]")).toEqual([]);
      await screenshot(page, "imports-invalid-1280", { fullPage: true });

      // The corrected file: four new members, committed as a job with its progress.
      await page.locator("input[type=file]").setInputFiles(await writeFile(`党员-${run}.xlsx`, good));
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("validated");
      expect(await page.getByTestId("import-counts").textContent()).toBe("共 4 行：新增 4，变更 0，未变 0，有误 0");
      await page.getByTestId("import-commit").click();
      await page.getByTestId("job-progress").waitFor();
      await expect
        .poll(() => page.getByTestId("job-progress").getAttribute("data-status"), { timeout: 30_000 })
        .toBe("succeeded");
      await page.getByRole("button", { name: "关闭" }).click();
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("committed");
      await page.getByTestId("import-done").waitFor();
      committedUrl = new URL(page.url()).pathname + new URL(page.url()).search;
      // The history lists both files.
      const history = page.getByTestId("import-history");
      await history.getByText(`党员-${run}.xlsx`).waitFor();
      await history.getByText(`党员-${run}-有误.xlsx`).waitFor();

      // The new members are in the roster.
      await page.goto(`/members?q=${encodeURIComponent(`导入${run}`)}`);
      const table = page.locator("[data-testid=member-table] tbody tr.ant-table-row");
      await expect.poll(() => table.count()).toBe(4);
      expect(await page.locator("[data-testid=member-table]").textContent()).toContain(`导入${run}甲`);
    });
  });

  it("the same pages hold on a 390-px phone: no sideways scrolling, the preview and history readable", async () => {
    expect(committedUrl).toMatch(/^\/imports\?id=\d+$/);
    await withPage(phone, async (page) => {
      await login(page, secretary);
      await page.goto(committedUrl);
      await page.getByTestId("import-done").waitFor();
      await page.getByTestId("import-history").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "imports-committed-390", { fullPage: true });
    });
  });
});
