import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRunner } from "../src/platform/jobs.ts";
import { notifyUsers } from "../src/platform/notifications.ts";
import { ledgerJob } from "./fixtures/ledger-job.ts";
import { createTestContext, expectError, type TestContext, testDatabaseKind } from "./helpers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe(`jobs and notifications (${testDatabaseKind})`, () => {
  let t: TestContext;
  const ledger = ledgerJob({ stepMs: 5 });
  const userId = async (username: string) =>
    (await t.database.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow())
      .id;
  const ledgerLines = async (jobId: string) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM test_ledger WHERE job_id = ${jobId}`.execute(
        t.database.db,
      )
    ).rows[0]?.n;

  beforeAll(async () => {
    t = await createTestContext({ jobs: { autoStart: false } });
    await sql`CREATE TABLE test_ledger (job_id uuid, line int)`.execute(t.database.db);
    t.app.jobs.register(ledger);
  });
  afterAll(async () => t?.close());

  it("shows a job to its owner only, with progress, result and a download; refuses a second heavy job", async () => {
    const owner = await userId("town");
    const id = await t.app.jobs.enqueue(t.database.db, ledger, {
      ownerId: owner,
      params: { label: "a" },
      locale: "en",
    });
    // One heavy job per user at a time: the second is refused while the first waits…
    await expect(
      t.app.jobs.enqueue(t.database.db, ledger, { ownerId: owner, params: { label: "b" }, locale: "en" }),
    ).rejects.toMatchObject({ status: 429, code: "job.heavyRunning" });
    // …while another user's starts.
    const other = await t.app.jobs.enqueue(t.database.db, ledger, {
      ownerId: await userId("secretary"),
      params: { label: "c" },
      locale: "en",
    });

    const town = await t.login("town");
    const queued = await town.request({ method: "GET", url: `/api/jobs/${id}` });
    expect(queued.json()).toMatchObject({ id, kind: "test.ledger", status: "queued", progress: 0 });
    expectError(await town.request({ method: "GET", url: `/api/jobs/${other}` }), 404);
    expectError(await town.request({ method: "GET", url: "/api/jobs/not-a-uuid" }), 400, { field: "id" });
    const coordinator = await t.login("coordinator");
    expectError(await coordinator.request({ method: "GET", url: `/api/jobs/${id}` }), 404);

    await t.app.jobs.drain();
    const done = (await town.request({ method: "GET", url: `/api/jobs/${id}` })).json();
    expect(done).toMatchObject({
      status: "succeeded",
      progress: 1,
      result: { lines: 10 },
      resultUrl: `/api/jobs/${id}/result`,
    });
    expect(await ledgerLines(id)).toBe(10);
    const file = await town.request({ method: "GET", url: done.resultUrl });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe("ten lines\n");
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="ledger-a.txt"/);
    expectError(await coordinator.request({ method: "GET", url: done.resultUrl }), 404);
    const downloads = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result"])
      .where("action", "=", "job.download")
      .execute();
    expect(downloads).toEqual(
      expect.arrayContaining([
        { actor_name: "town", result: "success" },
        { actor_name: "coordinator", result: "denied" },
      ]),
    );
    // Finished: a new heavy job may start.
    await t.app.jobs.enqueue(t.database.db, ledger, { ownerId: owner, params: { label: "d" }, locale: "en" });
    const list = (await town.request({ method: "GET", url: "/api/jobs" })).json();
    expect(list.items.map((j: { status: string }) => j.status)).toEqual(["queued", "succeeded"]);
    await t.app.jobs.drain();
  });

  it("tells the owner a job finished, as a notification they can mark read", async () => {
    const town = await t.login("town");
    const list = (
      await town.request({ method: "GET", url: "/api/notifications", headers: { "accept-language": "en" } })
    ).json();
    expect(list.unread).toBe(2);
    expect(list.items[0]).toMatchObject({ kind: "job.succeeded", read: false });
    // The link opens that job on the web's 我的任务 page.
    const jobs = (await town.request({ method: "GET", url: "/api/jobs" })).json();
    expect(jobs.items.map((j: { id: string }) => `/jobs?id=${j.id}`)).toContain(list.items[0].link);
    expect(list.items[0].title).toMatch(/done/);
    const one = await town.request({ method: "POST", url: `/api/notifications/${list.items[0].id}/read` });
    expect(one.json()).toEqual({ unread: 1 });
    // Nobody marks another's notification.
    const member = await t.login("member");
    expectError(await member.request({ method: "POST", url: `/api/notifications/${list.items[1].id}/read` }), 404);
    expect((await town.request({ method: "POST", url: "/api/notifications/read-all" })).json()).toEqual({ unread: 0 });
  });

  it("pushes a new notification to an open stream without reloading", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as AddressInfo).port;
    const town = await t.login("town");
    const events: string[] = [];
    const request = http.get({
      host: "127.0.0.1",
      port,
      path: "/api/notifications/stream",
      headers: { cookie: `huzhu_session=${town.cookie}`, "accept-language": "en" },
    });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.on("response", resolve));
    expect(response.headers["content-type"]).toMatch(/^text\/event-stream/);
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => events.push(chunk));
    await waitFor(() => events.join("").includes("event: unread"));
    const townId = await userId("town");
    await t.database.db
      .transaction()
      .execute((trx) =>
        notifyUsers(trx, [townId], { kind: "job.failed", params: { jobKey: "job.kind.member.export" } }),
      );
    await waitFor(() => events.join("").includes("event: notification"));
    expect(events.join("")).toMatch(/"title":"“Roster export” failed"/);
    request.destroy();
  });

  it("takes back a job whose process stopped: it runs again and its effects land once", async () => {
    const owner = await userId("leader");
    const id = await t.app.jobs.enqueue(t.database.db, ledger, {
      ownerId: owner,
      params: { label: "e" },
      locale: "en",
    });
    // A runner that claims the job and never finishes: the process "dies" with it in hand.
    const doomed = createJobRunner(t.database.db, { pollMs: 10 });
    doomed.register({ ...ledger, run: () => new Promise(() => {}) });
    await doomed.start();
    await waitFor(async () => (await jobStatus(id)) === "running");
    void doomed.stop();
    expect(await ledgerLines(id)).toBe(0);
    // The next start takes it back (no heartbeat for longer than the limit) and finishes it.
    await t.database.db
      .updateTable("jobs")
      .set({ heartbeat_at: sql`now() - interval '1 hour'` })
      .where("id", "=", id)
      .execute();
    const restarted = createJobRunner(t.database.db);
    restarted.register(ledger);
    await restarted.recoverInterrupted();
    expect(await jobStatus(id)).toBe("queued");
    await restarted.drain();
    expect(await jobStatus(id)).toBe("succeeded");
    expect(await ledgerLines(id)).toBe(10);
  });

  it("fails a job interrupted once too often, with a clear message and no effects", async () => {
    const owner = await userId("secb");
    const id = await t.app.jobs.enqueue(t.database.db, ledger, {
      ownerId: owner,
      params: { label: "f" },
      locale: "zh-CN",
    });
    await t.database.db
      .updateTable("jobs")
      .set({ status: "running", attempts: 2, heartbeat_at: sql`now() - interval '1 hour'` })
      .where("id", "=", id)
      .execute();
    await t.app.jobs.recoverInterrupted();
    const secb = await t.login("secb");
    const job = (
      await secb.request({ method: "GET", url: `/api/jobs/${id}`, headers: { "accept-language": "en" } })
    ).json();
    expect(job).toMatchObject({ status: "failed" });
    expect(job.message).toMatch(/interrupted/);
    expect(await ledgerLines(id)).toBe(0);
  });

  it.runIf(testDatabaseKind === "postgres")(
    "survives a server process killed in the middle of a job (SIGKILL), never half-done",
    async () => {
      const url = process.env.TEST_DATABASE_URL ?? "";
      const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.database.db)).rows[0]?.s ?? "";
      const id = await t.app.jobs.enqueue(t.database.db, ledgerJob({ stepMs: 200 }), {
        ownerId: await userId("coordinator"),
        params: { label: "g" },
        locale: "en",
      });
      const child: ChildProcess = spawn(
        process.execPath,
        ["--import", "tsx", path.join(here, "fixtures/job-child.ts"), url, schema],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      try {
        await waitFor(async () => {
          const row = await t.database.db.selectFrom("jobs").select("progress").where("id", "=", id).executeTakeFirst();
          return (row?.progress ?? 0) >= 0.3;
        }, 30_000);
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      } finally {
        child.kill("SIGKILL");
      }
      expect(await jobStatus(id)).toBe("running");
      expect(await ledgerLines(id)).toBe(0);
      await t.database.db
        .updateTable("jobs")
        .set({ heartbeat_at: sql`now() - interval '1 hour'` })
        .where("id", "=", id)
        .execute();
      await t.app.jobs.recoverInterrupted();
      await t.app.jobs.drain();
      expect(await jobStatus(id)).toBe("succeeded");
      expect(await ledgerLines(id)).toBe(10);
    },
    60_000,
  );

  async function jobStatus(id: string) {
    return (await t.database.db.selectFrom("jobs").select("status").where("id", "=", id).executeTakeFirstOrThrow())
      .status;
  }
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
