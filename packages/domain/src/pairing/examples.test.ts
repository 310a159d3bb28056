import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPairingSession, solvePairing, solvePairingExplained } from "./session.ts";
import { resultViolation } from "./testing/check-result.ts";
import { pairingExamplesDir, sharedExamplesDir, vendoredExamplesDir } from "./testing/examples-dir.ts";
import type { PairingProblem } from "./types.ts";

const examplesDir = pairingExamplesDir();
const answers = JSON.parse(readFileSync(join(examplesDir, "answers.json"), "utf8")) as Record<
  string,
  { covered: number; assigned: number; score: number }
>;
const files = readdirSync(examplesDir).filter((f) => f.endsWith(".json") && f !== "answers.json");

describe("shared pairing examples", () => {
  it("has an answer for every example file", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(answers).sort()).toEqual([...files].sort());
  });

  describe.each(files)("%s", (file) => {
    const text = readFileSync(join(examplesDir, file), "utf8");
    const problem = JSON.parse(text) as PairingProblem;

    it("gives exactly the known optimum, with valid pairs", () => {
      const result = solvePairing(text);
      expect({ covered: result.covered, assigned: result.assigned, score: result.score }).toEqual(answers[file]);
      expect(resultViolation(problem, result)).toBeNull();
    });

    it("gives the same result from the object, twice", () => {
      expect(solvePairing(problem)).toEqual(solvePairing(text));
    });

    it("explains every pair and every uncovered recipient", () => {
      const { result, explanation } = solvePairingExplained(problem);
      expect(explanation.pairs).toHaveLength(result.pairs.length);
      expect(explanation.uncovered).toHaveLength(problem.recipients.length - result.covered);
    });

    it("re-solves warm to the cold optimum after a lock is lifted and a capacity changes", () => {
      const session = createPairingSession(problem);
      session.resolve();
      const lock = problem.locked?.[0];
      const edited = structuredClone(problem);
      if (lock) {
        session.unlock(lock.helper, lock.recipient);
        edited.locked = (edited.locked ?? []).slice(1);
      }
      const helper = edited.helpers[0];
      if (helper) {
        helper.capacity += 1;
        session.setCapacity(helper.id, helper.capacity);
      }
      const warm = session.resolve();
      const cold = solvePairing(edited);
      expect([warm.covered, warm.assigned, warm.score]).toEqual([cold.covered, cold.assigned, cold.score]);
      expect(resultViolation(edited, warm)).toBeNull();
    });
  });

  it("01: covers both villages rather than give the bureau its best match", () => {
    const result = solvePairing(readFileSync(join(examplesDir, "01-coverage-first.json"), "utf8"));
    expect(result.pairs).toEqual([
      { helper: "city-community", recipient: "village-a", score: 5 },
      { helper: "county-bureau", recipient: "village-b", score: 10 },
    ]);
  });

  it("04: sorts pairs by recipient id, then helper id, in plain string order", () => {
    const result = solvePairing(readFileSync(join(examplesDir, "04-ties.json"), "utf8"));
    expect(result.pairs.map((p) => p.recipient)).toEqual(["a", "b"]);
  });

  it("05: explains the village nobody can help", () => {
    const { explanation } = solvePairingExplained(readFileSync(join(examplesDir, "05-nobody-to-help.json"), "utf8"));
    expect(explanation.uncovered).toEqual([
      {
        recipient: "remote-village",
        code: "no-candidates",
        candidates: 0,
        forbidden: 0,
        helpersFullByLocks: 0,
        bestCandidate: null,
        coverageCost: null,
      },
    ]);
    expect(explanation.pairs[0]).toMatchObject({ helper: "h1", recipient: "near-village", code: "only-candidate" });
  });
});

describe("the repository's copy of the examples", () => {
  it.runIf(existsSync(join(sharedExamplesDir, "answers.json")))("is identical to ../shared/formats/examples", () => {
    const names = readdirSync(sharedExamplesDir).sort();
    expect(readdirSync(vendoredExamplesDir).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(vendoredExamplesDir, name), "utf8"), name).toBe(
        readFileSync(join(sharedExamplesDir, name), "utf8"),
      );
    }
  });
});
