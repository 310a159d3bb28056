/**
 * Issue 9's acceptance flow in a real browser: the county coordinator creates a pairing round over
 * one town (湘店镇, which no other spec's accounts belong to), sees the candidate preview, runs it
 * and watches the job's progress bar reach the result (coverage, pairs with explanations in words),
 * downloads the problem (huzhu.pairing.v1), locks one pair, runs again (the lock holds, the
 * previous figures beside the new), and publishes after a confirmation; a village secretary of
 * one of the recipients then sees the new pairing on the 工作台, opens it and downloads its
 * agreement, whose text (extracted with pdfjs-dist) is Chinese. Screenshots go to e2e/artifacts/.
 */
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
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
} from "./support/browser.ts";

const { withPage } = browserScenarios();

/** The town the round is over: its villages are nobody else's in the browser tests. */
const townSearch = "湘店";
const townName = "中共湘店镇委员会";
const run = Date.now().toString(36).slice(-5);
const roundName = `湘店镇城乡结对（${run}）`;

/** What the coordinator's scenario leaves for the village's: the round, the locked pair and who to sign in as. */
let roundId: number | undefined;
let locked: { helper: string; recipient: string; recipientId: number } | undefined;
let villageAccount: string | undefined;

/** pdfjs-dist 6 expects Node 22's Promise.withResolvers; Node 20 may run the tests. */
function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
const promises = Promise as unknown as { withResolvers?: typeof withResolvers };
promises.withResolvers ??= withResolvers;

/** The text of a PDF as copy and paste gives it (through the fonts' ToUnicode maps). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: bytes, useSystemFonts: false });
  const pdf = await task.promise;
  let text = "";
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  await task.destroy();
  return text;
}

/** The signed-in page's own API (same session cookie). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Runs the round from its page and waits for the progress bar to reach the result. */
async function runAndWait(page: Page): Promise<void> {
  const started = page.waitForResponse(
    (r) => new URL(r.url()).pathname === `/api/pairing-rounds/${roundId}/run` && r.request().method() === "POST",
  );
  await page.getByTestId("round-run-button").click();
  const answer = await started;
  expect(answer.status()).toBe(202);
  const { jobId } = (await answer.json()) as { jobId: string };
  // The kernel's job, followed by this run's progress bar until it is done.
  const bar = page.locator(`[data-testid=round-run][data-job="${jobId}"]`);
  await bar.getByTestId("round-progress").waitFor();
  await expect.poll(() => bar.getByTestId("round-progress").getAttribute("data-status")).toBe("succeeded");
  expect(await bar.getAttribute("data-percent")).toBe("100");
  expect(await bar.getByTestId("round-progress-message").textContent()).toBe("已完成");
  const job = await apiGet<{ id: string; kind: string; status: string }>(page, `/api/jobs/${jobId}`);
  expect(job).toMatchObject({ kind: "pairing.round_run", status: "succeeded" });
  await page.getByTestId("round-result").waitFor();
}

describe("pairing rounds: create, run, lock, run again, publish; the village's pairing and agreement", () => {
  it("the county coordinator creates a round over a town, runs it, locks a pair, runs again and publishes", async () => {
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.getByTestId("nav-rounds").click();
      await page.waitForURL(/\/pairing-rounds$/);
      await page.getByTestId("round-new").click();
      await page.getByTestId("round-form").waitFor();
      // The jurisdiction is the coordinator's own county by default; this round is one town's.
      await expect.poll(() => page.getByTestId("round-org").textContent()).toContain("中共武平县委员会");
      // Creating without a name names the field.
      await page.getByTestId("round-create").click();
      await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThan(0);
      await pick(page, "orgId", townSearch, townName);
      await expect.poll(() => page.getByTestId("round-org").textContent()).toContain(townName);
      await page.getByTestId("round-name-input").fill(roundName);
      await page.getByTestId("round-create").click();
      await page.waitForURL(/\/pairing-rounds\/\d+$/);
      roundId = Number(new URL(page.url()).pathname.split("/").pop());
      await expect.poll(() => page.getByTestId("round-name").textContent()).toBe(roundName);
      expect(await page.getByTestId("round-status").textContent()).toBe("草稿");

      // The preview: the candidate set's size before solving, in figures and in words.
      const candidates = page.getByTestId("preview-candidates");
      await candidates.waitFor();
      expect(Number(await candidates.getAttribute("data-value"))).toBeGreaterThan(0);
      expect(await page.getByTestId("preview-words").textContent()).toMatch(/当前参数下有 \d+ 个候选结对/);
      await page.getByTestId("round-not-run").waitFor();
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "pairing-round-preview-1280");

      // Run: the job's progress bar reaches the result.
      await runAndWait(page);
      expect(await page.getByTestId("round-status").textContent()).toBe("已求解");
      const coverage = page.getByTestId("coverage-words");
      expect(await coverage.textContent()).toMatch(/覆盖 \d+ \/ \d+ 个受援组织（\d+%）/);
      const pairs = page.getByTestId("round-pair");
      await expect.poll(() => pairs.count()).toBeGreaterThan(0);
      // Each pair says why in words (the factors and the solver's reason).
      expect(await pairs.first().getByTestId("pair-explanation").textContent()).toMatch(/组织树上相距|得分最高|备选/);
      await screenshot(page, "pairing-round-result-1280");

      // The graph (ECharts, its own chunk) draws the pairs grouped by town.
      await page.getByRole("tab", { name: "关系图" }).click();
      const graph = page.getByTestId("round-graph");
      await graph.waitFor();
      await expect.poll(() => graph.locator("canvas").count()).toBeGreaterThan(0);
      expect(await graph.getAttribute("aria-label")).toMatch(/结对关系图：\d+ 对结对，按 \d+ 个乡镇分组/);
      await page.getByRole("tab", { name: /结对名单/ }).click();

      // The problem document, for anyone to solve and check on their own.
      const download = page.waitForEvent("download");
      await page.getByTestId("round-problem").click();
      const problem = JSON.parse(fs.readFileSync(await (await download).path(), "utf8")) as {
        format: string;
        recipients: unknown[];
        candidates: unknown[];
      };
      expect(problem.format).toBe("huzhu.pairing.v1");
      expect(problem.candidates.length).toBe(Number(await candidates.getAttribute("data-value")));

      // Lock the first pair: the round is solved again at once and the pair is marked.
      const first = pairs.first();
      const key = (await first.getAttribute("data-pair")) as string;
      locked = {
        helper: (await first.getByTestId("pair-helper").textContent()) as string,
        recipient: (await first.getByTestId("pair-recipient").textContent()) as string,
        recipientId: Number(key.split(":")[1]),
      };
      await first.getByTestId("pair-lock").click();
      const lockedPair = page.locator(`[data-testid=round-pair][data-pair="${key}"]`);
      await expect.poll(() => lockedPair.getAttribute("data-locked")).toBe("true");
      expect(await lockedPair.getByTestId("pair-locked").textContent()).toBe("已锁定");
      // The figures before the edit stand beside the new ones.
      await page.getByTestId("coverage-covered-previous").waitFor();

      // Run again: the lock is kept with the round.
      await runAndWait(page);
      await expect.poll(() => lockedPair.getAttribute("data-locked")).toBe("true");
      const result = await apiGet<{ locks: unknown[]; pairs: { recipientOrg: { id: number }; locked: boolean }[] }>(
        page,
        `/api/pairing-rounds/${roundId}/result`,
      );
      expect(result.locks).toHaveLength(1);
      expect(result.pairs.filter((p) => p.locked).map((p) => p.recipientOrg.id)).toEqual([locked.recipientId]);

      // Publish, after a confirmation.
      await page.getByTestId("round-publish").click();
      await page.getByTestId("publish-confirm").click();
      await page.getByTestId("round-published").waitFor();
      expect(await page.getByTestId("round-status").textContent()).toBe("已发布");
      expect(await page.getByTestId("round-run-button").count()).toBe(0);
      await screenshot(page, "pairing-round-published-1280");

      // The locked pair's recipient is a village whose secretary signs in as "s" + its 12-digit code.
      const village = await apiGet<{ divisionCode: string }>(page, `/api/orgs/${locked.recipientId}`);
      expect(village.divisionCode).toMatch(/^\d{12}$/);
      villageAccount = `s${village.divisionCode}`;

      // The round's pairings are listed under 结对帮扶.
      await page.getByTestId("round-pairings-link").click();
      await page.waitForURL(/\/pairings\?roundId=/);
      await expect.poll(() => page.getByTestId("pairing-card").count()).toBe(result.pairs.length);
    });
  });

  it("the round's page fits a 390 px phone", async () => {
    expect(roundId, "the coordinator's scenario must run first").toBeDefined();
    await withPage(phone, async (page) => {
      await login(page, "coordinator");
      await page.goto(`/pairing-rounds/${roundId}`);
      await page.getByTestId("round-result").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "pairing-round-390");
    });
  });

  it("the coordinator forms a joint branch (联建) from the locked pair's new pairing", async () => {
    expect(roundId, "the coordinator's scenario must run first").toBeDefined();
    const pair = locked as NonNullable<typeof locked>;
    await withPage(desktop, async (page) => {
      await login(page, "coordinator");
      await page.goto(`/pairings?roundId=${roundId}`);
      await page.getByTestId("pairing-card").filter({ hasText: pair.recipient }).first().click();
      await page.getByTestId("pairing-page").waitFor();
      await page.getByTestId("joint-branch-start").click();
      // The name comes filled in from the two sides; the kind must be chosen.
      expect(await page.locator("#name").inputValue()).toContain("联合党支部");
      await pick(page, "kind", "", "村与社区联建");
      await page.getByTestId("joint-branch-save").click();
      await page.getByTestId("joint-branch-name").waitFor();
      const card = page.getByTestId("joint-branch");
      expect(await card.textContent()).toContain("村与社区联建");
      expect(await card.textContent()).toContain("帮扶方 0 人，受扶方 0 人");
      expect(await page.getByTestId("joint-branch-start").count()).toBe(0);
      expect(await contrastProblems(page, "main")).toEqual([]);
    });
  });

  it("a village secretary of a recipient sees the new pairing on the 工作台 and downloads its agreement, in Chinese", async () => {
    expect(villageAccount, "the coordinator's scenario must run first").toBeDefined();
    const pair = locked as NonNullable<typeof locked>;
    await withPage(desktop, async (page) => {
      await login(page, villageAccount as string);
      const card = page.getByTestId("home-card-pairings");
      await card.waitFor();
      const item = card.getByTestId("home-pairing").filter({ hasText: pair.helper });
      await item.waitFor();
      expect(await item.textContent()).toContain("对方帮扶我方");
      await screenshot(page, "pairing-home-village-1280");

      await item.getByRole("link", { name: pair.helper }).click();
      await page.waitForURL(/\/pairings\/\d+$/);
      expect(await page.getByTestId("pairing-title").textContent()).toBe(`与 ${pair.helper} 的结对`);
      expect(await page.getByTestId("pairing-partner").textContent()).toBe(pair.helper);
      expect(await page.getByTestId("pairing-status").textContent()).toBe("结对中");
      expect(await page.getByTestId("pairing-rhythm").getAttribute("data-lapsed")).toBe("false");
      // The joint branch the coordinator formed is on the village's side of the pairing too.
      await page.getByTestId("joint-branch-name").waitFor();
      expect(await page.getByTestId("joint-branch-start").count()).toBe(0);

      // The agreements are made by a job after publishing: the button appears once this one is there.
      const button = page.getByTestId("pairing-agreement");
      await expect
        .poll(async () => {
          if ((await button.count()) > 0) return true;
          await page.reload();
          await page.getByTestId("pairing-page").waitFor();
          return (await button.count()) > 0;
        })
        .toBe(true);
      expect(await contrastProblems(page, "main")).toEqual([]);
      await screenshot(page, "pairing-page-village-1280");

      const download = page.waitForEvent("download");
      await button.click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.pdf$/);
      const bytes = new Uint8Array(fs.readFileSync(await file.path()));
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
      const text = await pdfText(bytes);
      // Chinese, as a reader copies it: the title, both parties and the signature block.
      expect(text).toContain("结对帮扶协议书");
      expect(text).toContain(pair.helper);
      expect(text).toContain(pair.recipient);
      expect((text.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(100);
    });
  });

  it("the village's pairing page fits a 390 px phone", async () => {
    expect(villageAccount, "the coordinator's scenario must run first").toBeDefined();
    await withPage(phone, async (page) => {
      await login(page, villageAccount as string);
      await page.getByTestId("home-card-pairings").waitFor();
      await expectNoHorizontalOverflow(page);
      await page.getByTestId("home-pairing").first().getByRole("link").click();
      await page.getByTestId("pairing-page").waitFor();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, "pairing-page-village-390");
    });
  });
});
