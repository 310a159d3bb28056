/**
 * Issue 13 for organizations, in a real browser: the county coordinator chooses 党组织 on 数据导入,
 * downloads that template, uploads a workbook of two new organizations (a branch under 桃溪镇's
 * committee by its division code, and a branch under that new one by its full name, a row above),
 * sees them as new in the preview, commits, and finds both in the organization tree; then exports
 * the organizations in the template's columns and uploads that file back: every row unchanged.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { browserScenarios, desktop, login } from "./support/browser.ts";

const { withPage } = browserScenarios();

const run = Date.now().toString(36).slice(-5);
const TOWN = "中共桃溪镇委员会";
const PARENT = `中共桃溪镇${run}合作社支部委员会`;
const CHILD = `中共桃溪镇${run}合作社老年党支部`;
const HEADERS = ["党组织全称", "上级党组织", "组织类型", "单位类别", "城乡", "行政区划代码", "书记姓名"];

async function writeFile(name: string, data: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党组织信息");
  sheet.addRow(HEADERS);
  for (const r of data) sheet.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-import-orgs-")), name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("数据导入: organizations (issue 13)", () => {
  it("the coordinator imports an organizations workbook and sees the new organizations in the tree", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByRole("menuitem", { name: "数据导入" }).click();
      await page.getByTestId("import-kind").getByText("党组织", { exact: true }).click();

      // That kind's template, with its own headers.
      const download = page.waitForEvent("download");
      await page.getByTestId("import-template-orgs").click();
      const template = await download;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await template.path());
      expect(wb.worksheets[0]?.getRow(1).values).toEqual([undefined, ...HEADERS]);

      await page.locator("input[type=file]").setInputFiles(
        await writeFile(`党组织-${run}.xlsx`, [
          [PARENT, "350824105", "党支部", "非公企业", "农村", null, "钟一"],
          [CHILD, PARENT, "党支部", "非公企业", "农村", null, null],
        ]),
      );
      const preview = page.getByTestId("import-preview");
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("validated");
      expect(await page.getByTestId("import-counts").textContent()).toBe("共 2 行：新增 2，变更 0，未变 0，有误 0");
      const table = page.getByTestId("import-rows");
      await table.getByText(CHILD).waitFor();
      // The preview names the kind's own columns.
      await table.getByRole("columnheader", { name: "上级党组织" }).waitFor();

      await page.getByTestId("import-commit").click();
      await page.getByTestId("job-progress").waitFor();
      await expect
        .poll(() => page.getByTestId("job-progress").getAttribute("data-status"), { timeout: 30_000 })
        .toBe("succeeded");
      await page.getByRole("button", { name: "关闭" }).click();
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("committed");

      // Both are in the tree: the new branch under 桃溪镇, its child under it.
      await page.goto("/orgs");
      const tree = page.getByTestId("org-tree");
      const node = (name: string) => tree.locator(".ant-tree-treenode").filter({ hasText: name }).first();
      await node("中共武平县委员会").waitFor();
      await node("中共武平县委员会").locator(".ant-tree-switcher").click();
      await node(TOWN).waitFor();
      await node(TOWN).locator(".ant-tree-switcher").click();
      await node(PARENT).waitFor();
      await node(PARENT).locator(".ant-tree-switcher").click();
      await node(CHILD).locator(".ant-tree-title").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe(CHILD);
    });
  });

  it("exports the organizations in the template's columns, and the file imported back is all unchanged", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.goto("/imports");
      await page.getByTestId("import-kind").getByText("党组织", { exact: true }).click();
      const download = page.waitForEvent("download");
      await page.getByTestId("import-export").click();
      await page.getByTestId("job-progress").waitFor();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^党组织信息-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await file.path());
      const data = wb.worksheets[0] as ExcelJS.Worksheet;
      expect(data.getRow(1).values).toEqual([undefined, ...HEADERS]);
      const rows = (data.getSheetValues() as unknown[][]).slice(2);
      // The imported branch and its child, the child's parent named as the import found it.
      expect(rows.find((r) => r?.[1] === CHILD)?.[2]).toBe(PARENT);
      await page.getByRole("button", { name: "关闭" }).click();

      const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-export-orgs-")), `党组织-导出-${run}.xlsx`);
      await file.saveAs(copy);
      await page.locator("input[type=file]").setInputFiles(copy);
      const preview = page.getByTestId("import-preview");
      await expect.poll(() => preview.getAttribute("data-status"), { timeout: 30_000 }).toBe("validated");
      const n = rows.filter((r) => r !== undefined).length;
      expect(await page.getByTestId("import-counts").textContent()).toBe(
        `共 ${n} 行：新增 0，变更 0，未变 ${n}，有误 0`,
      );
    });
  });
});
