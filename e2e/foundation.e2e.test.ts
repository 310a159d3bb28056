/**
 * Acceptance of issue 3 (foundation) in a real browser: scoped roster for a village secretary,
 * the language switch, the organization tree and an audited reveal for the county coordinator,
 * and the audit administrator finding that reveal. Screenshots at 1280 and 390 px go to e2e/artifacts/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserScenarios,
  desktop,
  expectNoHorizontalOverflow,
  fetchMe,
  login,
  menuLabels,
  phone,
  pick,
  screenshot,
} from "./support/browser.ts";

const { withPage } = browserScenarios();
/** Set by the coordinator's scenario, checked by the auditor's. */
let revealedMember: { name: string; idNumber: string } | undefined;

const memberRows = (page: Page) => page.locator("[data-testid=member-table] tbody tr.ant-table-row");

describe("sign-in", () => {
  it("shows the server's message for a wrong password and for an unknown user alike", async () => {
    await withPage(desktop, async (page) => {
      await page.goto("/members");
      await page.waitForURL(/\/login/);
      await page.locator("#username").fill("secretary");
      await page.locator("#password").fill("definitely-wrong");
      await page.getByTestId("login-submit").click();
      const error = page.getByTestId("login-error");
      await error.waitFor();
      const wrongPassword = (await error.textContent())?.trim();
      expect(wrongPassword).toBeTruthy();

      await page.locator("#username").fill("no-such-user");
      // Listen before clicking: the answer can come back before a listener added afterwards.
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await page.getByTestId("login-submit").click();
      await answered;
      await expect.poll(async () => (await error.textContent())?.trim()).toBe(wrongPassword);
      await screenshot(page, "login-error-1280");
    });
  });
});

describe("navigation follows the account", () => {
  it("a party member sees only their own record (and their own study page)", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "member");
      await page.goto("/me");
      await expect.poll(() => menuLabels(page)).toEqual(["我的信息", "我的学习"]);
      await page.getByTestId("masked-idNumber").waitFor();
      const me = await fetchMe(page);
      expect(await page.locator(".ant-descriptions").textContent()).toContain(me.roles[0]?.orgName);
      // Pages outside the menu answer "no access" rather than an empty shell.
      await page.goto("/audit");
      await page.locator(".ant-result-403").waitFor();
    });
  });

  it("locks an account after repeated wrong passwords and says so", async () => {
    await withPage(desktop, async (page) => {
      await page.goto("/login");
      // An account no other spec signs in with: it stays locked for 15 minutes.
      await page.locator("#username").fill("s350824001009");
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        await page.locator("#password").fill(`wrong-${i}`);
        const response = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
        await page.getByTestId("login-submit").click();
        statuses.push((await response).status());
      }
      expect(statuses.at(-1) === 423 || statuses.at(-1) === 429).toBe(true);
      const message = (await page.getByTestId("login-error").textContent())?.trim() ?? "";
      expect(message).not.toBe("用户名或密码错误");
      expect(message.length).toBeGreaterThan(0);
      await screenshot(page, "login-locked-1280");
    });
  });
});

describe("secretary", () => {
  it("sees only the branch's members and switches to zh-TW and en", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      const me = await fetchMe(page);
      const branch = me.roles[0]?.orgName;
      expect(branch).toBeTruthy();
      await expect.poll(() => page.getByTestId("current-user").textContent()).toContain(branch);

      await page.getByTestId("nav-members").click();
      await page.waitForURL(/\/members/);
      // Up to 100 rows on one page: the whole branch in the demo county.
      await page.goto("/members?pageSize=100");
      await memberRows(page).first().waitFor();
      const orgs = await page.locator("[data-testid=member-table] [data-testid=member-org]").allTextContents();
      expect(orgs.length).toBeGreaterThan(0);
      expect(new Set(orgs)).toEqual(new Set([branch]));
      const total = Number((await page.getByTestId("member-total").textContent())?.replace(/\D/g, ""));
      if (total <= 100) expect(orgs.length).toBe(total);
      await expect.poll(() => page.locator("[data-testid=member-table] thead").textContent()).toContain("身份证号");
      // The organization column is on screen, not squeezed out by the others.
      const orgCell = await page.locator("[data-testid=member-table] [data-testid=member-org]").first().boundingBox();
      expect(orgCell?.width ?? 0).toBeGreaterThan(100);
      await screenshot(page, "secretary-members-zh-CN-1280");

      await page.getByTestId("language-switch").click();
      await page.getByRole("menuitem", { name: "繁體中文" }).click();
      await expect.poll(() => page.getByTestId("nav-members").textContent()).toContain("黨員名冊");
      await expect.poll(() => page.locator("[data-testid=member-table] thead").textContent()).toContain("身分證號");
      expect(await page.title()).toContain("城鄉黨建互助平台");
      await screenshot(page, "secretary-members-zh-TW-1280");

      await page.getByTestId("language-switch").click();
      await page.getByRole("menuitem", { name: "English" }).click();
      await expect.poll(() => page.getByTestId("nav-members").textContent()).toContain("Member roster");
      await expect.poll(() => page.locator("[data-testid=member-table] thead").textContent()).toContain("ID number");
      // antd's own strings follow too (the pagination's page-size selector).
      await expect.poll(() => page.locator(".ant-pagination").textContent()).toMatch(/page/i);
      await screenshot(page, "secretary-members-en-1280");

      // The choice survives a reload.
      await page.reload();
      await expect.poll(() => page.getByTestId("nav-members").textContent()).toContain("Member roster");
    });
  });

  it("gets a card list without horizontal scrolling on a 390-px phone", async () => {
    await withPage(phone, async (page) => {
      await page.goto("/login");
      await page.getByTestId("login-submit").waitFor();
      await screenshot(page, "login-390");
      await expectNoHorizontalOverflow(page);

      await login(page, "secretary");
      await page.goto("/members");
      await page.getByTestId("member-card").first().waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "secretary-members-390");

      await page.getByTestId("member-card").first().click();
      await page.getByTestId("masked-idNumber").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "secretary-member-detail-390", { fullPage: false });
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "plus" }).click();
      await page.getByTestId("member-form").waitFor();
      await screenshot(page, "secretary-member-form-390", { fullPage: false });
      await expectNoHorizontalOverflow(page);
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn").first().click();

      await page.getByTestId("menu-button").click();
      await page.getByTestId("nav-orgs").waitFor();
      await screenshot(page, "secretary-menu-390", { fullPage: false });
      await page.keyboard.press("Escape");

      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "退出登录" }).click();
      await page.waitForURL(/\/login/);
      // Signed out means signed out: the roster now sends back to the login page.
      await page.goto("/members");
      await page.waitForURL(/\/login\?next=%2Fmembers/);
    });
  });
});

describe("coordinator", () => {
  it("browses the tree and reveals a member's ID number with a reason", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.goto("/orgs");
      const tree = page.getByTestId("org-tree");
      const node = (name: string) => tree.locator(".ant-tree-treenode").filter({ hasText: name }).first();

      await node("中共武平县委员会").locator(".ant-tree-switcher").click();
      await node("中共中山镇委员会").waitFor();
      await node("中共中山镇委员会").locator(".ant-tree-switcher").click();
      await node("中共三联村支部委员会").waitFor();
      await node("中共三联村支部委员会").locator(".ant-tree-title").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe("中共三联村支部委员会");
      const detail = (await page.getByTestId("org-detail").textContent()) ?? "";
      expect(detail).toContain("党支部");
      expect(detail).toContain("农村");
      expect(detail).toContain("中共中山镇委员会"); // breadcrumb
      await screenshot(page, "coordinator-org-tree-1280");

      // Search finds an organization anywhere in the jurisdiction.
      await page.getByTestId("org-search").locator("input").fill("三联村");
      await page.getByTestId("org-search-results").getByText("中共三联村支部委员会").click();
      await page
        .locator("[data-testid=org-tree] .ant-tree-treenode-selected")
        .getByText("中共三联村支部委员会")
        .waitFor();

      await page.getByTestId("org-view-members").click();
      await page.waitForURL(/\/members\?orgId=\d+/);
      await memberRows(page).first().waitFor();
      const orgs = await page.locator("[data-testid=member-table] [data-testid=member-org]").allTextContents();
      expect(new Set(orgs)).toEqual(new Set(["中共三联村支部委员会"]));

      const name = (await memberRows(page).first().getByTestId("member-name").textContent()) ?? "";
      await memberRows(page).first().getByTestId("member-name").click();
      const masked = (await page.getByTestId("masked-idNumber").textContent()) ?? "";
      expect(masked).toMatch(/^\d{2}\*{14}\d[\dX]$/);

      await page.getByTestId("reveal-idNumber").click();
      const modal = page.locator(".ant-modal").filter({ has: page.getByTestId("reveal-reason") });
      await page.getByTestId("reveal-reason").fill("查");
      await modal.locator(".ant-modal-footer .ant-btn-primary").click();
      await modal.getByText("至少 2 个字符").waitFor();
      await page.getByTestId("reveal-reason").fill("办理组织关系转接，核对身份");
      await modal.locator(".ant-modal-footer .ant-btn-primary").click();

      const revealed = page.getByTestId("revealed-idNumber");
      await revealed.waitFor();
      const idNumber = ((await revealed.textContent()) ?? "").trim();
      expect(idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(idNumber.slice(0, 2)).toBe(masked.slice(0, 2));
      expect(idNumber.slice(-2)).toBe(masked.slice(-2));
      await screenshot(page, "coordinator-reveal-1280", { fullPage: false });
      revealedMember = { name, idNumber };
    });
  });

  it("uses the tree and detail on a 390-px phone", async () => {
    await withPage(phone, async (page) => {
      await login(page, "coordinator");
      await page.goto("/orgs");
      const tree = page.getByTestId("org-tree");
      const node = (name: string) => tree.locator(".ant-tree-treenode").filter({ hasText: name }).first();
      await node("中共武平县委员会").locator(".ant-tree-switcher").click();
      await node("中共中山镇委员会").locator(".ant-tree-switcher").click();
      await node("中共三联村支部委员会").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "coordinator-org-tree-390");
      await node("中共三联村支部委员会").locator(".ant-tree-title").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe("中共三联村支部委员会");
      await screenshot(page, "coordinator-org-detail-390", { fullPage: false });
    });
  });
});

describe("audit administrator", () => {
  it("finds the coordinator's reveal in the audit log", async () => {
    expect(revealedMember, "the coordinator's scenario must run first").toBeDefined();
    await withPage(desktop, async (page) => {
      await login(page, "auditor");
      await page.goto("/audit");
      // The audit administrator's menu has the audit log and nothing else (besides everyone's 工作台).
      await expect.poll(() => page.locator("[data-testid^=nav-]").count()).toBe(1);

      // Actions are picked by their label, not typed as codes.
      await pick(page, "audit-action", "完整个人", "查看完整个人信息");
      await page.waitForURL(/action=member\.reveal/);
      await page.getByTestId("audit-actor-filter").locator("input").fill("coordinator");
      await page.getByTestId("audit-actor-filter").locator("input").press("Enter");
      await page.waitForURL(/actor=coordinator/);
      expect(page.url()).toContain("action=member.reveal");

      // The previous page stays on screen while the filtered one loads: wait until only reveals remain.
      const actions = page.locator("[data-testid=audit-table] [data-testid=audit-action]");
      await expect
        .poll(async () => [
          ...new Set(await actions.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))),
        ])
        .toEqual(["member.reveal"]);
      const row = page.locator("[data-testid=audit-table] tbody tr.ant-table-row").first();
      expect(await row.getByTestId("audit-action").getAttribute("data-action")).toBe("member.reveal");
      expect(await row.getByTestId("audit-action").textContent()).toBe("查看完整个人信息");
      expect(await row.getByTestId("audit-actor").textContent()).toBe("coordinator");
      expect(await row.textContent()).toContain("成功");

      await row.locator(".ant-table-row-expand-icon").click();
      const expanded = page.locator("[data-testid=audit-table] tr.ant-table-expanded-row").first();
      await expect.poll(() => expanded.textContent()).toContain("办理组织关系转接，核对身份");
      // The member is named by number only: a name is personal data and stays out of the log.
      expect(await row.getByTestId("audit-target").textContent()).toMatch(/^党员 #\d+$/);
      expect(await page.getByTestId("audit-table").textContent()).not.toContain(revealedMember?.name);
      await screenshot(page, "auditor-audit-1280");
    });
    await withPage(phone, async (page) => {
      await login(page, "auditor");
      await page.goto("/audit");
      await page.locator("[data-testid=audit-table] tbody tr.ant-table-row").first().waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "auditor-audit-390");
    });
  });
});

describe("writes through the forms", () => {
  it("coordinator creates, edits, moves and dissolves an organization", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.goto("/orgs");
      await page.getByTestId("org-search").locator("input").fill("中山镇委员会");
      await page.getByTestId("org-search-results").getByText("中共中山镇委员会").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe("中共中山镇委员会");
      // The pick closes the search and opens the tree down to it.
      await page.locator("[data-testid=org-tree] .ant-tree-treenode-selected").getByText("中共中山镇委员会").waitFor();

      const name = "中共中山镇青年创业联合支部委员会";
      await page.getByRole("button", { name: "新建下级组织" }).click();
      const dialog = page.locator(".ant-modal:visible");
      await dialog.locator("#name").fill(name);
      await pick(page, "kind", "联合", "联合党支部");
      await pick(page, "category", "社会", "社会组织");
      await dialog.locator("#units").fill("武平县青年创业协会\n中山镇电商服务中心");
      await dialog.locator("#divisionCode").fill("12345");
      await dialog.locator(".ant-modal-footer .ant-btn-primary").click();
      await dialog.getByText("行政区划代码应为 6、9 或 12 位数字").waitFor();
      await dialog.locator("#divisionCode").fill("");
      await dialog.locator(".ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe(name);
      expect(await page.getByTestId("org-detail").textContent()).toContain("中山镇电商服务中心");

      await page.getByRole("button", { name: "编辑组织" }).click();
      await page.locator(".ant-modal:visible #secretaryName").fill("钟晓燕");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => page.getByTestId("org-detail").textContent()).toContain("钟晓燕");

      await page.getByRole("button", { name: "调整隶属关系" }).click();
      await pick(page, "parentId", "万安镇", "中共万安镇委员会");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      await expect
        .poll(() => page.locator("[data-testid=org-detail] .ant-breadcrumb").textContent())
        .toContain("中共万安镇委员会");
      await page.getByTestId("org-tree").getByText(name).waitFor();
      await screenshot(page, "coordinator-org-moved-1280");

      await page.getByRole("button", { name: "撤销组织" }).click();
      await page.locator(".ant-modal:visible #reason").fill("青年创业项目结束，按程序撤销");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => page.getByTestId("org-detail-name").textContent()).toBe("中共万安镇委员会");
      await expect.poll(() => page.getByTestId("org-tree").getByText(name).count()).toBe(0);
    });
  });

  it("secretary adds a member (the ID check digit is checked in the form) and edits the phone", async () => {
    const first17 = `35082419900101${String(Math.floor(Math.random() * 900) + 100)}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
    const check = "10X98765432".charAt(sum % 11);
    const wrong = check === "0" ? "1" : "0";

    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      await page.goto("/members");
      await memberRows(page).first().waitFor();
      await page.getByRole("button", { name: "新增党员" }).click();
      const form = page.getByTestId("member-form");
      await form.locator("#name").fill("钟测试");
      await form.locator("#idNumber").fill(`${first17}${wrong}`);
      await form.locator("#idNumber").blur();
      await form.getByText("身份证号校验位不正确，请核对").waitFor();
      await form.locator("#idNumber").fill(`${first17}${check}`);
      // A valid ID number fills in the birth date and gender.
      await expect.poll(() => form.locator("#birthDate").inputValue()).toBe("1990-01-01");
      await pick(page, "education", "本科", "大学本科");
      await form.locator("#joinDate").click();
      await form.locator("#joinDate").fill("2015-07-01");
      await form.locator("#joinDate").press("Enter");
      await form.locator("#phone").fill("1391234567");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      await form.getByText("请输入 11 位手机号").waitFor();
      await form.locator("#phone").fill("13912345678");
      await pick(page, "primaryOrgId", "三联村", "中共三联村支部委员会");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();

      const drawer = page.locator(".ant-drawer:visible");
      await expect.poll(() => drawer.locator(".ant-drawer-title").textContent()).toContain("钟测试");
      expect(await page.getByTestId("masked-idNumber").textContent()).toBe(
        `35${"*".repeat(14)}${first17.slice(16)}${check}`,
      );
      expect(await page.getByTestId("masked-phone").textContent()).toBe("139****5678");

      await drawer.getByRole("button", { name: "编辑" }).click();
      await page.locator(".ant-modal:visible #phone").fill("15080001234");
      await page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => page.getByTestId("masked-phone").textContent()).toBe("150****1234");
      // The roster shows the birth year only; the full date is an audited reveal, like the ID number.
      const age = new Date().getFullYear() - 1990;
      expect(await page.getByTestId("masked-birthDate").textContent()).toBe(`1990 年生（今年 ${age} 岁）`);
      await page.getByTestId("reveal-birthDate").click();
      await page.getByTestId("reveal-reason").fill("核对出生日期");
      await page
        .locator(".ant-modal:visible")
        .filter({ has: page.getByTestId("reveal-reason") })
        .locator(".ant-modal-footer .ant-btn-primary")
        .click();
      await expect.poll(() => page.getByTestId("revealed-birthDate").textContent()).toBe("1990-01-01");
      await screenshot(page, "secretary-member-created-1280", { fullPage: false });
    });
  });
});
