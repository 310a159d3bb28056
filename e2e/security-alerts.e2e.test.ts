/**
 * The security administrator's alerts in a real browser (issue 6, hole 9): a secretary is told
 * five times that an ID number is already used, the sixth attempt is refused (429) with a message
 * in the user's language, and `secadmin` finds the alert under 安全告警 and acknowledges it.
 * Screenshots at 1280 and 390 px go to e2e/artifacts/.
 */
import { describe, expect, it } from "vitest";
import {
  browserScenarios,
  desktop,
  expectNoHorizontalOverflow,
  login,
  menuLabels,
  phone,
  screenshot,
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** A valid GB 11643 number born 1990-01-01 (sequence chosen at random, odd: a man). */
function idNumber(): string {
  const first17 = `35082419900101${String(Math.floor(Math.random() * 450) * 2 + 101).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + "10X98765432".charAt(sum % 11);
}

describe("security alerts (安全告警)", () => {
  it("a secretary who keeps entering numbers already in use is stopped, and the alert is acknowledged", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "secretary");
      // Through the page's own session, as the member form would send it.
      const statuses = await page.evaluate(async (id: string) => {
        const me = (await (await fetch("/api/me")).json()) as { csrfToken: string; roles: { orgId: number | null }[] };
        const body = {
          name: "钟重复",
          gender: "male",
          ethnicity: "汉族",
          birthDate: "1990-01-01",
          idNumber: id,
          education: "bachelor",
          joinDate: "2015-07-01",
          status: "full",
          primaryOrgId: me.roles[0]?.orgId,
        };
        const out: Array<{ status: number; message: string }> = [];
        for (let i = 0; i < 7; i++) {
          const res = await fetch("/api/members", {
            method: "POST",
            headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as { error?: { message: string } };
          out.push({ status: res.status, message: json.error?.message ?? "" });
        }
        return out;
      }, idNumber());
      expect(statuses.map((s) => s.status)).toEqual([201, 409, 409, 409, 409, 409, 429]);
      expect(statuses[6]?.message).toContain("分钟后再试");
    });

    await withPage(desktop, async (page) => {
      await login(page, "secadmin");
      expect(await menuLabels(page)).toContain("安全告警");
      await page.getByTestId("nav-alerts").click();
      await page.waitForURL(/\/security\/alerts/);
      const row = page.locator("[data-testid=alert-table] tbody tr.ant-table-row").first();
      await expect.poll(() => row.getByTestId("alert-kind").textContent()).toBe("反复试探身份证号");
      expect(await row.textContent()).toContain("5 次填写已被他人使用的身份证号");
      await screenshot(page, "secadmin-alerts-1280");
      await row.getByTestId("alert-acknowledge").click();
      await expect.poll(() => row.textContent()).toContain("确认");
      await expect.poll(() => row.getByTestId("alert-acknowledge").count()).toBe(0);
    });

    await withPage(phone, async (page) => {
      await login(page, "secadmin");
      await page.goto("/security/alerts?open=true");
      await page.getByTestId("alert-table").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "secadmin-alerts-390");
    });
  });

  it("is not in anyone else's menu", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      expect(await menuLabels(page)).not.toContain("安全告警");
      await page.goto("/security/alerts");
      await expect.poll(() => page.getByTestId("alert-table").count()).toBe(0);
    });
  });
});
