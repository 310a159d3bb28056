/**
 * Issue 8's acceptance flow in a real browser: a village secretary posts a need with a photo on a
 * 390-px phone; an urban community's secretary finds it in the 需求大厅 by a keyword and claims it;
 * the village accepts; an activity and a contribution are recorded and the contribution confirmed;
 * the helper delivers and the village confirms with a rating; the county coordinator sees it in the
 * county's lists and the mutual-help card on the home page. Then, on a phone, the village opens a
 * resource's own page from the list and asks for it, and sets an active project's plan and ends it
 * with a reason. Screenshots go to e2e/artifacts/.
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
  phone,
  pick,
  screenshot,
  settle,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** 三联村's neighbour in the demo county (a village), and 河东社区 (an urban community) in the county seat. */
const village = "s350824101201";
const community = "s350824001001";

/** A title no demo need has, found again by its Chinese keyword. */
const run = Date.now().toString(36).slice(-5);
const keyword = "百香果保鲜冷库";
const title = `${keyword}维修（${run}）`;

let needId: number | undefined;
let projectId: number | undefined;

/** A real PNG to upload as the photo: the page's own picture. */
async function photo(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return {
    name: "冷库.png",
    mimeType: "image/png",
    buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } }),
  };
}

/** Every <img> inside `selector` has loaded (a photo that fails to load would be hidden). */
async function photosLoaded(page: Page, selector: string): Promise<number> {
  return page
    .locator(`${selector} img`)
    .evaluateAll(
      (imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length,
    );
}

const needPath = () => {
  if (!needId) throw new Error("the posting scenario must run first");
  return `/needs/${needId}`;
};

describe("mutual help, from a need to a rated, recorded project", () => {
  it("a village secretary posts a need with a photo on a 390-px phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      // The 需求大厅 from the phone's menu.
      await page.getByTestId("menu-button").click();
      await page.getByTestId("nav-hall").click();
      await page.getByTestId("need-hall").waitFor();
      await page.getByTestId("need-card").first().waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "help-hall-390");

      await page.getByTestId("post-need").click();
      await page.getByTestId("need-form").waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "main")).toEqual([]);

      // Submitting empty names the missing fields, in words.
      await page.getByTestId("need-submit").click();
      await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThanOrEqual(3);

      await pick(page, "category", "发展经济", "发展经济");
      await page.locator("#title").fill(title);
      await page
        .locator("#description")
        .fill("村里的百香果合作社冷库制冷机组老化，夏季保鲜困难，需要维修并培训一名管理员。");
      await page.locator("#expectedOutcome").fill("冷库恢复运行，今年百香果损耗减少一半。");
      await page.locator("#budgetYuan").fill("12345.6");
      await page.locator("#deadline").fill("2027-06-30");
      await page.locator("label.ant-radio-button-wrapper").filter({ hasText: "较急" }).click();
      await page.getByTestId("photo-input").setInputFiles(await photo(page));
      await expect.poll(() => photosLoaded(page, "[data-testid=photo-list]")).toBe(1);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-post-need-390");

      await page.getByTestId("need-submit").click();
      await page.waitForURL(/\/needs\/\d+$/);
      needId = Number(/\/needs\/(\d+)$/.exec(page.url())?.[1]);
      await expect.poll(() => page.getByTestId("need-title").textContent()).toBe(title);
      expect(await page.getByTestId("need-status").textContent()).toBe("待认领");
      expect(await page.getByTestId("need-page").textContent()).toContain("¥12,345.60");
      await expect.poll(() => photosLoaded(page, "[data-testid=need-page]")).toBe(1);
      // The owner does not claim its own need.
      expect(await page.getByTestId("claim-form").count()).toBe(0);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-need-posted-390");
    });
  });

  it("an urban community's secretary finds it in the 需求大厅 by a keyword and claims it", async () => {
    await withPage(desktop, async (page) => {
      await login(page, community);
      await page.getByTestId("nav-hall").click();
      await page.getByTestId("need-hall").waitFor();
      await page.getByTestId("hall-keyword").locator("input").fill(keyword);
      await page.waitForURL(/q=/);
      const card = page.getByTestId("need-card").filter({ hasText: title });
      await card.waitFor();
      expect(await card.textContent()).toContain("¥12,345.60");
      expect(await card.textContent()).toContain("较急");
      await screenshot(page, "help-hall-keyword-1280");
      await card.getByRole("link", { name: title }).click();
      await page.waitForURL(new RegExp(`${needPath()}$`));

      await page.getByTestId("claim-form").waitFor();
      await page.getByTestId("claim-message").fill("社区有冷链企业党员，可以派技术员上门维修并带教管理员。");
      await page.getByTestId("claim-submit").click();
      const claim = page.getByTestId("claim").first();
      await expect.poll(() => claim.getByTestId("claim-status").textContent()).toBe("待答复");
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "help-need-claimed-1280");
    });
  });

  it("the village accepts the claim from its home page, and records an activity on its phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      // The claim waits for the village's answer on its 工作台.
      const awaiting = page.getByTestId("home-help-awaiting");
      await awaiting.waitFor();
      await expectNoHorizontalOverflow(page);
      expect(await contrastProblems(page, "[data-testid=home-card-help]")).toEqual([]);
      await screenshot(page, "help-home-village-390");
      await awaiting.getByRole("link").first().click();
      await page.waitForURL(/\/needs\/\d+$/);
      if (!page.url().endsWith(needPath())) await page.goto(needPath());

      await page.getByTestId("claim-accept").click();
      await expect.poll(() => page.getByTestId("claim-status").first().textContent()).toBe("已接受");
      await expect.poll(() => page.getByTestId("need-status").textContent()).toBe("已认领");
      await page.getByTestId("need-project").click();
      await page.waitForURL(/\/projects\/\d+$/);
      projectId = Number(/\/projects\/(\d+)$/.exec(page.url())?.[1]);
      await page.getByTestId("project-title").waitFor();

      await page.getByTestId("record-activity").click();
      await page.getByTestId("activity-form").waitFor();
      await settle(page);
      await page.locator("#description").fill("社区技术员到村检修冷库，村两委和合作社共同参加主题党日。");
      await page.locator("#participants").fill("18");
      await page.locator("#hours").fill("3.5");
      await page.getByTestId("activity-photo-input").setInputFiles(await photo(page));
      await expect.poll(() => photosLoaded(page, "[data-testid=activity-form]")).toBe(1);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-record-activity-390", { fullPage: false });
      await page.getByTestId("activity-submit").click();
      const activity = page.getByTestId("activity").first();
      await activity.waitFor();
      expect(await activity.textContent()).toContain("18 人参加");
      await expect.poll(() => photosLoaded(page, "[data-testid=activity]")).toBe(1);
      await expect.poll(() => page.getByTestId("project-rhythm").textContent()).toContain("距上次联合活动 0 天");
      await expectNoHorizontalOverflow(page);
    });
  });

  it("the community records its contribution, starts and delivers the help", async () => {
    if (!projectId) throw new Error("the accepting scenario must run first");
    await withPage(desktop, async (page) => {
      await login(page, community);
      await page.goto(`/projects/${projectId}`);
      await page.getByTestId("record-contribution").click();
      await page.getByTestId("contribution-form").waitFor();
      await settle(page);
      await page.locator("#yuan").fill("5000");
      await page.locator("#description").fill("冷库维修配件费用");
      await page.getByTestId("contribution-submit").click();
      const contribution = page.getByTestId("contribution").first();
      await expect.poll(() => contribution.getByTestId("contribution-status").textContent()).toBe("待确认");
      expect(await contribution.textContent()).toContain("¥5,000.00");
      // Only the receiver confirms.
      expect(await page.getByTestId("contribution-confirm").count()).toBe(0);

      await page.goto(needPath());
      await page.getByTestId("need-start").click();
      await expect.poll(() => page.getByTestId("need-status").textContent()).toBe("帮扶中");
      await page.getByTestId("need-deliver").click();
      await expect.poll(() => page.getByTestId("need-status").textContent()).toBe("已交付");
    });
  });

  it("the village confirms the contribution and the delivered help with a rating", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      await page.goto(`/projects/${projectId}`);
      await page.getByTestId("contribution-confirm").click();
      await expect
        .poll(() => page.getByTestId("contribution").first().getByTestId("contribution-status").textContent())
        .toBe("已确认");
      await screenshot(page, "help-project-390");

      await page.goto(needPath());
      await page.getByTestId("need-confirm").click();
      await page.getByTestId("confirm-rating").waitFor();
      await settle(page);
      await page.getByTestId("confirm-rating").locator("li").nth(4).click();
      await page.getByTestId("confirm-comment").fill("维修及时，还带出了我们自己的管理员。");
      await page.getByTestId("confirm-need-submit").click();
      await expect.poll(() => page.getByTestId("need-status").textContent()).toBe("已确认");
      expect(await page.getByTestId("need-rating").textContent()).toBe("5 分（满分 5 分）");
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-need-confirmed-390");
    });
  });

  it("the county coordinator sees it in the county's lists and the mutual-help card on the home page", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("home-card-help").waitFor();
      expect(await contrastProblems(page, "[data-testid=home-card-help]")).toEqual([]);
      await screenshot(page, "help-home-coordinator-1280");

      await page.getByTestId("nav-needs").click();
      await page.getByTestId("my-needs").waitFor();
      await page.getByTestId("mine-keyword").locator("input").fill(keyword);
      await page.getByTestId("mine-keyword").locator("input").press("Enter");
      const card = page.getByTestId("need-card").filter({ hasText: title });
      await card.waitFor();
      expect(await card.getByTestId("need-status").textContent()).toBe("已确认");

      await page.getByTestId("nav-projects").click();
      await page.getByTestId("projects").waitFor();
      const search = page.getByTestId("projects-keyword").locator("input");
      await search.fill(keyword);
      await search.press("Enter");
      // The project the claim started is found by the need's keyword, and opens from its card.
      await page.locator(`[data-testid=project-card] a[href="/projects/${projectId}"]`).click();
      await page.waitForURL(new RegExp(`/projects/${projectId}$`));
      await page.getByTestId("activity").first().waitFor();
      expect(await page.getByTestId("contribution-status").first().textContent()).toBe("已确认");
      // The coordinator reads; recording is the parties' work.
      expect(await page.getByTestId("record-activity").count()).toBe(0);
      await screenshot(page, "help-project-coordinator-1280");

      // An open need of the county: the coordinator of the common superior may assign a helper.
      await page.getByTestId("nav-hall").click();
      await page.getByTestId("need-card").first().getByRole("link").first().click();
      await page.getByTestId("need-assign").click();
      await page.getByRole("dialog").getByText("帮扶方").first().waitFor();
      await screenshot(page, "help-assign-coordinator-1280", { fullPage: false });
      await page.getByRole("dialog").getByRole("button", { name: "取 消" }).click();
    });
  });
});

describe("mutual help's suggestions and the needs list's export", () => {
  it("the community's secretary opens a need and sees suggested helpers and resources with reasons", async () => {
    await withPage(desktop, async (page) => {
      await login(page, community);
      await page.getByTestId("nav-hall").click();
      await page.getByTestId("need-hall").waitFor();
      await page.getByTestId("need-card").first().getByRole("link").first().click();
      await page.getByTestId("need-page").waitFor();
      // Closed until opened: nothing is asked of the server before.
      const asked = page.waitForResponse((r) => /^\/api\/needs\/\d+\/suggestions$/.test(new URL(r.url()).pathname));
      const toggle = page.getByTestId("suggestions").getByRole("button").first();
      expect((await toggle.textContent())?.trim()).toBe("推荐帮扶");
      // Keyboard reachable: the panel's header opens with Enter.
      await toggle.focus();
      await page.keyboard.press("Enter");
      expect((await asked).status()).toBe(200);
      await page.getByTestId("suggested-organizations").waitFor();
      await page.getByTestId("suggested-resources").waitFor();
      await page.getByTestId("suggestion").first().waitFor();
      const reason = await page.getByTestId("suggestion-reason").first().textContent();
      expect(reason?.trim().length).toBeGreaterThan(2);
      expect(await page.getByTestId("suggestion-factor-category").count()).toBeGreaterThan(0);
      expect(await contrastProblems(page, "[data-testid=suggestions]")).toEqual([]);
      await screenshot(page, "help-suggestions-community-1280");
    });
  });

  it("the county coordinator exports the needs list and a .xlsx downloads", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("nav-needs").click();
      await page.getByTestId("my-needs").waitFor();
      const button = page.getByTestId("needs-export");
      expect((await button.textContent())?.trim()).toBe("导出 Excel");
      const started = page.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/needs/export" && r.request().method() === "POST",
      );
      const download = page.waitForEvent("download");
      await button.click();
      expect((await started).status()).toBe(202);
      await page.getByTestId("job-progress").waitFor();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      // An .xlsx is a zip: it starts with "PK".
      expect(
        fs
          .readFileSync(await file.path())
          .subarray(0, 2)
          .toString(),
      ).toBe("PK");
      await expect.poll(() => page.getByTestId("job-progress").getAttribute("data-status")).toBe("succeeded");
    });
  });
});

describe("a resource's own page, and a project's plan edited and the project ended with a reason", () => {
  it("the village's secretary opens a resource from the list and asks for it, on a phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      const offered = (await (await page.request.get("/api/resources?status=active&pageSize=100")).json()) as {
        items: { id: number; title: string; abilities: { request: boolean } }[];
      };
      const resource = offered.items.find((r) => r.abilities.request);
      if (!resource) throw new Error("the demo county offers the village no resource to ask for");
      await page.goto(`/resources?q=${encodeURIComponent(resource.title)}`);
      await page.locator(`[data-testid=resource-open][href="/resources/${resource.id}"]`).click();
      await page.getByTestId("resource-page").waitFor();
      expect(await page.getByTestId("resource-title").textContent()).toBe(resource.title);
      await page.getByTestId("resource-request").click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("以哪个组织申请").waitFor();
      await dialog.locator("textarea").fill("想请专家来村里讲一次课。");
      await dialog.getByRole("button", { name: "申请使用" }).click();
      await expect.poll(() => page.getByTestId("claim-status").first().textContent()).toBe("待答复");
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-resource-390");
    });
  });

  it("the village's secretary sets a project's plan, then ends it with a reason", async () => {
    await withPage(phone, async (page) => {
      await login(page, village);
      // A need's project ends with its need (no end button there); a resource's project is ended
      // by its parties. The demo county gives the village active ones of both kinds.
      const active = (await (await page.request.get("/api/projects?status=active&pageSize=100")).json()) as {
        items: { id: number; needId: number | null; abilities: { update: boolean; cancel: boolean } }[];
      };
      const ofNeed = active.items.find((p) => p.abilities.update && p.needId !== null);
      if (!ofNeed) throw new Error("the demo county gives the village no active project of a need");
      expect(ofNeed.abilities.cancel).toBe(false);
      const project = active.items.find((p) => p.abilities.update && p.abilities.cancel && p.needId === null);
      if (!project) throw new Error("the demo county gives the village no active project of a resource");
      await page.goto(`/projects/${project.id}`);
      await page.getByTestId("project-edit").click();
      await page.getByTestId("project-plan").fill("FREQ=FORTNIGHTLY");
      await page.getByTestId("project-plan").blur();
      await page.getByText("活动计划应为日历重复规则").waitFor();
      await page.getByRole("button", { name: "每季度" }).click();
      expect(await page.getByTestId("plan-meaning").textContent()).toBe("即：每 3 个月一次");
      await page.getByRole("dialog").getByRole("button", { name: "保 存" }).click();
      await page.getByTestId("project-page").getByText("每 3 个月一次").waitFor();

      await page.getByTestId("project-end").click();
      await page.getByTestId("project-end-form").waitFor();
      await page.getByTestId("project-end-confirm").click();
      await page.getByTestId("project-end-form").getByText("请填写此项").waitFor();
      await page.getByTestId("project-end-reason").fill("冷库已修好，双方商定本项目到此结束。");
      await page.getByTestId("project-end-confirm").click();
      await page.getByTestId("project-ended").waitFor();
      expect(await page.getByTestId("project-status").textContent()).toBe("已取消");
      expect(await page.getByTestId("project-ended").textContent()).toContain("冷库已修好");
      expect(await page.getByTestId("record-activity").count()).toBe(0);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "help-project-ended-390");
    });
  });
});
