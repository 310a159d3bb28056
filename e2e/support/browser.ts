import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

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

/** Signs in through the login page and waits for the app shell. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(inject("demoPassword"));
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
