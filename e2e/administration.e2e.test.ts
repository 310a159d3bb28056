/**
 * Acceptance of account and role administration (三权分立) in a real browser: the system
 * administrator creates an account (the form refuses a weak password before anything is sent),
 * renames, disables and enables it, and resets its password on a phone; the security administrator grants it the secretary role of a
 * village branch, grants and withdraws a second role on a phone, and is refused a second
 * administrator role for the auditor (separation of duties); the new account then signs in and
 * (after replacing the one-time password the reset gave it) sees only that branch's members; the
 * auditor finds the role grant in the audit log.
 * Screenshots at 1280 and 390 px go to e2e/artifacts/.
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
  secretaryMenu,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** The account the scenarios create; typed with capitals, stored in lower case. */
const typedUsername = "Lin.XiaoYu";
const username = "lin.xiaoyu";
const displayName = "林晓雨";
const firstPassword = "Sanlian-Branch-2025";
/** Set by the system administrator's reset on a phone; the new account signs in with it. */
const resetPassword = "Lxy-Reset-2025!";
/** Chosen by the new account itself at its first sign-in after the reset. */
const ownPassword = "Sanlian-Own-2025!";
const branch = "中共三联村支部委员会";

const weakPasswordMessage = "至少 10 位，且包含大写字母、小写字母、数字、符号中的三类";
const separationMessage = "三员分立：管理员账号不能再兼任任何其他角色（包括另一种管理员和能查看党员信息的角色）";

const userRows = (page: Page) => page.locator("[data-testid=user-table] tbody tr.ant-table-row");
const userRow = (page: Page, name: string) =>
  userRows(page).filter({ has: page.getByTestId("user-username").getByText(name, { exact: true }) });
const userCard = (page: Page, name: string) => page.locator(`[data-testid=user-card][data-username="${name}"]`);
const dialog = (page: Page) => page.locator(".ant-modal:visible");

/**
 * Searches the account list and waits for the answer to be on screen: while a list loads, a
 * spinner covers it and would swallow the next click.
 */
async function searchUsers(page: Page, q: string): Promise<void> {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === "/api/users" && url.searchParams.get("q") === q;
  });
  await page.getByTestId("user-search").locator("input").fill(q);
  await page.getByTestId("user-search").locator("input").press("Enter");
  expect((await answered).status()).toBe(200);
  await expect.poll(() => page.locator(".ant-spin-spinning").count()).toBe(0);
}

describe("each administrator has their own page and no other", () => {
  it("system administrator: accounts; security administrator: roles", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "sysadmin");
      await page.goto("/accounts");
      await expect.poll(() => menuLabels(page)).toEqual(["账号管理"]);
      await page.goto("/roles");
      await page.locator(".ant-result-403").waitFor();
    });
    await withPage(desktop, async (page) => {
      await login(page, "secadmin");
      await page.goto("/roles");
      // Roles, and the security alerts (sign-in attacks, ID-number probing) that are his to act on.
      await expect.poll(() => menuLabels(page)).toEqual(["角色授权", "安全告警"]);
      await page.goto("/accounts");
      await page.locator(".ant-result-403").waitFor();
    });
  });
});

describe("system administrator", () => {
  it("creates an account; the form shows a weak password's error before sending anything", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "sysadmin");
      await page.goto("/accounts");
      await userRows(page).first().waitFor();
      // Nobody may disable their own account: the button is off on one's own row.
      await searchUsers(page, "sysadmin");
      await expect.poll(() => userRow(page, "sysadmin").getByTestId("account-disable").isDisabled()).toBe(true);

      const posts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && new URL(r.url()).pathname === "/api/users") posts.push(r.url());
      });
      await page.getByTestId("account-create").click();
      const form = page.getByTestId("account-form");
      await form.locator("#username").fill(typedUsername);
      expect(await form.locator("#username").inputValue()).toBe(username);
      await form.locator("#displayName").fill(displayName);
      await form.locator("#password").fill("abc12345");
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await form.getByText(weakPasswordMessage).waitFor();
      // Long enough but only two kinds of characters: still weak.
      await form.locator("#password").fill("abcdefghijkl1");
      await form.getByText(weakPasswordMessage).waitFor();
      expect(posts).toEqual([]);
      await screenshot(page, "sysadmin-account-weak-password-1280", { fullPage: false });

      await form.locator("#password").fill(firstPassword);
      await expect.poll(() => form.getByText(weakPasswordMessage).count()).toBe(0);
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(posts).toHaveLength(1);

      // The list now shows the new account: active, no roles yet.
      await page.waitForURL(new RegExp(`q=${username.replace(".", "\\.")}`));
      const row = userRow(page, username);
      await row.waitFor();
      expect(await row.getByTestId("user-display-name").textContent()).toBe(displayName);
      expect(await row.getByTestId("user-status").textContent()).toBe("正常");
      expect(await row.textContent()).toContain("未授予角色");
      await screenshot(page, "sysadmin-accounts-1280");
    });
  });

  it("renames, disables and enables an account, confirming the disable first", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "sysadmin");
      await page.goto("/accounts");
      await searchUsers(page, username);
      const row = userRow(page, username);

      await row.getByTestId("account-edit").click();
      const form = page.getByTestId("account-form");
      expect(await form.locator("#username").isDisabled()).toBe(true);
      await form.locator("#displayName").fill("");
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await form.getByText("请填写此项").waitFor();
      await form.locator("#displayName").fill(`${displayName}（三联村）`);
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => row.getByTestId("user-display-name").textContent()).toBe(`${displayName}（三联村）`);
      // And back, so the later scenarios find the name they expect.
      await row.getByTestId("account-edit").click();
      await form.locator("#displayName").fill(displayName);
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => row.getByTestId("user-display-name").textContent()).toBe(displayName);

      await row.getByTestId("account-disable").click();
      const confirm = page.locator(".ant-modal-confirm:visible");
      await confirm.getByText(`停用后“${displayName}”会立即退出登录`, { exact: false }).waitFor();
      await screenshot(page, "sysadmin-disable-confirm-1280", { fullPage: false });
      await confirm.locator(".ant-btn-dangerous").click();
      await expect.poll(() => row.getByTestId("user-status").textContent()).toBe("已停用");
      await row.getByTestId("account-enable").click();
      await page.locator(".ant-modal-confirm:visible .ant-btn-primary").click();
      await expect.poll(() => row.getByTestId("user-status").textContent()).toBe("正常");
    });
  });

  it("works on a 390-px phone: account cards, and a password reset", async () => {
    await withPage(phone, async (page) => {
      await login(page, "sysadmin");
      await page.goto("/accounts");
      await page.getByTestId("user-card").first().waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "sysadmin-accounts-390");

      await searchUsers(page, username);
      const card = userCard(page, username);
      await card.waitFor();
      await expect.poll(() => page.getByTestId("user-card").count()).toBe(1);
      await card.getByTestId("account-password").click();
      const form = page.getByTestId("reset-password-form");
      await form.waitFor();
      // The generator gives a password that passes the rule, shown so it can be handed over.
      await form.getByTestId("generate-password").click();
      const generated = await form.locator("#password").inputValue();
      expect(generated).toHaveLength(14);
      expect(await form.locator("#password").getAttribute("type")).toBe("text");
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "sysadmin-reset-password-390", { fullPage: false });

      await form.locator("#password").fill(resetPassword);
      const response = page.waitForResponse((r) => r.url().includes("/api/users/") && r.request().method() === "PATCH");
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      expect((await response).status()).toBe(200);
      await expect.poll(() => dialog(page).count()).toBe(0);

      // In English the card's actions still fit the phone's width.
      await page.getByTestId("language-switch").click();
      await page.getByRole("menuitem", { name: "English" }).click();
      await expect.poll(() => card.getByTestId("account-password").textContent()).toBe("Reset password");
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "sysadmin-accounts-en-390");
    });
  });
});

describe("security administrator", () => {
  it("grants the new account the secretary role of a village branch", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secadmin");
      await page.goto("/roles");
      await userRows(page).first().waitFor();
      await searchUsers(page, username);
      const row = userRow(page, username);
      await row.getByTestId("role-grant").click();
      const form = page.getByTestId("grant-role-form");
      await pick(page, "role", "", "书记");
      // The security administrator reads no organization tree: the picker looks organizations up by name.
      await pick(page, "orgId", "三联村", branch);
      await screenshot(page, "secadmin-grant-role-1280", { fullPage: false });
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expect.poll(() => row.getByTestId("role-assignment-label").allTextContents()).toEqual([`书记 · ${branch}`]);
      expect(await form.count()).toBe(0);
      await screenshot(page, "secadmin-roles-1280");
    });
  });

  it("is refused a second administrator role for the auditor, with the server's message", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secadmin");
      await page.goto("/roles");
      await searchUsers(page, "auditor");
      const row = userRow(page, "auditor");
      await row.getByTestId("role-grant").click();
      await pick(page, "role", "", "系统管理员");
      // Administrator roles take no organization.
      await expect.poll(() => dialog(page).locator("#orgId").count()).toBe(0);
      const response = page.waitForResponse((r) => r.url().endsWith("/roles") && r.request().method() === "POST");
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      const refused = await response;
      expect(refused.status()).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("role.separationOfDuties");
      await expect.poll(() => dialog(page).getByTestId("grant-refusal").textContent()).toContain(separationMessage);
      await screenshot(page, "secadmin-separation-of-duties-1280", { fullPage: false });

      await dialog(page).locator(".ant-modal-footer .ant-btn").first().click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await row.getByTestId("role-assignment-label").allTextContents()).toEqual(["审计管理员"]);
    });
  });

  it("grants and withdraws a role on a 390-px phone, after confirming", async () => {
    await withPage(phone, async (page) => {
      await login(page, "secadmin");
      await page.goto("/roles");
      await page.getByTestId("user-card").first().waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "secadmin-roles-390");

      await searchUsers(page, username);
      const card = userCard(page, username);
      await card.getByTestId("role-grant").click();
      await pick(page, "role", "", "联点领导");
      await pick(page, "orgId", "三联村", branch);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "secadmin-grant-role-390", { fullPage: false });
      await dialog(page).locator(".ant-modal-footer .ant-btn-primary").click();
      const labels = card.getByTestId("role-assignment-label");
      await expect.poll(() => labels.allTextContents()).toEqual([`书记 · ${branch}`, `联点领导 · ${branch}`]);

      await card.getByTestId("role-assignment").filter({ hasText: "联点领导" }).getByTestId("role-withdraw").click();
      const confirm = page.locator(".ant-modal-confirm:visible");
      await confirm.getByText(`确定收回“${displayName}”的“联点领导 · ${branch}”角色吗？`, { exact: false }).waitFor();
      await screenshot(page, "secadmin-withdraw-confirm-390", { fullPage: false });
      await confirm.locator(".ant-btn-dangerous").click();
      await expect.poll(() => labels.allTextContents()).toEqual([`书记 · ${branch}`]);
      await expectNoHorizontalOverflow(page);
    });
  });
});

describe("the new account", () => {
  it("signs in with the reset password, chooses its own, and sees only its branch's members", async () => {
    await withPage(desktop, async (page) => {
      // A password set by the system administrator is a one-time password: a new one comes first.
      await page.goto("/login");
      await page.locator("#username").fill(username);
      await page.locator("#password").fill(resetPassword);
      await page.getByTestId("login-submit").click();
      const form = page.getByTestId("change-password-form");
      await form.locator("#currentPassword").fill(resetPassword);
      await form.locator("#newPassword").fill(ownPassword);
      await form.locator("#confirmPassword").fill(ownPassword);
      await form.getByTestId("change-password-submit").click();
      await page.getByTestId("user-menu").waitFor();
      const me = await fetchMe(page);
      expect(me.user.displayName).toBe(displayName);
      expect(me.roles.map((r) => r.orgName)).toEqual([branch]);
      await expect.poll(() => menuLabels(page)).toEqual(secretaryMenu);

      await page.goto("/members?pageSize=100");
      await page.locator("[data-testid=member-table] tbody tr.ant-table-row").first().waitFor();
      const orgs = await page.locator("[data-testid=member-table] [data-testid=member-org]").allTextContents();
      expect(orgs.length).toBeGreaterThan(0);
      expect(new Set(orgs)).toEqual(new Set([branch]));
      const total = Number((await page.getByTestId("member-total").textContent())?.replace(/\D/g, ""));
      if (total <= 100) expect(orgs.length).toBe(total);
      await screenshot(page, "new-secretary-members-1280");
    });
  });
});

describe("audit administrator", () => {
  it("finds the role grant, labelled, in the audit log", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "auditor");
      await page.goto("/audit");
      await pick(page, "audit-action", "分配", "分配角色");
      await page.waitForURL(/action=role\.assign/);
      const actions = page.locator("[data-testid=audit-table] [data-testid=audit-action]");
      await expect
        .poll(async () => [
          ...new Set(await actions.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))),
        ])
        .toEqual(["role.assign"]);
      // Newest first: the leader role granted on the phone, then the secretary role.
      const rows = page.locator("[data-testid=audit-table] tbody tr.ant-table-row");
      expect(await rows.first().getByTestId("audit-action").textContent()).toBe("分配角色");
      expect(await rows.first().getByTestId("audit-actor").textContent()).toBe("secadmin");
      const secretaryGrant = rows.filter({ hasText: "书记" }).first();
      await secretaryGrant.locator(".ant-table-row-expand-icon").click();
      const expanded = page.locator("[data-testid=audit-table] tr.ant-table-expanded-row").first();
      await expect.poll(() => expanded.textContent()).toContain("书记");
      expect(await expanded.textContent()).toContain("角色");
      await screenshot(page, "auditor-role-assign-1280");
    });
  });
});
