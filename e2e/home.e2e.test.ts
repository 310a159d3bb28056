/**
 * Issue 7's home page (工作台) in a real browser: every role lands on its own cards at "/", and a
 * notification arrives in the header's bell without reloading the page. Screenshots of the
 * coordinator's home page at 1280 and 375 px go to e2e/artifacts/.
 */
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

const cardIds = (page: Page) =>
  page.locator("[data-testid^=home-card-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
/**
 * The venues card (next bookings, requests awaiting approval) comes and goes with the bookings that
 * other specs make on the shared server (venues.e2e books for the village and its town), which run
 * in no fixed order; it is checked where it is certain (the coordinator's requests) and in
 * venues.e2e, and left out of the other roles' comparisons.
 */
const withoutVenues = (ids: (string | null)[]) => ids.filter((id) => id !== "home-card-venues");

/** The bell's unread count, as its data attribute and as the words of its label. */
async function bell(page: Page): Promise<{ count: number; label: string | null }> {
  const button = page.getByTestId("notification-bell");
  return { count: Number(await button.getAttribute("data-unread")), label: await button.getAttribute("aria-label") };
}

/** A call to the API from inside the page's session (cookie and CSRF token), as the app makes it. */
async function api<T>(
  page: Page,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const { csrfToken } = (await (await page.request.get("/api/me")).json()) as { csrfToken: string };
  const response =
    method === "GET"
      ? await page.request.get(path)
      : await page.request.post(path, { headers: { "x-csrf-token": csrfToken }, data: body ?? {} });
  return { status: response.status(), json: (await response.json()) as T };
}

describe("each role lands on its 工作台", () => {
  it("the county coordinator: the jurisdiction's key numbers and the to-dos", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      expect(new URL(page.url()).pathname).toBe("/");
      await page.getByTestId("home-card-jurisdiction").waitFor();
      // The county's own venues (its red-education base, the vehicle) hold requests awaiting approval.
      expect(await cardIds(page)).toEqual([
        "home-card-jurisdiction",
        "home-card-todos",
        "home-card-help",
        "home-card-venues",
        // Open service requests of the county to claim, transfers and mobile members (issue 11's demo has some).
        "home-card-care",
        "home-card-motion",
      ]);
      await page.getByRole("heading", { name: "工作台" }).waitFor();
      // 工作台 is the first menu entry, and the selected one.
      const home = page.getByTestId("menu-home");
      expect((await home.textContent())?.trim()).toBe("工作台");
      expect(await home.getAttribute("class")).toContain("ant-menu-item-selected");

      // The whole county is the coordinator's: its member count is the roster's total.
      const roster = await api<{ total: number }>(page, "GET", "/api/members?pageSize=1");
      const members = page.getByTestId("home-stat-members");
      expect(Number(await members.getAttribute("data-value"))).toBe(roster.json.total);
      expect(roster.json.total).toBeGreaterThan(10_000);
      expect(await members.textContent()).toContain("党员总数");
      for (const key of ["probationary", "urban", "rural"]) {
        expect(Number(await page.getByTestId(`home-stat-${key}`).getAttribute("data-value"))).toBeGreaterThan(0);
      }
      // Age bands in words (not only as bars), adding up to the members.
      const bands = page.locator("[data-testid=home-age-bands] li");
      expect(await bands.count()).toBe(4);
      expect(await bands.first().textContent()).toMatch(/35 岁及以下.*\d+ 人（\d+%）/);
      const counts = await bands.evaluateAll((els) =>
        els.map((e) => Number(/(\d+) 人/.exec(e.textContent ?? "")?.[1] ?? Number.NaN)),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(roster.json.total);

      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "home-coordinator-1280");
    });
  });

  it("the coordinator's home page fits a 375 px phone", async () => {
    await withPage(narrowPhone, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("home-card-jurisdiction").waitFor();
      await page.getByTestId("notification-bell").waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "home-coordinator-375");
      // The bell's list takes the whole phone screen, readable and closable.
      await page.getByTestId("notification-bell").click();
      await page.getByTestId("notification-drawer").or(page.locator(".ant-drawer-content")).first().waitFor();
      await settle(page);
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, ".ant-drawer-content")).toEqual([]);
      await screenshot(page, "home-notifications-375", { fullPage: false });
      await page.getByRole("button", { name: "关闭" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.has("notifications")).toBe(false);
      // 工作台 is in the phone's menu drawer too.
      await page.getByTestId("menu-button").click();
      await page.getByTestId("menu-home").waitFor();
    });
  });

  it("a village secretary: their branch's numbers", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      expect(new URL(page.url()).pathname).toBe("/");
      await page.getByTestId("home-card-jurisdiction").waitFor();
      // The demo county pairs 三联村 with another village (issue 9): both sides see their pairing.
      expect(withoutVenues(await cardIds(page))).toEqual([
        "home-card-jurisdiction",
        "home-card-todos",
        "home-card-help",
        "home-card-pairings",
        "home-card-care",
        "home-card-motion",
      ]);
      await page.getByTestId("home-card-pairings").getByTestId("home-pairing").first().getByRole("link").waitFor();
      // One branch: far fewer members than the county, and the same count as their roster.
      const roster = await api<{ total: number }>(page, "GET", "/api/members?pageSize=1");
      const members = Number(await page.getByTestId("home-stat-members").getAttribute("data-value"));
      expect(members).toBeGreaterThan(0);
      expect(members).toBeLessThanOrEqual(roster.json.total);
      expect(members).toBeLessThan(1000);
    });
  });

  it("a party member: their own record, and the way to it", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "member");
      expect(new URL(page.url()).pathname).toBe("/");
      const card = page.getByTestId("home-card-myRecord");
      await card.waitFor();
      expect(await cardIds(page)).toEqual(["home-card-myRecord", "home-card-todos"]);
      const me = await api<{ user: { memberId: number } }>(page, "GET", "/api/me");
      const own = await api<{ name: string; idNumberMasked: string }>(
        page,
        "GET",
        `/api/members/${me.json.user.memberId}`,
      );
      const text = (await card.textContent()) ?? "";
      expect(text).toContain(own.json.name);
      expect(text).toContain(own.json.idNumberMasked);
      await card.getByRole("link", { name: "查看详情" }).click();
      await page.waitForURL(/\/me$/);
      await page.getByTestId("masked-idNumber").waitFor();
    });
  });

  it("the other roles: a town coordinator and a leader their numbers and mutual help, the administrators their to-dos", async () => {
    const expected: Record<string, string[]> = {
      town: ["home-card-jurisdiction", "home-card-todos", "home-card-help", "home-card-care", "home-card-motion"],
      leader: ["home-card-jurisdiction", "home-card-todos", "home-card-help"],
      sysadmin: ["home-card-todos"],
      secadmin: ["home-card-todos"],
      auditor: ["home-card-todos"],
    };
    for (const [username, cards] of Object.entries(expected)) {
      await withPage(desktop, async (page) => {
        await login(page, username);
        expect(new URL(page.url()).pathname, username).toBe("/");
        await page.getByTestId("home-card-todos").waitFor();
        await expect.poll(async () => withoutVenues(await cardIds(page)), { message: username }).toEqual(cards);
      });
    }
  });
});

describe("notifications", () => {
  it("a finished export's notification arrives in the bell without reloading", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("home-card-todos").waitFor();
      // Start from nothing unread, so the count that appears is this notification's.
      await api(page, "POST", "/api/notifications/read-all");
      // The live stream is open before anything happens.
      const stream = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/notifications/stream");
      await page.reload();
      await page.getByTestId("home-card-todos").waitFor();
      expect((await stream).status()).toBe(200);
      await expect.poll(async () => (await bell(page)).count).toBe(0);
      expect((await bell(page)).label).toBe("通知，没有未读");

      // Count document loads: the notification must come without one.
      let loads = 0;
      page.on("load", () => {
        loads += 1;
      });
      // Something else makes the notification: an export started through the API in this session;
      // its job notifies its owner when it is done.
      const started = await api<{ jobId: string }>(page, "POST", "/api/members/export", {});
      expect(started.status).toBe(202);

      await expect.poll(async () => (await bell(page)).count, { timeout: 60_000 }).toBe(1);
      expect((await bell(page)).label).toBe("通知，1 条未读");
      // The home page's to-dos follow too.
      await expect.poll(() => page.getByTestId("home-unread").textContent()).toBe("未读通知 1 条");
      expect(loads).toBe(0);

      // The bell opens the list: the new one, unread, marked in words; then read it.
      await page.getByTestId("notification-bell").click();
      const item = page.getByTestId("notification-item").first();
      await item.waitFor();
      expect(await item.textContent()).toContain("“党员名册导出”已完成");
      expect(await item.getAttribute("data-read")).toBe("false");
      expect(await item.textContent()).toContain("未读");
      await screenshot(page, "home-notifications-1280", { fullPage: false });
      await item.getByTestId("notification-mark-read").click();
      await expect.poll(() => item.getAttribute("data-read")).toBe("true");
      await expect.poll(async () => (await bell(page)).count).toBe(0);
      expect(await page.getByTestId("notification-unread").textContent()).toBe("全部已读");
      expect(await page.getByTestId("notification-mark-all").isDisabled()).toBe(true);
      expect(loads).toBe(0);

      // Keyboard: Escape closes the drawer.
      await page.keyboard.press("Escape");
      await expect.poll(() => new URL(page.url()).searchParams.has("notifications")).toBe(false);
    });
  });
});
