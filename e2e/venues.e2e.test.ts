/**
 * Issue 10's acceptance flow in a real browser: an urban community's secretary opens an activity
 * room that needs approval; a village secretary finds it in 阵地共享 and books it for a joint theme
 * day; the community approves it under 待我审批; the village's second request for the same slot is
 * refused with the clash named (409 booking.conflict); on a 390-px phone the village opens the QR
 * link (`checkInPath`) and checks in, and the venue's side opening the same link sees it checked in;
 * a member completes a course and sees the hours on 我的学习; the coordinator reads the usage
 * figures in words. Screenshots go to e2e/artifacts/.
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
  screenshot,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** A village secretary and an urban community's secretary of the demo county, and its coordinator. */
const village = "s350824101201";
const community = "s350824001001";
const coordinator = "coordinator";
const member = "member";

const run = Date.now().toString(36).slice(-5);
const venueName = `社区党群活动室（联学${run}）`;
const purpose = `城乡联合主题党日（${run}）`;

/** Today's China date and a slot starting within the check-in window (from 1 hour before the start). */
function slot(): { date: string; start: string; end: string } {
  const now = new Date(Date.now() + 8 * 3600_000);
  const date = now.toISOString().slice(0, 10);
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  const start = Math.min(Math.ceil((minutes + 20) / 5) * 5, 23 * 60 + 30);
  const end = Math.min(start + 120, 23 * 60 + 55);
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return { date, start: clock(start), end: clock(end) };
}
const booked = slot();

let venueId: number | undefined;

/** The signed-in page's own API (same session cookie). */
function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { credentials: "same-origin" });
    return response.json();
  }, path);
}

async function book(page: Page) {
  const form = page.getByTestId("booking-form");
  await form.locator("#date").fill(booked.date);
  await form.locator("#start").fill(booked.start);
  await form.locator("#end").fill(booked.end);
  await form.locator("#purpose").fill(purpose);
  await form.locator("#attendees").fill("30");
  await page.getByTestId("booking-submit").click();
}

describe("shared venues: booking, approval, QR check-in; remote education", () => {
  it("an urban community's secretary opens an activity room that needs approval", async () => {
    await withPage(desktop, async (page) => {
      await login(page, community);
      await page.getByTestId("nav-venues").click();
      await page.getByTestId("venue-card").first().waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-catalogue-1280");

      await page.getByTestId("venue-new").click();
      await page.getByTestId("venue-form").waitFor();
      // Saving empty names the missing fields, in words.
      await page.getByTestId("venue-save").click();
      await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThan(0);

      await page.locator("#kind").click();
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: "党群活动室" })
        .click();
      await page.locator("#name").fill(venueName);
      await page.locator("#address").fill("河东社区党群服务中心三楼");
      await page.locator("#capacity").fill("50");
      await page.getByLabel(/全县（市）开放/).check();
      // Approval is on by default for a new venue: the switch says so.
      await expect.poll(() => page.locator("#requiresApproval").getAttribute("aria-checked")).toBe("true");
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-form-1280");
      await page.getByTestId("venue-save").click();
      await page.getByTestId("venue-page").waitFor();
      expect(await page.getByTestId("venue-name").textContent()).toBe(venueName);
      venueId = Number(new URL(page.url()).pathname.split("/").pop());
      expect(venueId).toBeGreaterThan(0);
    });
  });

  it("a village secretary finds the room and asks to book it for a joint theme day", async () => {
    await withPage(desktop, async (page) => {
      await login(page, village);
      await page.getByTestId("nav-venues").click();
      const search = page.getByTestId("venue-search").locator("input");
      await search.fill(`联学${run}`);
      await search.press("Enter");
      await expect.poll(() => page.getByTestId("venue-card").count()).toBe(1);
      await page.getByTestId("venue-open").click();
      await page.getByTestId("booking-form").waitFor();
      // The calendar arrives as its own chunk, in week view with seven days.
      await page.getByTestId("booking-calendar").waitFor();
      await expect.poll(() => page.locator("[data-testid^=calendar-day-]").count()).toBe(7);
      await book(page);
      await page.getByText("预约申请已提交，等待对方审批").waitFor();
      // The calendar shows the request on its day, with its status in words.
      await expect.poll(() => page.getByTestId(`calendar-day-${booked.date}`).textContent()).toContain("待审批");
      await page.getByTestId("calendar-view").getByText("月").click();
      await page.getByTestId(`calendar-month-${booked.date}`).waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-venue-1280");
    });
  });

  it("the community approves it under 待我审批, and the village's second request for the slot is refused", async () => {
    await withPage(desktop, async (page) => {
      await login(page, community);
      await page.getByTestId("nav-bookings").click();
      await page.getByTestId("tab-awaiting").click();
      const request = page.getByTestId("booking-item").filter({ hasText: purpose });
      await request.waitFor();
      expect(await request.getByTestId("booking-time").textContent()).toContain(
        `${booked.date} ${booked.start}–${booked.end}（北京时间）`,
      );
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-awaiting-1280");
      await request.getByTestId("booking-approve").click();
      await page.getByText("已同意").first().waitFor();
      await expect.poll(() => request.count()).toBe(0);
    });
    await withPage(desktop, async (page) => {
      await login(page, village);
      await page.goto(`/venues/${venueId}`);
      await page.getByTestId("booking-form").waitFor();
      await book(page);
      const error = page.getByTestId("booking-error");
      await error.waitFor();
      // The server's message names the booking holding the slot (its China time).
      expect(await error.textContent()).toContain(booked.start);
      await screenshot(page, "venues-conflict-1280", { fullPage: false });
    });
  });

  it("on a phone the village opens the QR link and checks in; the venue's side sees it checked in", async () => {
    let path = "";
    await withPage(phone, async (page) => {
      await login(page, village);
      const list = await apiGet<{
        items: { id: number; purpose: string; status: string; checkInPath: string | null }[];
      }>(page, `/api/bookings?venueId=${venueId}`);
      const mine = list.items.find((b) => b.purpose === purpose && b.status === "confirmed");
      expect(mine?.checkInPath).toMatch(/^\/check-in\/\d+\?token=/);
      path = mine?.checkInPath ?? "";
      // The QR code the venue shows opens that same path.
      const qr = await page.request.get(`/api/bookings/${mine?.id}/qr.svg`);
      expect(qr.status()).toBe(200);

      await page.goto(path);
      await page.getByTestId("check-in-button").waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-check-in-390");
      await page.getByTestId("check-in-button").click();
      await page.getByTestId("check-in-done").waitFor();
      await screenshot(page, "venues-checked-in-390");
    });
    await withPage(phone, async (page) => {
      await login(page, community);
      await page.goto(path);
      await page.getByTestId("check-in-page").waitFor();
      // Checked in already: the page says so rather than offering the button again.
      await page.getByTestId("check-in-done").waitFor();
    });
  });

  it("my bookings show the checked-in booking in China time on a phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      await page.goto("/bookings");
      const item = page.getByTestId("booking-item").filter({ hasText: purpose }).first();
      await item.waitFor();
      expect(await item.getByTestId("booking-status").textContent()).toBe("已签到");
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-bookings-390");
    });
  });

  it("a member completes a course and sees the hours on 我的学习", async () => {
    await withPage(phone, async (page) => {
      await login(page, member);
      await page.getByTestId("menu-button").click();
      await page.getByTestId("nav-study").click();
      await page.getByTestId("study-page").waitFor();
      const hoursBefore = Number(
        await page.getByTestId("study-hours").locator(".ant-statistic-content-value").textContent(),
      );
      const open = page
        .getByTestId("study-item")
        .filter({ hasText: "学习中" })
        .or(page.getByTestId("study-item").filter({ hasText: "请在" }));
      await open.first().waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-study-390");
      await open.first().getByRole("link").click();
      await page.getByTestId("course-page").waitFor();
      await page.getByTestId("study-complete").click();
      await page.getByText("已完成这门课程").waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-course-390");
      await page.getByText("返回我的学习").click();
      await page.getByTestId("study-page").waitFor();
      await expect
        .poll(async () =>
          Number(await page.getByTestId("study-hours").locator(".ant-statistic-content-value").textContent()),
        )
        .toBeGreaterThan(hoursBefore);
    });
  });

  it("the coordinator reads the usage figures by direction in words", async () => {
    await withPage(desktop, async (page) => {
      await login(page, coordinator);
      await page.getByTestId("nav-usage").click();
      const directions = page.getByTestId("usage-directions");
      await directions.waitFor();
      expect(await directions.textContent()).toContain("城市组织使用农村阵地（城→乡）");
      expect(await directions.textContent()).toContain("农村组织使用城市阵地（乡→城）");
      await page.getByTestId("usage-orgs").waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "venues-usage-1280");
    });
  });
});
