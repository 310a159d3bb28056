import { describe, expect, it } from "vitest";
import { solvePairing } from "./session.ts";
import { compilePairingProblem, PairingInputError, parsePairingProblem } from "./validate.ts";

/** A valid base problem; each test breaks one thing. */
function base(): Record<string, unknown> & {
  recipients: Record<string, unknown>[];
  helpers: Record<string, unknown>[];
  candidates: Record<string, unknown>[];
  locked: Record<string, unknown>[];
  forbidden: Record<string, unknown>[];
} {
  return {
    format: "huzhu.pairing.v1",
    recipients: [
      { id: "r1", demand: 2 },
      { id: "r2", demand: 1 },
    ],
    helpers: [
      { id: "h1", capacity: 2 },
      { id: "h2", capacity: 1 },
    ],
    candidates: [
      { helper: "h1", recipient: "r1", score: 870 },
      { helper: "h2", recipient: "r1", score: 10 },
      { helper: "h1", recipient: "r2", score: 300 },
    ],
    locked: [{ helper: "h1", recipient: "r1" }],
    forbidden: [],
  };
}

function errorOf(value: unknown): string {
  try {
    if (typeof value === "string") parsePairingProblem(value);
    else compilePairingProblem(value);
  } catch (error) {
    expect(error).toBeInstanceOf(PairingInputError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^\S+: \S/);
    return message;
  }
  throw new Error("expected a PairingInputError");
}

describe("pairing problem validation", () => {
  it("accepts the base problem", () => {
    expect(solvePairing(base())).toMatchObject({ covered: 2, assigned: 3 });
  });

  it("rejects text that is not JSON", () => {
    expect(errorOf('{"format": "huzhu.pairing.v1",')).toMatch(/^input: not JSON \(.+\)$/);
    expect(errorOf("")).toMatch(/^input: not JSON/);
  });

  it("ignores a byte-order mark", () => {
    expect(() => parsePairingProblem(`\uFEFF${JSON.stringify(base())}`)).not.toThrow();
  });

  it("rejects JSON that is not an object", () => {
    expect(errorOf("[]")).toBe("input: expected a JSON object, got an array");
    expect(errorOf("null")).toBe("input: expected a JSON object, got null");
  });

  it("rejects a wrong or missing format", () => {
    expect(errorOf({ ...base(), format: "huzhu.pairing.v2" })).toBe(
      'format: expected "huzhu.pairing.v1", got "huzhu.pairing.v2"',
    );
    const { format: _omitted, ...rest } = base();
    expect(errorOf(rest)).toBe('format: missing (expected "huzhu.pairing.v1")');
  });

  it("rejects missing lists", () => {
    const { candidates: _omitted, ...rest } = base();
    expect(errorOf(rest)).toBe("candidates: missing (expected an array)");
    expect(errorOf({ ...base(), helpers: {} })).toBe("helpers: expected an array, got an object");
  });

  it("rejects a list entry that is not an object", () => {
    const p = base();
    p.recipients[1] = "r2" as unknown as Record<string, unknown>;
    expect(errorOf(p)).toBe('recipients[1]: expected an object, got "r2"');
  });

  it("rejects a missing, empty or non-string id", () => {
    const p = base();
    p.helpers[1] = { capacity: 1 };
    expect(errorOf(p)).toBe("helpers[1].id: missing (expected a non-empty string)");
    p.helpers[1] = { id: "", capacity: 1 };
    expect(errorOf(p)).toBe('helpers[1].id: expected a non-empty string, got ""');
    p.recipients[0] = { id: 7, demand: 1 };
    expect(errorOf(p)).toBe("recipients[0].id: expected a non-empty string, got 7");
  });

  it("rejects a duplicate id", () => {
    const p = base();
    p.recipients.push({ id: "r1", demand: 1 });
    expect(errorOf(p)).toBe('recipients[2].id: duplicate id "r1" (also recipients[0])');
    const q = base();
    q.helpers.push({ id: "h2", capacity: 1 });
    expect(errorOf(q)).toBe('helpers[2].id: duplicate id "h2" (also helpers[1])');
  });

  it("lets one id name both a recipient and a helper (乡联乡)", () => {
    const p = base();
    p.helpers.push({ id: "r2", capacity: 1 });
    p.candidates.push({ helper: "r2", recipient: "r1", score: 5 });
    expect(() => compilePairingProblem(p)).not.toThrow();
  });

  it("rejects a non-integer or out-of-range demand or capacity", () => {
    for (const [bad, shown] of [
      [0, "0"],
      [-1, "-1"],
      [1.5, "1.5"],
      ["2", '"2"'],
      [null, "null"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      [Number.NaN, "NaN"],
    ] as const) {
      const p = base();
      (p.recipients[1] as Record<string, unknown>).demand = bad;
      expect(errorOf(p)).toBe(`recipients[1].demand: expected an integer >= 1, got ${shown}`);
      const q = base();
      (q.helpers[0] as Record<string, unknown>).capacity = bad;
      expect(errorOf(q)).toBe(`helpers[0].capacity: expected an integer >= 1, got ${shown}`);
    }
    const p = base();
    delete (p.helpers[0] as Record<string, unknown>).capacity;
    expect(errorOf(p)).toBe("helpers[0].capacity: missing (expected an integer >= 1)");
    expect(errorOf(JSON.stringify(base()).replace('"demand":2', '"demand":1e400'))).toBe(
      "recipients[0].demand: expected an integer >= 1, got Infinity",
    );
  });

  it("rejects a candidate naming an unknown helper, exactly as the format's example", () => {
    const p = base();
    p.helpers = Array.from({ length: 50 }, (_, i) => ({ id: `h${i + 10}`, capacity: 1 }));
    p.candidates = Array.from({ length: 41 }, (_, i) => ({ helper: `h${i + 10}`, recipient: "r1", score: i }));
    p.candidates.push({ helper: "h9", recipient: "r2", score: 1 });
    p.locked = [];
    expect(errorOf(p)).toBe('candidates[41]: unknown helper "h9"');
  });

  it("rejects a candidate naming an unknown recipient", () => {
    const p = base();
    p.candidates.push({ helper: "h2", recipient: "r9", score: 1 });
    expect(errorOf(p)).toBe('candidates[3]: unknown recipient "r9"');
  });

  it("rejects a candidate without a helper or recipient string", () => {
    const p = base();
    p.candidates[2] = { recipient: "r2", score: 1 };
    expect(errorOf(p)).toBe("candidates[2].helper: missing (expected a string)");
    p.candidates[2] = { helper: "h1", recipient: ["r2"], score: 1 };
    expect(errorOf(p)).toBe("candidates[2].recipient: expected a string, got an array");
  });

  it("rejects a non-integer or out-of-range score", () => {
    for (const [bad, shown] of [
      [10001, "10001"],
      [-1, "-1"],
      [2.5, "2.5"],
      ["5", '"5"'],
    ] as const) {
      const p = base();
      (p.candidates[1] as Record<string, unknown>).score = bad;
      expect(errorOf(p)).toBe(`candidates[1].score: expected an integer from 0 to 10000, got ${shown}`);
    }
    const p = base();
    (p.candidates[1] as Record<string, unknown>).score = 10000;
    expect(() => compilePairingProblem(p)).not.toThrow();
  });

  it("rejects a duplicate candidate pair", () => {
    const p = base();
    p.candidates.push({ helper: "h2", recipient: "r1", score: 99 });
    expect(errorOf(p)).toBe('candidates[3]: duplicate pair (helper "h2", recipient "r1"), also candidates[1]');
  });

  it("reports the earliest problem in the candidate list", () => {
    const p = base();
    p.candidates.push({ helper: "h1", recipient: "r2", score: 1 }); // [3] duplicates [2]
    p.candidates.push({ helper: "h9", recipient: "r2", score: 1 }); // [4] unknown
    expect(errorOf(p)).toBe('candidates[3]: duplicate pair (helper "h1", recipient "r2"), also candidates[2]');
    const q = base();
    q.candidates.push({ helper: "h9", recipient: "r2", score: 1 }); // [3] unknown
    q.candidates.push({ helper: "h1", recipient: "r2", score: 1 }); // [4] duplicate
    expect(errorOf(q)).toBe('candidates[3]: unknown helper "h9"');
  });

  it("rejects a locked pair that is not a candidate", () => {
    const p = base();
    p.locked.push({ helper: "h2", recipient: "r2" });
    expect(errorOf(p)).toBe('locked[1]: helper "h2" and recipient "r2" are not a candidate pair');
  });

  it("rejects a locked pair that is also forbidden", () => {
    const p = base();
    p.forbidden.push({ helper: "h2", recipient: "r2" }, { helper: "h1", recipient: "r1" });
    expect(errorOf(p)).toBe('locked[0]: pair (helper "h1", recipient "r1") is also forbidden (forbidden[1])');
  });

  it("rejects locks that exceed a capacity", () => {
    const p = base();
    p.locked.push({ helper: "h1", recipient: "r2" });
    (p.helpers[0] as Record<string, unknown>).capacity = 1;
    expect(errorOf(p)).toBe('locked[1]: helper "h1" has 2 locked pairs, more than its capacity 1');
  });

  it("rejects locks that exceed a demand", () => {
    const p = base();
    p.locked.push({ helper: "h2", recipient: "r1" });
    (p.recipients[0] as Record<string, unknown>).demand = 1;
    expect(errorOf(p)).toBe('locked[1]: recipient "r1" has 2 locked pairs, more than its demand 1');
  });

  it("rejects lock and forbidden entries naming unknown ids or malformed", () => {
    const p = base();
    p.locked.push({ helper: "h9", recipient: "r1" });
    expect(errorOf(p)).toBe('locked[1]: unknown helper "h9"');
    const q = base();
    q.forbidden.push({ helper: "h1", recipient: "r9" });
    expect(errorOf(q)).toBe('forbidden[0]: unknown recipient "r9"');
    const s = base();
    s.forbidden.push({ helper: 3, recipient: "r1" });
    expect(errorOf(s)).toBe("forbidden[0].helper: expected a string, got 3");
    expect(errorOf({ ...base(), locked: "h1" })).toBe('locked: expected an array, got "h1"');
    expect(errorOf({ ...base(), forbidden: [null] })).toBe("forbidden[0]: expected an object, got null");
  });

  it("accepts absent lock and forbidden lists, forbidden non-candidates and repeated entries", () => {
    const { locked: _l, forbidden: _f, ...bare } = base();
    expect(() => compilePairingProblem(bare)).not.toThrow();
    const p = base();
    p.forbidden.push({ helper: "h2", recipient: "r2" }, { helper: "h2", recipient: "r2" });
    p.locked.push({ helper: "h1", recipient: "r1" });
    (p.helpers[0] as Record<string, unknown>).capacity = 1;
    // The repeated lock counts once against capacity 1.
    expect(solvePairing(p)).toMatchObject({ covered: 1, assigned: 2, score: 880 });
  });

  it("quotes odd ids so the message stays on one line", () => {
    const p = base();
    p.candidates.push({ helper: 'h"\n9', recipient: "r1", score: 1 });
    expect(errorOf(p)).toBe('candidates[3]: unknown helper "h\\"\\n9"');
  });
});
