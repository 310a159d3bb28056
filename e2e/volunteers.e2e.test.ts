/**
 * Issue 11's volunteer flow in a real browser: 三联村's secretary asks for help for the village on
 * 志愿服务; the town's coordinator claims the request for 中山镇党员志愿服务队 and completes it with
 * the hours of a volunteer (the `member` account's member); the volunteer's own page (我的党员信息)
 * shows the hours for that request, also on a 390-px phone. The secretary then rates the help.
 * A member in difficulty's secretary sees the details of a case only after 显示详情, and the
 * village's secondments are listed. Screenshots go to e2e/artifacts/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserScenarios,
  contrastProblems,
  desktop,
  expectNoHorizontalOverflow,
  login,
  phone,
  pick,
  screenshot,
  settle,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

const run = Date.now().toString(36).slice(-5);
const title = `村部老年活动室门窗维修（${run}）`;

function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { credentials: "same-origin" });
    return response.json();
  }, path);
}

let volunteerId = 0;

describe("volunteer service: asked, claimed, completed; the hours on the volunteer's page", () => {
  it("the volunteer has a member record (the `member` account)", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "member");
      const me = await apiGet<{ user: { memberId: number | null } }>(page, "/api/me");
      expect(me.user.memberId).not.toBeNull();
      volunteerId = me.user.memberId as number;
    });
  });

  it("三联村's secretary asks for help for the village", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      await page.getByTestId("nav-volunteers").click();
      await page.getByTestId("volunteers").waitFor();
      await page.getByTestId("request-new").click();
      await page.getByTestId("request-form").waitFor();
      // Submitting empty names the missing fields and sends nothing.
      await page.getByTestId("request-submit").click();
      await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThan(0);
      await page.getByTestId("request-title").fill(title);
      await page.getByTestId("request-description").fill("活动室两扇窗户关不严，门锁损坏，请志愿者帮忙维修。");
      await page.getByTestId("request-submit").click();
      await page.getByTestId("request-card").filter({ hasText: title }).waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "volunteers-requests-1280");
    });
  });

  it("the town's coordinator claims it for the town's team and completes it with the volunteer's hours", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "town");
      await page.getByTestId("nav-volunteers").click();
      const card = page.getByTestId("request-card").filter({ hasText: title });
      await card.waitFor();
      await card.getByTestId("request-claim").click();
      await pick(page, "teamId", "中山镇", "中山镇党员志愿服务队");
      await page.getByTestId("claim-submit").click();
      await card.getByTestId("request-complete").waitFor();
      await card.getByTestId("request-complete").click();
      await settle(page);
      const hours = page.getByTestId(`complete-hours-${volunteerId}`);
      await hours.waitFor();
      await hours.fill("2.5");
      await page.getByTestId("complete-submit").click();
      await card.filter({ hasText: "已完成" }).waitFor();
      await expect.poll(() => card.textContent()).toContain("2.5");
      await screenshot(page, "volunteers-completed-1280");
      // The team's page counts the hours too.
      await page.getByRole("tab", { name: "志愿服务队" }).click();
      await page.getByTestId("team-card").filter({ hasText: "中山镇党员志愿服务队" }).waitFor();
    });
  });

  it("the hours appear on the volunteer's own page, on a phone too", async () => {
    await withPage(phone, async (page) => {
      await login(page, "member");
      await page.goto("/me");
      const entry = page.getByTestId("my-hours-entry").filter({ hasText: title });
      await entry.waitFor();
      expect(await entry.textContent()).toContain("2.5");
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "my-volunteer-hours-390");
    });
  });

  it("the requesting secretary rates the help; a hardship case's details show only on request", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      await page.goto("/volunteers?status=completed");
      const card = page.getByTestId("request-card").filter({ hasText: title });
      await card.getByTestId("request-feedback").click();
      // A dialog still zooming in moves its button under the pointer.
      await settle(page);
      await page.getByTestId("feedback-submit").click();
      await page.getByTestId("feedback-submit").waitFor({ state: "hidden" });
      await expect.poll(async () => card.getByTestId("request-feedback").count()).toBe(0);

      await page.getByTestId("nav-hardship").click();
      await page.getByTestId("hardship-card").first().waitFor();
      await page.getByTestId("hardship-card").first().locator("a").click();
      await page.getByTestId("hardship-reveal").waitFor();
      expect(await page.getByTestId("hardship-details-text").count()).toBe(0);
      await page.getByTestId("hardship-reveal").click();
      await page.getByTestId("hardship-details-text").waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "hardship-case-1280");

      // The village's secondments: its first secretary from a county organ, with the work log.
      await page.getByTestId("nav-secondments").click();
      await page.getByTestId("secondment-card").first().waitFor();
      expect(await page.getByTestId("secondment-card").count()).toBeGreaterThanOrEqual(2);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "secondments-1280");
    });
  });

  it("the pages work on a 390-px phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, "secretary");
      for (const [path, testId] of [
        ["/volunteers", "request-card"],
        // 三联村 has no team of its own (the town's and 龙济村's are theirs): the tab shows it empty.
        ["/volunteers?tab=teams", "volunteers"],
        ["/hardship-cases", "hardship-card"],
        ["/secondments", "secondment-card"],
      ] as const) {
        await page.goto(path);
        await page.getByTestId(testId).first().waitFor();
        await settle(page);
        await expectNoHorizontalOverflow(page);
      }
      await screenshot(page, "secondments-390");
    });
  });
});
