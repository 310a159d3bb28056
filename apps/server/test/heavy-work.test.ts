import type { PairingProblem } from "@huzhu/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PairingSolver, SolveOutcome } from "../src/modules/pairing/solve-in-worker.ts";
import { PoolFullError } from "../src/platform/worker-pool.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Hole 6 of issue 6: heavy requests were unbounded. One heavy request (pairing solve, roster
 * export) per user at a time; a full solver queue and a problem too large for a worker's heap
 * get clear answers instead of taking the server down.
 */

/** A solver whose solves finish only when the test says so. */
function heldSolver() {
  const pending: Array<{ problem: unknown; finish: (outcome: SolveOutcome) => void; fail: (e: unknown) => void }> = [];
  const waiters: Array<() => void> = [];
  let capacity = 10;
  let failWith: unknown = null;
  const solver: PairingSolver = {
    solve(problem) {
      if (failWith) return Promise.reject(failWith);
      return new Promise((finish, fail) => {
        pending.push({ problem, finish, fail });
        for (const wake of waiters.splice(0)) wake();
      });
    },
    capacity: () => capacity,
    close: async () => {},
  };
  return {
    solver,
    pending,
    /** Resolves once `n` solves have reached the solver. */
    async started(n: number) {
      while (pending.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    setCapacity(value: number) {
      capacity = value;
    },
    setFailure(error: unknown) {
      failWith = error;
    },
  };
}

const tiny: PairingProblem = {
  format: "huzhu.pairing.v1",
  recipients: [{ id: "r1", demand: 1 }],
  helpers: [{ id: "h1", capacity: 1 }],
  candidates: [{ helper: "h1", recipient: "r1", score: 5 }],
};

const solveRequest = (s: Session, language = "zh-CN", body: string = JSON.stringify(tiny)) =>
  s.request({
    method: "POST",
    url: "/api/pairing/solve",
    headers: { "content-type": "application/json", "accept-language": language },
    payload: body,
  });
const exportRequest = (s: Session, language = "zh-CN") =>
  s.request({ method: "GET", url: "/api/members/export", headers: { "accept-language": language } });

describe(`one heavy request per user (${testDatabaseKind})`, () => {
  let t: TestContext;
  const held = heldSolver();
  let coordinator: Session;
  let town: Session;
  let secretary: Session;
  beforeAll(async () => {
    t = await createTestContext({ pairingSolver: held.solver });
    coordinator = await t.login("coordinator");
    town = await t.login("town");
    secretary = await t.login("secretary");
  });
  afterAll(async () => t?.close());

  it("refuses a second heavy request of the same user with 429 naming the running one; others proceed", async () => {
    const first = solveRequest(coordinator);
    await held.started(1);

    const again = await solveRequest(coordinator);
    const error = expectError(again, 429, { code: "heavy.busy" });
    expect(error.message).toContain("结对求解");
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(0);
    // Across kinds: the export waits for the solve too, and says so in the caller's language.
    const exported = await exportRequest(coordinator, "en");
    expect(expectError(exported, 429, { code: "heavy.busy" }).message).toMatch(/pairing solve is still running/);
    expect(exported.headers["retry-after"]).toBeDefined();

    // Other users are not held up: another coordinator's solve reaches the solver, a secretary's
    // export is made; and each of them is held to one at a time as well.
    const other = solveRequest(town);
    await held.started(2);
    expect((await exportRequest(secretary)).statusCode).toBe(200);
    expectError(await exportRequest(town), 429, { code: "heavy.busy" });

    // The route sends the worker's bytes as they are: nothing re-validates the answer here.
    const body = '{"result":"as the worker wrote it","explanation":null,"solveMs":7}';
    const summary = { covered: 1, assigned: 1, score: 5, solveMs: 7 };
    for (const call of held.pending.splice(0)) call.finish({ body: Buffer.from(body), summary });
    const [firstRes, otherRes] = await Promise.all([first, other]);
    expect(firstRes.statusCode).toBe(200);
    expect(firstRes.headers["content-type"]).toMatch(/^application\/json/);
    expect(firstRes.body).toBe(body);
    expect(otherRes.statusCode).toBe(200);

    // The slot is free again once the answer has gone.
    expect((await exportRequest(coordinator)).statusCode).toBe(200);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "result", "detail"])
      .where("actor_name", "=", "coordinator")
      .where("result", "<>", "success")
      .execute();
    // Refusals of audited routes are recorded, like any other refusal.
    expect(audit.map((a) => [a.action, (a.detail as { status?: number }).status])).toEqual(
      expect.arrayContaining([
        ["pairing.solve", 429],
        ["member.export", 429],
      ]),
    );
  });

  it("counts a heavy background job as the user's heavy work too: one rule for requests and jobs", async () => {
    const owner = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "town")
      .executeTakeFirstOrThrow();
    // A queued heavy job of town's (inserted as the runner would, but not picked up: no runner here).
    const job = await t.database.db
      .insertInto("jobs")
      .values({ kind: "member.export", owner_id: owner.id, heavy: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    const refused = await solveRequest(town);
    expect(expectError(refused, 429, { code: "job.heavyRunning" }).message).toContain("任务");
    expectError(await exportRequest(town), 429, { code: "job.heavyRunning" });
    // Other users are not held up by it, and once it is done town may work again.
    expect((await exportRequest(secretary)).statusCode).toBe(200);
    await t.database.db
      .updateTable("jobs")
      .set({ status: "cancelled", finished_at: new Date() })
      .where("id", "=", job.id)
      .execute();
    expect((await exportRequest(town)).statusCode).toBe(200);
  });

  it("still documents the answer with the contract's schema in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const responses = doc.paths["/api/pairing/solve"].post.responses;
    const schema = responses["200"].content["application/json"].schema;
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toEqual(["result", "explanation", "solveMs"]);
    expect(schema.properties.result.properties.pairs.type).toBe("array");
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["413", "429", "503"]));
  });

  it("frees the slot when the solve fails", async () => {
    held.setFailure(new Error("worker crashed"));
    expect((await solveRequest(coordinator)).statusCode).toBe(500);
    held.setFailure(null);
    const next = solveRequest(coordinator);
    await held.started(1);
    held.pending
      .splice(0)[0]
      ?.finish({ body: Buffer.from("{}"), summary: { covered: 0, assigned: 0, score: 0, solveMs: 0 } });
    expect((await next).statusCode).toBe(200);
  });

  it("admits no more solves than workers and queue hold, counting from the request, not its body", async () => {
    // Capacity 1: while one solve is admitted (its upload may still be arriving), another user's
    // gets 503 before a byte of its problem is read.
    held.setCapacity(1);
    const first = solveRequest(coordinator);
    await held.started(1);
    const early = await solveRequest(town, "en", "{ not even read");
    const error = expectError(early, 503, { code: "pairing.busy" });
    expect(error.message).toMatch(/solver is busy/);
    expect(Number(early.headers["retry-after"])).toBeGreaterThan(0);
    held.pending
      .splice(0)[0]
      ?.finish({ body: Buffer.from("{}"), summary: { covered: 0, assigned: 0, score: 0, solveMs: 0 } });
    expect((await first).statusCode).toBe(200);
    // Its place is free again once the first answer has gone.
    const next = solveRequest(town);
    await held.started(1);
    held.pending
      .splice(0)[0]
      ?.finish({ body: Buffer.from("{}"), summary: { covered: 0, assigned: 0, score: 0, solveMs: 0 } });
    expect((await next).statusCode).toBe(200);
    held.setCapacity(10);
    // The pool's own bound stays, should it be reached anyway: the same answer.
    held.setFailure(new PoolFullError("pairing solver", 4));
    const late = await solveRequest(coordinator);
    expectError(late, 503, { code: "pairing.busy" });
    expect(late.headers["retry-after"]).toBeDefined();
    held.setFailure(null);
  });
});

/** ~20 MB of JSON whose solve needs far more than 24 MB of heap. */
function bigProblem(recipients: number, helpers: number, perRecipient: number): PairingProblem {
  let state = 99;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const candidates: PairingProblem["candidates"] = [];
  for (let r = 0; r < recipients; r++) {
    const used = new Set<number>();
    while (used.size < perRecipient) {
      const h = Math.floor(random() * helpers);
      if (used.has(h)) continue;
      used.add(h);
      candidates.push({ helper: `h${h}`, recipient: `r${r}`, score: Math.floor(random() * 10001) });
    }
  }
  return {
    format: "huzhu.pairing.v1",
    recipients: Array.from({ length: recipients }, (_, r) => ({ id: `r${r}`, demand: 1 })),
    helpers: Array.from({ length: helpers }, (_, h) => ({ id: `h${h}`, capacity: 2 })),
    candidates,
  };
}

describe(`a problem over the size limit (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ pairingSolver: heldSolver().solver });
  });
  afterAll(async () => t?.close());

  it("is refused with 413 as soon as its declared length says so", async () => {
    const coordinator = await t.login("coordinator");
    const res = await coordinator.request({
      method: "POST",
      url: "/api/pairing/solve",
      headers: { "content-type": "application/json", "content-length": String(129 * 1024 * 1024) },
      payload: JSON.stringify(tiny),
    });
    expectError(res, 413, { code: "body.too_large" });
  });
});

describe(`a problem too large for a solver worker (${testDatabaseKind})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ solverPool: { workers: 1, queue: 1, heapMb: 24 } });
  });
  afterAll(async () => t?.close());

  it("gets 413 naming the memory limit, and the next problem is solved", async () => {
    const coordinator = await t.login("coordinator");
    const res = await solveRequest(coordinator, "en", JSON.stringify(bigProblem(14000, 6000, 30)));
    const error = expectError(res, 413, { code: "pairing.tooLarge" });
    expect(error.message).toContain("24 MB");
    const next = await solveRequest(coordinator);
    expect(next.statusCode).toBe(200);
    expect(next.json().result).toMatchObject({ covered: 1, assigned: 1, score: 5 });
  }, 60_000);
});
