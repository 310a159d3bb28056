import { describe, expect, it } from "vitest";
import {
  type ScoringHelper,
  type ScoringOptions,
  type ScoringRecipient,
  scoreCandidates,
  treeHops,
} from "./scoring.ts";

// A county (1) with two towns (2, 3), villages 21, 22 (town 2) and 31 (town 3), an organ (4) and a
// community (5) under the county.
const village = (id: number, town: number, flags: string[] = [], openNeeds = {}): ScoringRecipient => ({
  id,
  path: `/1/${town}/${id}/`,
  category: "village",
  area: "rural",
  flags,
  openNeeds,
});
const helper = (id: number, category: string, area: "urban" | "rural", extra: Partial<ScoringHelper> = {}) => ({
  id,
  path: `/1/${id}/`,
  category,
  area,
  flags: [],
  members: 30,
  resources: [],
  rating: null,
  ...extra,
});
const options: ScoringOptions = {
  weights: { fit: 4, proximity: 3, priority: 3, effectiveness: 2, continuity: 2, strength: 1 },
  forms: ["urban_rural", "rural_rural", "urban_urban"],
  maxHops: 4,
  maxCandidatesPerRecipient: 30,
  minScore: 0,
  fitTable: { funds: { resources: ["funds"], orgs: ["government_organ"] }, venue: { resources: ["venue"], orgs: [] } },
  activePairs: new Set(),
};

describe("scoreCandidates", () => {
  it("counts steps in the tree from the paths", () => {
    expect(treeHops("/1/2/21/", "/1/2/22/")).toBe(2);
    expect(treeHops("/1/2/21/", "/1/4/")).toBe(3);
    expect(treeHops("/1/2/", "/1/2/21/")).toBe(1);
  });

  it("scores the weighted factors and says how many open needs a helper answers", () => {
    const r = village(21, 2, ["weak", "poor"], { funds: 2, venue: 1 });
    const organ = helper(4, "government_organ", "urban", { rating: { average: 5, count: 3 } });
    const community = helper(5, "urban_community", "urban", { resources: ["venue"], members: 0 });
    const [best, second] = scoreCandidates([r], [organ, community], options);
    expect(best).toMatchObject({ helper: 4, recipient: 21, form: "urban_rural", hops: 3, matchedNeeds: 2 });
    expect(second).toMatchObject({ helper: 5, matchedNeeds: 1 });
    const points = Object.fromEntries((best?.factors ?? []).map((f) => [f.code, f.points]));
    // fit 2/3, proximity 1 - 2/4, priority 1, effectiveness 1, continuity 0, strength log(31)/log(101).
    expect(points.fit).toBe(Math.round(((4 * 2) / 3 / 15) * 10000));
    expect(points.priority).toBe(2000);
    expect(points.continuity).toBe(0);
    const sum = (best?.factors ?? []).reduce((s, f) => s + f.points, 0);
    expect(Math.abs(sum - (best?.score ?? 0))).toBeLessThanOrEqual(3);
  });

  it("keeps to the allowed forms and distance, and keeps a locked pair whatever its rank", () => {
    const far = { ...helper(9, "government_organ", "urban"), path: "/1/3/31/9/" };
    const strong = { ...helper(22, "village", "rural"), path: "/1/2/22/" };
    const r = village(21, 2);
    const urbanOnly = scoreCandidates([r], [far, strong], { ...options, forms: ["urban_rural"], maxHops: 4 });
    expect(urbanOnly).toEqual([]);
    const all = scoreCandidates([r], [far, strong], options);
    expect(all.map((c) => c.helper)).toEqual([22]);
    const kept = scoreCandidates([r], [far, strong], { ...options, keep: new Set(["9:21"]) });
    expect(kept.map((c) => c.helper).sort()).toEqual([22, 9].sort());
    const top1 = scoreCandidates([r], [helper(4, "government_organ", "urban"), strong], {
      ...options,
      maxCandidatesPerRecipient: 1,
      keep: new Set(["4:21"]),
    });
    // The nearer village ranks first; the organ stays only because it is kept.
    expect(top1.map((c) => c.helper)).toEqual([22, 4]);
  });

  it("gives the same candidates for the same inputs, ties broken by helper id", () => {
    const r = village(21, 2);
    const twins = [helper(7, "school", "urban"), helper(6, "school", "urban")];
    const a = scoreCandidates([r], twins, options);
    expect(a.map((c) => c.helper)).toEqual([6, 7]);
    expect(scoreCandidates([r], [...twins].reverse(), options)).toEqual(a);
  });

  it("refuses weights that are all zero", () => {
    const zero = { fit: 0, proximity: 0, priority: 0, effectiveness: 0, continuity: 0, strength: 0 };
    expect(() => scoreCandidates([], [], { ...options, weights: zero })).toThrow(/weights/);
  });
});
