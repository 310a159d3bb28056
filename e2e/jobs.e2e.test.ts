/**
 * 我的任务 (/jobs) in a real browser: the county coordinator starts a roster export, opens the
 * page from the home page, follows the job to 已完成, downloads the workbook from its card, and
 * reaches the same job from the bell's notification (/jobs?id=…, marked and scrolled to). A job of
 * another user (the village secretary's) is not listed, and its link says it cannot be found. A
 * second export is cancelled from the page. Screenshots go to e2e/artifacts/ (jobs-page-1280, jobs-page-375).
 */

import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserScenarios,
  contrastProblems,
  desktop,
  expectNoHorizontalOverflow,
  login,
  narrowPhone,
  screenshot,
  settle,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** A call to the API from inside the page's session (cookie and CSRF token), as the app makes it. */
async function api<T>(page: Page, method: "GET" | "POST", path: string): Promise<{ status: number; json: T }> {
  const { csrfToken } = (await (await page.request.get("/api/me")).json()) as { csrfToken: string };
  const response =
    method === "GET"
      ? await page.request.get(path)
      : await page.request.post(path, { headers: { "x-csrf-token": csrfToken }, data: {} });
  return { status: response.status(), json: (await response.json()) as T };
}

/**
 * Starts a roster export for the signed-in user. One heavy job per user at a time: an export of
 * theirs that an earlier spec left running answers 429, so wait for it rather than fail.
 */
async function startExport(page: Page): Promise<string> {
  let jobId = "";
  await expect
    .poll(
      async () => {
        const started = await api<{ jobId: string }>(page, "POST", "/api/members/export");
        if (started.status === 202) jobId = started.json.jobId;
        return started.status;
      },
      { timeout: 90_000, interval: 1000 },
    )
    .toBe(202);
  return jobId;
}

interface JobDto {
  id: string;
  status: string;
}

const item = (page: Page, id: string) => page.locator(`[data-testid=job-item][data-job-id="${id}"]`);

let othersJobId = "";
let exportJobId = "";

describe("我的任务", () => {
  it("the secretary's export is the secretary's own", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      othersJobId = await startExport(page);
      const mine = await api<{ items: JobDto[] }>(page, "GET", "/api/jobs");
      expect(mine.json.items.map((j) => j.id)).toContain(othersJobId);
    });
  });

  it("the coordinator follows an export to 已完成, downloads it, and opens it from the bell", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("home-card-todos").waitFor();
      // Start from nothing unread, so the bell's newest notification is this export's.
      await api(page, "POST", "/api/notifications/read-all");
      const jobId = await startExport(page);
      exportJobId = jobId;

      // The home page's to-dos lead to the page.
      await page.getByTestId("home-all-jobs").click();
      await page.waitForURL((url) => url.pathname === "/jobs");
      await page.getByRole("heading", { name: "我的任务" }).waitFor();
      await expect.poll(() => page.title()).toBe("我的任务 · 互助");
      const card = item(page, jobId);
      await card.waitFor();
      // Newest first: the export just started heads the list.
      expect(await page.getByTestId("job-item").first().getAttribute("data-job-id")).toBe(jobId);
      expect(await card.getByRole("heading").textContent()).toBe("党员名册导出");
      const statusWhileOpen = await card.getAttribute("data-status");
      if (statusWhileOpen === "queued" || statusWhileOpen === "running") {
        // Unfinished: a labelled progress bar and a cancel button, no download.
        expect(await card.getByRole("progressbar").getAttribute("aria-label")).toBe("党员名册导出 进度");
        expect(await card.getByTestId("job-download").count()).toBe(0);
      }

      // It finishes on its own (the page asks again while it runs): 已完成, in words.
      await expect.poll(() => card.getAttribute("data-status"), { timeout: 90_000 }).toBe("succeeded");
      expect(await card.getByTestId("job-status").textContent()).toBe("已完成");
      expect(await card.getByRole("progressbar").count()).toBe(0);
      expect(await card.getByTestId("job-cancel").count()).toBe(0);
      expect(await card.textContent()).toMatch(/创建于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*结束于 \d{4}-\d{2}-\d{2}/);

      // The other user's job is not among the coordinator's, on the page or from the API.
      expect(await item(page, othersJobId).count()).toBe(0);
      const listed = await api<{ items: JobDto[]; total: number }>(page, "GET", "/api/jobs?pageSize=200");
      expect(listed.json.items.map((j) => j.id)).not.toContain(othersJobId);
      expect(listed.json.items.map((j) => j.id)).toContain(jobId);

      // The workbook downloads again from the card (the server audits each download).
      const download = page.waitForEvent("download");
      const result = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/jobs/${jobId}/result`);
      const button = card.getByRole("button", { name: /^下载“党员名册导出”的结果/ });
      expect((await button.textContent())?.trim()).toBe("下载");
      await button.click();
      expect((await result).status()).toBe(200);
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^党员名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(
        fs
          .readFileSync(await file.path())
          .subarray(0, 2)
          .toString(),
      ).toBe("PK");
      await page
        .locator(".ant-message")
        .getByText(/^已下载 /)
        .waitFor();

      // The bell's notification of this export opens the page on this job.
      await page.getByTestId("notification-bell").click();
      const note = page.getByTestId("notification-item").first();
      await expect.poll(() => note.textContent(), { timeout: 30_000 }).toContain("“党员名册导出”已完成");
      const link = note.getByRole("link");
      expect(await link.getAttribute("href")).toBe(`/jobs?id=${jobId}`);
      await link.click();
      await page.waitForURL((url) => url.pathname === "/jobs" && url.searchParams.get("id") === jobId);
      await expect.poll(() => card.getAttribute("data-linked")).toBe("true");
      expect(await card.getAttribute("aria-current")).toBe("true");
      expect(await card.getByTestId("job-linked").textContent()).toBe("您要查看的任务");
      // Focus moves to the linked job, so the keyboard goes on from there.
      await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("job-download");

      await page.mouse.move(0, 0);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "jobs-page-1280", { fullPage: false });

      // Another user's job, asked for by its link: not shown, said in words.
      await page.goto(`/jobs?id=${othersJobId}`);
      await page.getByTestId("job-not-found").waitFor();
      expect(await page.getByTestId("job-not-found").textContent()).toContain("找不到这个任务");
      expect(await item(page, othersJobId).count()).toBe(0);

      // The title follows the language.
      await page.getByTestId("language-switch").click();
      await page.getByRole("menuitem", { name: "English" }).click();
      await page.getByRole("heading", { name: "My jobs" }).waitFor();
      await expect.poll(() => page.title()).toBe("My jobs · Huzhu");
    });
  });

  it("at 375 px the jobs are cards, with nothing wider than the screen", async () => {
    await withPage(narrowPhone, async (page) => {
      await login(page, "coordinator");
      await page.goto(`/jobs?id=${exportJobId}`);
      const card = item(page, exportJobId);
      await card.waitFor();
      expect(await card.getAttribute("data-linked")).toBe("true");
      await page.getByRole("heading", { name: "我的任务" }).waitFor();
      await expectNoHorizontalOverflow(page);
      const box = await card.boundingBox();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 999) <= narrowPhone.width).toBe(true);
      // The download button is big enough to tap.
      expect((await card.getByTestId("job-download").boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(32);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "jobs-page-375", { fullPage: false });
    });
  });

  // A real export of the county finishes within seconds, too soon to be caught running; the
  // server's answers (no jobs, then one running job) are stubbed here (cancelling itself is tested by the API
  // tests), so this checks the page: progress, polling, the confirmation and the CSRF header.
  it("the coordinator cancels a running job from the page", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      const { csrfToken } = (await (await page.request.get("/api/me")).json()) as { csrfToken: string };
      const id = "00000000-0000-4000-8000-00000000c0de";
      let job = {
        id,
        kind: "member.export",
        status: "running",
        progress: 0.4,
        message: "正在查询名册",
        createdAt: new Date().toISOString(),
        finishedAt: null as string | null,
      };
      let listCalls = 0;
      let none = true;
      await page.route(
        (url) => url.pathname === "/api/jobs",
        (route) => {
          listCalls += 1;
          return route.fulfill({ json: none ? { items: [], total: 0 } : { items: [job], total: 1 } });
        },
      );
      const cancelHeaders: Record<string, string>[] = [];
      await page.route(
        (url) => url.pathname === `/api/jobs/${id}/cancel`,
        (route) => {
          cancelHeaders.push(route.request().headers());
          job = { ...job, status: "cancelled", message: "已取消", finishedAt: new Date().toISOString() };
          return route.fulfill({ json: job });
        },
      );

      // No jobs at all: said in words.
      await page.goto("/jobs");
      await page.getByTestId("jobs-empty").waitFor();
      expect(await page.getByTestId("jobs-empty").textContent()).toContain("您还没有任务");
      none = false;
      await page.reload();
      const card = item(page, id);
      await card.waitFor();
      expect(await card.getByTestId("job-status").textContent()).toBe("进行中");
      const bar = card.getByRole("progressbar");
      expect(await bar.getAttribute("aria-label")).toBe("党员名册导出 进度");
      expect(await bar.getAttribute("aria-valuenow")).toBe("40");
      expect(await card.getByTestId("job-item-message").textContent()).toBe("正在查询名册");
      expect(await card.getByTestId("job-download").count()).toBe(0);
      // Asked again while it runs.
      const before = listCalls;
      await expect.poll(() => listCalls, { timeout: 10_000 }).toBeGreaterThan(before);

      await screenshot(page, "jobs-running-1280", { fullPage: false });

      // Keyboard: the cancel button is reachable and labelled with the job it cancels.
      const cancel = card.getByRole("button", { name: /^取消任务“党员名册导出”（创建于 / });
      await cancel.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "取消这个任务？" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("“党员名册导出”将停止");
      await dialog.getByRole("button", { name: "取消任务" }).click();
      await expect.poll(() => card.getAttribute("data-status")).toBe("cancelled");
      expect(cancelHeaders).toHaveLength(1);
      expect(cancelHeaders[0]?.["x-csrf-token"]).toBe(csrfToken);
      await page.locator(".ant-message").getByText("任务已取消").waitFor();
      expect(await card.getByTestId("job-status").textContent()).toBe("已取消");
      expect(await card.getByRole("progressbar").count()).toBe(0);
      expect(await card.getByTestId("job-cancel").count()).toBe(0);
      // Nothing runs any more: no more asking.
      await settle(page);
      const after = listCalls;
      await page.waitForTimeout(4000);
      expect(listCalls).toBe(after);
    });
  });
});
