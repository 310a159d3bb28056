import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../artifacts");

/** Debian's Chromium, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export function newContext(
  browser: Browser,
  viewport: { width: number; height: number } = desktop,
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: inject("baseUrl"),
    viewport,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
}

/** Signs in through the login page and waits for the app shell. Demo accounts share one password. */
export async function login(page: Page, username: string, password: string = inject("demoPassword")): Promise<void> {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByTestId("user-menu").waitFor();
}

/**
 * Waits (up to 3 s) until no finite CSS animation or transition is running: drawers and modals
 * slide in. Endless ones (spinners, a focused control's glow) are not waited for.
 */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
}

/**
 * Saves e2e/artifacts/<name>.png once the page has settled. Whole pages by default; `fullPage: false`
 * for drawers and dialogs, which cover only the viewport.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await settle(page);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/** Signed-in user as the API sees it (through the page's own session cookie). */
export function fetchMe(page: Page): Promise<{ user: { displayName: string }; roles: { orgName: string | null }[] }> {
  return page.evaluate(async () => {
    const response = await fetch("/api/me", { credentials: "same-origin" });
    return response.json();
  });
}

/**
 * One browser for a spec file (launched before its scenarios, closed after), and `withPage`, which
 * runs a scenario in a fresh context (own cookies and storage) at the given viewport.
 */
export function browserScenarios(): {
  withPage: <T>(viewport: { width: number; height: number }, fn: (page: Page) => Promise<T>) => Promise<T>;
} {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function withPage<T>(viewport: { width: number; height: number }, fn: (page: Page) => Promise<T>): Promise<T> {
    if (!browser) throw new Error("e2e: the browser is not running (withPage outside a test?)");
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    // Any uncaught error in the page fails the scenario, even when the screen looked right.
    const pageErrors: Error[] = [];
    page.on("pageerror", (error) => pageErrors.push(error));
    try {
      const result = await fn(page);
      expect(pageErrors.map((e) => e.message)).toEqual([]);
      return result;
    } catch (error) {
      // What the page looked like when the scenario failed, for the person reading the failure.
      await screenshot(page, `FAILED-${expect.getState().currentTestName?.replace(/\W+/g, "-") ?? "scenario"}`, {
        fullPage: false,
      }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }
  return { withPage };
}

/**
 * No horizontal scrolling on a phone: nothing is wider than the screen. Compared with the emulated
 * screen width, because a mobile layout viewport grows to fit overflowing content.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const screenWidth = page.viewportSize()?.width ?? 0;
  const scrollWidth = await page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
  expect(scrollWidth).toBeLessThanOrEqual(screenWidth);
}

/**
 * Picks an option of an antd Select (or an organization picker) by typing part of its text. Pickers
 * that search on the server take the typed text; short fixed lists are not searchable.
 */
export async function pick(page: Page, field: string, search: string, option: string): Promise<void> {
  const input = page.locator(`#${field}`);
  await input.waitFor();
  // A dialog that is still zooming in moves its fields under the pointer.
  await settle(page);
  await input.click();
  if (await input.isEditable()) await input.fill(search);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: option })
    .first()
    .click();
}

/** The menu entries the signed-in user sees, in order. */
export function menuLabels(page: Page): Promise<string[]> {
  return page.locator("[data-testid^=nav-]").allTextContents();
}
