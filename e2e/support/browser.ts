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
/** The narrowest common phone (iPhone SE/mini class): pages must hold at this width too. */
export const narrowPhone = { width: 375, height: 812 };

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

/**
 * Signs in through the login page and waits for the app shell. Demo accounts share one password.
 * Every role lands on its home page (工作台); a test opens the page it is about from there.
 */
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
  const chosen = page.locator(".ant-select", { has: input }).locator(".ant-select-selection-item", { hasText: option });
  // Twice at most: on a loaded machine a form that re-renders (the ID number filling in the birth
  // date) can swallow the first choice, which then shows as an empty field.
  for (let attempt = 0; attempt < 2; attempt++) {
    await input.click();
    if (await input.isEditable()) await input.fill(search);
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: option })
      .first()
      .click();
    if (
      await chosen.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
}

/** The menu entries the signed-in user sees, in order. */
/** A branch secretary's menu (after everyone's 工作台): the roster's pages, mutual help's, shared venues' and their pairings. */
export const secretaryMenu = [
  "组织架构",
  "党员名册",
  "数据导入",
  "需求大厅",
  "我的需求",
  "帮扶项目",
  "资源清单",
  "阵地共享",
  "我的预约",
  "远程教育",
  "组织关系转接",
  "流动党员",
  "双报到",
  "生活困难党员",
  "志愿服务",
  "干部交流",
  "结对帮扶",
];

export function menuLabels(page: Page): Promise<string[]> {
  return page.locator("[data-testid^=nav-]").allTextContents();
}

/**
 * Text that fails WCAG 2.1 AA contrast (4.5:1, or 3:1 for large text) inside `selector`, as
 * "text — ratio", in the page's resting state (the pointer moved away, transitions finished).
 * Colours are composited over the ancestors' backgrounds; disabled controls (exempt under WCAG)
 * and text over images or gradients (not measurable this way) are skipped.
 */
export async function contrastProblems(page: Page, selector = "body"): Promise<string[]> {
  await page.mouse.move(0, 0);
  await settle(page);
  return page.evaluate((sel) => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(value);
      if (!m?.[1]) return null;
      const p = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = (c: Rgba) => {
      const [r, g, b] = [c[0], c[1], c[2]].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    /** The opaque colour behind an element, or null when an image or gradient is in the way. */
    const background = (element: Element): Rgba | null => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.backgroundImage !== "none") return null;
        const colour = parse(style.backgroundColor);
        if (colour && colour[3] > 0) {
          layers.push(colour);
          if (colour[3] >= 1) break;
        }
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const disabled = "[disabled], [aria-disabled=true], .ant-btn-disabled, .ant-checkbox-wrapper-disabled";
    const problems: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      for (const element of [root, ...Array.from(root.querySelectorAll("*"))]) {
        const text = Array.from(element.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? "")
          .join("")
          .trim();
        if (!text || !(element instanceof HTMLElement) || element.closest(disabled)) continue;
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
        const bg = background(element);
        const fg = parse(style.color);
        if (!bg || !fg) continue;
        const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
        const ratio = ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) problems.push(`${text.slice(0, 40)} — ${ratio.toFixed(2)}`);
      }
    }
    return problems;
  }, selector);
}
