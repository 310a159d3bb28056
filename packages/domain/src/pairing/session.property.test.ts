import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PairingModel } from "./model.ts";
import { createPairingSession, type PairingSession, solvePairing } from "./session.ts";
import { resultViolation } from "./testing/check-result.ts";
import { pairingProblemArb } from "./testing/random-problems.ts";
import type { PairingProblem } from "./types.ts";
import { PairingInputError } from "./validate.ts";

// Property runs take seconds on a loaded 2-core machine; the default 5 s would make them flaky.
const PROPERTY_TIMEOUT = 60_000;

type Edit =
  | { op: "lock" | "unlock" | "forbid" | "allow"; pick: number; other: number }
  | { op: "setCapacity" | "setDemand"; pick: number; value: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constantFrom<"lock" | "unlock" | "forbid" | "allow">("lock", "lock", "unlock", "forbid", "forbid", "allow"),
    pick: fc.nat(),
    other: fc.nat(),
  }),
  fc.record({
    op: fc.constantFrom<"setCapacity" | "setDemand">("setCapacity", "setDemand"),
    pick: fc.nat(),
    value: fc.integer({ min: 0, max: 4 }),
  }),
);

/** The problem a cold solve should see after the same edits, kept independently of the solver. */
class Mirror {
  problem: PairingProblem;
  constructor(problem: PairingProblem) {
    this.problem = structuredClone(problem);
    this.problem.locked ??= [];
    this.problem.forbidden ??= [];
  }
  private same(a: { helper: string; recipient: string }, helper: string, recipient: string) {
    return a.helper === helper && a.recipient === recipient;
  }
  isCandidate(helper: string, recipient: string) {
    return this.problem.candidates.some((c) => this.same(c, helper, recipient));
  }
  isLocked(helper: string, recipient: string) {
    return (this.problem.locked ?? []).some((l) => this.same(l, helper, recipient));
  }
  isForbidden(helper: string, recipient: string) {
    return (this.problem.forbidden ?? []).some((l) => this.same(l, helper, recipient));
  }
  locksOf(key: "helper" | "recipient", id: string) {
    return (this.problem.locked ?? []).filter((l) => l[key] === id).length;
  }
}

/** Applies one edit to the session and the mirror; returns a label for failure messages. */
function apply(session: PairingSession, mirror: Mirror, edit: Edit): string {
  const p = mirror.problem;
  if ("value" in edit) {
    const list = edit.op === "setCapacity" ? p.helpers : p.recipients;
    if (list.length === 0) return "nothing";
    const entity = list[edit.pick % list.length] as { id: string; capacity?: number; demand?: number };
    const locks = mirror.locksOf(edit.op === "setCapacity" ? "helper" : "recipient", entity.id);
    const run = () =>
      edit.op === "setCapacity" ? session.setCapacity(entity.id, edit.value) : session.setDemand(entity.id, edit.value);
    if (edit.value < 1 || edit.value < locks) {
      expect(run).toThrow(PairingInputError);
    } else {
      run();
      if (edit.op === "setCapacity") entity.capacity = edit.value;
      else entity.demand = edit.value;
    }
    return `${edit.op}(${entity.id}, ${edit.value})`;
  }
  return applyPairEdit(session, mirror, edit);
}

function applyPairEdit(session: PairingSession, mirror: Mirror, edit: Extract<Edit, { other: number }>): string {
  const p = mirror.problem;
  const locked = p.locked ?? [];
  const forbidden = p.forbidden ?? [];
  // Pairs: mostly candidates, sometimes any helper/recipient combination.
  let helper: string;
  let recipient: string;
  if (edit.other % 4 !== 0 && p.candidates.length > 0) {
    const c = p.candidates[edit.pick % p.candidates.length] as { helper: string; recipient: string };
    helper = c.helper;
    recipient = c.recipient;
  } else if (p.helpers.length > 0 && p.recipients.length > 0) {
    helper = (p.helpers[edit.pick % p.helpers.length] as { id: string }).id;
    recipient = (p.recipients[edit.other % p.recipients.length] as { id: string }).id;
  } else {
    return "nothing";
  }
  const candidate = mirror.isCandidate(helper, recipient);
  const isLocked = mirror.isLocked(helper, recipient);
  const isForbidden = mirror.isForbidden(helper, recipient);
  const label = `${edit.op}(${helper}, ${recipient})`;
  switch (edit.op) {
    case "lock": {
      const capacity = p.helpers.find((h) => h.id === helper)?.capacity ?? 0;
      const demand = p.recipients.find((r) => r.id === recipient)?.demand ?? 0;
      const fits =
        isLocked ||
        (mirror.locksOf("helper", helper) + 1 <= capacity && mirror.locksOf("recipient", recipient) + 1 <= demand);
      if (!candidate || isForbidden || !fits) {
        expect(() => session.lock(helper, recipient)).toThrow(PairingInputError);
      } else {
        session.lock(helper, recipient);
        if (!isLocked) locked.push({ helper, recipient });
      }
      return label;
    }
    case "unlock":
      if (!candidate) {
        expect(() => session.unlock(helper, recipient)).toThrow(PairingInputError);
      } else {
        session.unlock(helper, recipient);
        p.locked = locked.filter((l) => !(l.helper === helper && l.recipient === recipient));
      }
      return label;
    case "forbid":
      if (isLocked) {
        expect(() => session.forbid(helper, recipient)).toThrow(PairingInputError);
      } else {
        session.forbid(helper, recipient);
        if (!isForbidden) forbidden.push({ helper, recipient });
      }
      return label;
    case "allow":
      session.allow(helper, recipient);
      p.forbidden = forbidden.filter((l) => !(l.helper === helper && l.recipient === recipient));
      return label;
  }
}

function modelOf(session: PairingSession): PairingModel {
  // The session keeps its model private; the test reaches in only to check the basis invariants.
  return (session as unknown as { model: PairingModel }).model;
}

function checkAgainstCold(session: PairingSession, mirror: Mirror, history: string[]) {
  const warm = session.resolve();
  const cold = solvePairing(mirror.problem);
  const context = history.join("; ");
  expect(resultViolation(mirror.problem, warm), context).toBeNull();
  expect([warm.covered, warm.assigned, warm.score], context).toEqual([cold.covered, cold.assigned, cold.score]);
  expect(modelOf(session).simplex.checkInvariants(), context).toBeNull();
}

describe("incremental re-solve", () => {
  it(
    "matches a cold solve of the edited problem after every edit (small problems)",
    () => {
      fc.assert(
        fc.property(
          pairingProblemArb({ recipients: 6, helpers: 5, maxLimit: 3, density: 65 }),
          fc.array(editArb, { minLength: 1, maxLength: 12 }),
          (problem, edits) => {
            const session = createPairingSession(problem);
            const mirror = new Mirror(problem);
            const history: string[] = [];
            checkAgainstCold(session, mirror, history);
            for (const edit of edits) {
              history.push(apply(session, mirror, edit));
              checkAgainstCold(session, mirror, history);
            }
          },
        ),
        { numRuns: 1500 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "matches a cold solve after batches of edits on larger problems",
    () => {
      fc.assert(
        fc.property(
          pairingProblemArb({ recipients: 40, helpers: 25, maxLimit: 3, density: 15 }),
          fc.array(fc.array(editArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
          (problem, batches) => {
            const session = createPairingSession(problem);
            const mirror = new Mirror(problem);
            const history: string[] = [];
            checkAgainstCold(session, mirror, history);
            for (const batch of batches) {
              for (const edit of batch) history.push(apply(session, mirror, edit));
              checkAgainstCold(session, mirror, history);
            }
          },
        ),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("re-solves warm, from the previous optimum", () => {
    const problem: PairingProblem = {
      format: "huzhu.pairing.v1",
      recipients: Array.from({ length: 60 }, (_, i) => ({ id: `r${i}`, demand: 1 + (i % 3 === 0 ? 1 : 0) })),
      helpers: Array.from({ length: 30 }, (_, i) => ({ id: `h${i}`, capacity: 1 + (i % 2) })),
      candidates: Array.from({ length: 60 }, (_, r) =>
        Array.from({ length: 6 }, (_, j) => ({
          helper: `h${(r * 7 + j * 5) % 30}`,
          recipient: `r${r}`,
          score: (r * 31 + j * 17) % 100,
        })),
      ).flat(),
    };
    const session = createPairingSession(problem);
    session.resolve();
    expect(session.stats.cold).toBe(true);
    const coldPivots = session.stats.pivots;
    session.forbid("h0", "r0");
    session.setCapacity("h3", 1);
    session.resolve();
    expect(session.stats.cold).toBe(false);
    expect(session.stats.pivots).toBeLessThan(coldPivots);
  });

  it("reports bad edits with the same one-line errors as the file format", () => {
    const session = createPairingSession({
      format: "huzhu.pairing.v1",
      recipients: [{ id: "r1", demand: 1 }],
      helpers: [{ id: "h1", capacity: 1 }],
      candidates: [{ helper: "h1", recipient: "r1", score: 5 }],
    });
    expect(() => session.lock("h9", "r1")).toThrow('lock: unknown helper "h9"');
    expect(() => session.lock("h1", "r9")).toThrow('lock: unknown recipient "r9"');
    expect(() => session.setCapacity("h1", 0)).toThrow("setCapacity: capacity must be an integer >= 1, got 0");
    session.lock("h1", "r1");
    expect(() => session.forbid("h1", "r1")).toThrow('forbid: pair (helper "h1", recipient "r1") is locked');
    expect(() => session.setDemand("r1", 1.5)).toThrow("setDemand: demand must be an integer >= 1, got 1.5");
    expect(session.resolve()).toMatchObject({ covered: 1, assigned: 1, score: 5 });
  });
});
