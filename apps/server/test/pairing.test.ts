import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairingExamplesDir } from "../../../packages/domain/src/pairing/testing/examples-dir.ts";
import { createTestContext, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

// The examples with known optimal answers (../shared, or the repository's copy of them).
const examplesDir = pairingExamplesDir();
const answers = JSON.parse(fs.readFileSync(path.join(examplesDir, "answers.json"), "utf8")) as Record<
  string,
  { covered: number; assigned: number; score: number }
>;

describe(`POST /api/pairing/solve (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  beforeAll(async () => {
    t = await createTestContext();
    coordinator = await t.login("coordinator");
  });
  afterAll(async () => t?.close());

  const solve = (s: Session, body: string, query = "", language = "zh-CN") =>
    s.request({
      method: "POST",
      url: `/api/pairing/solve${query}`,
      headers: { "content-type": "application/json", "accept-language": language },
      payload: body,
    });

  it("needs a session (401), the CSRF token and a coordinator (403 for a secretary)", async () => {
    const body = fs.readFileSync(path.join(examplesDir, "01-coverage-first.json"), "utf8");
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/pairing/solve",
      headers: { "content-type": "application/json" },
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await solve(await t.login("secretary"), body)).statusCode).toBe(403);
    expect((await solve(await t.login("auditor"), body)).statusCode).toBe(403);
  });

  it("gives the known optimum of every shared example", async () => {
    for (const [file, expected] of Object.entries(answers)) {
      const res = await solve(coordinator, fs.readFileSync(path.join(examplesDir, file), "utf8"));
      expect(res.statusCode, file).toBe(200);
      const { result, explanation, solveMs } = res.json();
      expect({ covered: result.covered, assigned: result.assigned, score: result.score }, file).toEqual(expected);
      expect(
        result.pairs.reduce((sum: number, p: { score: number }) => sum + p.score, 0),
        file,
      ).toBe(expected.score);
      expect(explanation).toBeNull();
      expect(solveMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("explains on request", async () => {
    const body = fs.readFileSync(path.join(examplesDir, "03-locked-and-forbidden.json"), "utf8");
    const res = await solve(coordinator, body, "?explain=true");
    expect(res.statusCode).toBe(200);
    expect(res.json().explanation).toMatchObject({ format: "huzhu.pairing-explanation.v1" });
    expect(res.json().explanation.uncovered).toEqual([
      expect.objectContaining({ recipient: "r3", code: "all-candidates-forbidden" }),
    ]);
  });

  it("answers a bad problem with 400 naming the place, in the caller's language, and audits the refusal", async () => {
    const problem = {
      format: "huzhu.pairing.v1",
      recipients: [{ id: "r1", demand: 1 }],
      helpers: [{ id: "h1", capacity: 1 }],
      candidates: [{ helper: "h9", recipient: "r1", score: 5 }],
    };
    const zh = await solve(coordinator, JSON.stringify(problem));
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toEqual({
      code: "pairing.invalid",
      field: "candidates[0]",
      message: 'candidates[0]：结对问题无效：unknown helper "h9"',
    });
    const en = await solve(coordinator, "{not json", "", "en");
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/invalid pairing problem|not valid JSON/);
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "result"])
      .where("action", "=", "pairing.solve")
      .execute();
    expect(audit).toContainEqual({ action: "pairing.solve", result: "failure" });
    expect(audit).toContainEqual({ action: "pairing.solve", result: "success" });
  });
});
