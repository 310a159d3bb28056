/// <reference lib="dom" />
/**
 * Largest contentful paint of the pages a village secretary opens on a phone over a weak link
 * (issue 10's benchmark point: a course page and the booking calendar within 2.5 s on a throttled
 * slow-4G profile in Chromium), side by side with a bare HTML page served under the same throttling
 * (the network's own floor), so the figure reads as a ratio on this shared, noisy machine.
 *
 *   node --import tsx bench/page-load/run.ts [--samples 5]
 *
 * Builds apps/web when stale, starts the real server (e2e/support/server.ts: fresh data folder,
 * demo county), signs in once as the village secretary, then for each sample opens a new browser
 * context (empty HTTP cache: the first visit, the worst case) with the session cookie and loads the
 * page under DevTools' "Slow 4G" preset — 562.5 ms latency, 1.47 Mbit/s down, 675 kbit/s up — and
 * 4× CPU slowdown (what Lighthouse applies for a mid-range phone). LCP is read from the page's own
 * PerformanceObserver once the network has been idle for 500 ms.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import { startServer } from "../../e2e/support/server.ts";
import { buildWebIfStale } from "../../scripts/lib.mjs";
import { percentile } from "../foundation/databases.ts";

const samplesArg = process.argv.indexOf("--samples");
const samples = samplesArg >= 0 ? Number(process.argv[samplesArg + 1]) : 5;
const password = "Bench-Huzhu-2024!";
const secretary = "s350824101201";

/** DevTools' "Slow 4G" preset and Lighthouse's mobile CPU slowdown. */
const SLOW_4G = { latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

async function lcpOf(browser: Browser, url: string, storageState?: Awaited<ReturnType<typeof sessionState>>) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW_4G });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: { time: number; what: string } };
    w.__lcp = { time: 0, what: "" };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { element?: Element }>) {
        w.__lcp = {
          time: e.startTime,
          what: e.element ? `${e.element.tagName} ${e.element.textContent?.slice(0, 30)}` : "",
        };
      }
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto(url, { waitUntil: "load", timeout: 60_000 });
  await page.waitForLoadState("networkidle", { timeout: 60_000 });
  const lcp = await page.evaluate(() => (window as unknown as { __lcp: { time: number; what: string } }).__lcp);
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .concat(performance.getEntriesByType("navigation"))
      .reduce((sum, e) => sum + ((e as PerformanceResourceTiming).transferSize || 0), 0),
  );
  await context.close();
  return { ...lcp, bytes };
}

async function sessionState(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#username").fill(secretary);
  await page.locator("#password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const state = await context.storageState();
  await context.close();
  return state;
}

if ((await buildWebIfStale()) !== 0) throw new Error("building the web app failed");
const server = await startServer(password);
// The reference: one heading in a bare HTML page, through the same throttled network.
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>参照</title><h1>课程学习</h1></html>');
});
await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  const state = await sessionState(browser, server.baseUrl);
  const api = async (path: string) => {
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ items: Array<{ id: number; name?: string; title?: string }> }>;
  };
  const course = (await api("/api/courses?pageSize=1")).items[0];
  const venue = (await api("/api/venues?pageSize=1&bookable=true")).items[0];
  if (!course || !venue) throw new Error("the demo county has no course or no bookable venue for the village");
  const pages: Array<[string, string]> = [
    ["bare HTML page (reference)", bareUrl],
    [`course page /courses/${course.id}`, `${server.baseUrl}/courses/${course.id}`],
    [`booking calendar /venues/${venue.id}`, `${server.baseUrl}/venues/${venue.id}`],
    ["my bookings' calendar /bookings", `${server.baseUrl}/bookings`],
  ];
  const rows: Array<{ label: string; p50: number; max: number; bytes: number; what: string }> = [];
  for (const [label, url] of pages) {
    const runs = [];
    for (let i = 0; i < samples; i++) runs.push(await lcpOf(browser, url, url === bareUrl ? undefined : state));
    const times = runs.map((r) => r.time).sort((a, b) => a - b);
    rows.push({
      label,
      p50: percentile(times, 50),
      max: times.at(-1) as number,
      bytes: runs[0]?.bytes ?? 0,
      what: runs.at(-1)?.what ?? "",
    });
    console.log(
      `${label}: LCP ${times.map((t) => t.toFixed(0)).join(", ")} ms; ${runs[0]?.bytes} bytes; ${runs.at(-1)?.what}`,
    );
  }
  const reference = rows[0]?.p50 ?? 1;
  console.log(`\nSlow 4G (562.5 ms, 1.47 Mbit/s), CPU ×${CPU_SLOWDOWN}, 390 px, empty cache, ${samples} loads each:`);
  console.log("| page | LCP p50 | LCP max | ÷ bare page | transferred | target |\n|---|---|---|---|---|---|");
  for (const r of rows) {
    const target = r.label.startsWith("bare") ? "" : r.max < 2500 ? "< 2.5 s: **met**" : "< 2.5 s: **missed**";
    console.log(
      `| ${r.label} | ${(r.p50 / 1000).toFixed(2)} s | ${(r.max / 1000).toFixed(2)} s | ${(r.p50 / reference).toFixed(1)}× | ${(r.bytes / 1024).toFixed(0)} KiB | ${target} |`,
    );
  }
} finally {
  await browser.close();
  bare.close();
  await server.stop();
}
