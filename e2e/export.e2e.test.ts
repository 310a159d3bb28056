/**
 * The roster export in a real browser: a village secretary exports the roster (a .xlsx download
 * arrives, named in the UI language) and the audit administrator finds the export in the audit
 * log. Who may not export is checked by the API tests (apps/server/test/export.test.ts); the
 * leader account cannot be used here, since foundation.e2e locks it on purpose.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { browserScenarios, desktop, login, pick, screenshot } from "./support/browser.ts";

const { withPage } = browserScenarios();

describe("member roster export", () => {
  it("the secretary exports the roster and a .xlsx download arrives", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      await page.goto("/members");
      await page.locator("[data-testid=member-table] tbody tr.ant-table-row").first().waitFor();
      const button = page.getByTestId("member-export");
      expect((await button.textContent())?.trim()).toBe("导出 Excel");

      // The export runs as a background job: the button starts it (202), a progress bar follows
      // it, and the workbook downloads by itself when it is done.
      const started = page.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/members/export" && r.request().method() === "POST",
      );
      const result = page.waitForResponse((r) => /^\/api\/jobs\/[^/]+\/result$/.test(new URL(r.url()).pathname));
      const download = page.waitForEvent("download");
      await button.click();
      const answer = await started;
      expect(answer.status()).toBe(202);
      const { jobId } = (await answer.json()) as { jobId: string };
      await page.getByTestId("job-progress").waitFor();
      const resultAnswer = await result;
      expect(new URL(resultAnswer.url()).pathname).toBe(`/api/jobs/${jobId}/result`);
      expect(resultAnswer.headers()["content-type"]).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^党员名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const saved = await file.path();
      // An .xlsx is a zip: it starts with "PK".
      expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe("PK");
      await expect.poll(() => page.getByTestId("job-progress").getAttribute("data-status")).toBe("succeeded");
      expect(await page.getByTestId("job-message").textContent()).toBe("已完成");
      await page.locator(".ant-message").getByText("已导出党员名册").waitFor();
      await screenshot(page, "secretary-export-1280", { fullPage: false });
      await page.getByRole("button", { name: "关闭" }).click();
    });
  });

  it("the auditor finds the export in the audit log", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "auditor");
      await page.goto("/audit");
      await pick(page, "audit-action", "导出党员", "导出党员名册");
      await page.waitForURL(/action=member\.export/);
      const actions = page.locator("[data-testid=audit-table] [data-testid=audit-action]");
      await expect
        .poll(async () => [
          ...new Set(await actions.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))),
        ])
        .toEqual(["member.export"]);
      const row = page.locator("[data-testid=audit-table] tbody tr.ant-table-row").first();
      expect(await row.getByTestId("audit-action").textContent()).toBe("导出党员名册");
      expect(await row.getByTestId("audit-actor").textContent()).toBe("secretary");
      expect(await row.textContent()).toContain("成功");
      await screenshot(page, "auditor-export-1280");

      // The auditor exports what the filter selects; that export is itself on the record.
      const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/audit/export");
      const download = page.waitForEvent("download");
      await page.getByTestId("audit-export").click();
      const answer = await response;
      expect(answer.status()).toBe(200);
      expect(new URL(answer.url()).searchParams.get("action")).toBe("member.export");
      const file = await (await download).path();
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
      expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await pick(page, "audit-action", "导出审计", "导出审计日志");
      await page.waitForURL(/action=audit\.export/);
      await expect
        .poll(async () => page.locator("[data-testid=audit-table] [data-testid=audit-action]").first().textContent())
        .toBe("导出审计日志");
    });
  });
});
