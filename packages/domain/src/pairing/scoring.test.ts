import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  pairingFormOf,
  type ScoredCandidate,
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

/**
 * The plain definition: every helper against every recipient (what scoreCandidates did before it
 * grouped helpers by path prefix), to check the grouping changes nothing.
 */
function scoreEveryPair(
  recipients: readonly ScoringRecipient[],
  helpers: readonly ScoringHelper[],
  options: ScoringOptions,
): ScoredCandidate[] {
  const factorNames = ["fit", "proximity", "priority", "effectiveness", "continuity", "strength"] as const;
  const totalWeight = factorNames.reduce((sum, f) => sum + options.weights[f], 0);
  const keep = options.keep ?? new Set<string>();
  const out: ScoredCandidate[] = [];
  for (const r of recipients) {
    const needs = Object.entries(r.openNeeds);
    const needTotal = needs.reduce((sum, [, n]) => sum + n, 0);
    const weak = r.flags.includes("weak");
    const poor = r.flags.includes("poor");
    const priority = weak && poor ? 1 : weak || poor ? 0.7 : needTotal > 0 ? 0.4 : 0.2;
    const mine: ScoredCandidate[] = [];
    for (const h of helpers) {
      if (h.id === r.id) continue;
      const form = pairingFormOf(h, r);
      if (!form || !options.forms.includes(form)) continue;
      const hops = treeHops(h.path, r.path);
      const key = `${h.id}:${r.id}`;
      if (hops > options.maxHops && !keep.has(key)) continue;
      let matched = 0;
      for (const [category, count] of needs) {
        const fit = options.fitTable[category];
        if (fit && (fit.orgs.includes(h.category) || fit.resources.some((c) => h.resources.includes(c)))) {
          matched += count;
        }
      }
      const values = {
        fit: needTotal > 0 ? matched / needTotal : 0,
        proximity: Math.max(0, 1 - (hops - 1) / Math.max(1, options.maxHops)),
        priority,
        effectiveness: h.rating && h.rating.count > 0 ? (h.rating.average - 1) / 4 : 0.5,
        continuity: options.activePairs.has(key) ? 1 : 0,
        strength: Math.min(1, Math.log1p(h.members) / Math.log1p(100)),
      };
      let weighted = 0;
      for (const code of factorNames) weighted += options.weights[code] * values[code];
      const score = Math.max(0, Math.min(10000, Math.round((weighted / totalWeight) * 10000)));
      if (score < options.minScore && !keep.has(key)) continue;
      const factors = factorNames.map((code) => ({
        code,
        value: Math.round(values[code] * 10000) / 10000,
        points: Math.round(((options.weights[code] * values[code]) / totalWeight) * 10000),
      }));
      mine.push({ helper: h.id, recipient: r.id, score, form, hops, matchedNeeds: matched, factors });
    }
    mine.sort((a, b) => b.score - a.score || a.helper - b.helper);
    mine.forEach((c, i) => {
      if (i < options.maxCandidatesPerRecipient || keep.has(`${c.helper}:${c.recipient}`)) out.push(c);
    });
  }
  return out;
}

describe("scoreCandidates on random trees", () => {
  it("gives exactly the candidates of the every-pair definition, with locks near and far", () => {
    // A random tree of up to 60 organizations (ids 1..n, each under an earlier one or a root).
    const tree = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }).map((parents) => {
      const paths: string[] = [];
      parents.forEach((p, i) => {
        const parent = i === 0 || p % 7 === 0 ? null : p % i;
        paths.push(`${parent === null ? "/" : paths[parent]}${i + 1}/`);
      });
      return paths;
    });
    const input = tree.chain((paths) => {
      const id = fc.integer({ min: 1, max: paths.length });
      const org = fc.record({
        id,
        area: fc.constantFrom<"urban" | "rural">("urban", "rural"),
        category: fc.constantFrom("village", "urban_community", "government_organ", "school"),
        flags: fc.subarray(["weak", "poor"]),
        members: fc.integer({ min: 0, max: 200 }),
        needs: fc.dictionary(fc.constantFrom("funds", "venue", "other"), fc.integer({ min: 1, max: 3 })),
        resources: fc.subarray(["funds", "venue"]),
        rating: fc.option(
          fc.record({ average: fc.integer({ min: 1, max: 5 }), count: fc.integer({ min: 0, max: 3 }) }),
        ),
      });
      return fc.record({
        recipients: fc.uniqueArray(org, { selector: (o) => o.id, maxLength: 15 }),
        helpers: fc.uniqueArray(org, { selector: (o) => o.id, maxLength: 25 }),
        maxHops: fc.integer({ min: 0, max: 7 }),
        cut: fc.integer({ min: 1, max: 6 }),
        minScore: fc.constantFrom(0, 3000, 6000),
        forms: fc.subarray(["urban_rural", "rural_rural", "urban_urban"] as const, { minLength: 1 }),
        pairs: fc.array(fc.tuple(id, id, fc.boolean()), { maxLength: 20 }),
        paths: fc.constant(paths),
      });
    });
    fc.assert(
      fc.property(input, (x) => {
        const recipients: ScoringRecipient[] = x.recipients.map((o) => ({
          id: o.id,
          path: x.paths[o.id - 1] as string,
          category: o.category,
          area: o.area,
          flags: o.flags,
          openNeeds: o.needs,
        }));
        const helpers: ScoringHelper[] = x.helpers.map((o) => ({
          id: o.id,
          path: x.paths[o.id - 1] as string,
          category: o.category,
          area: o.area,
          flags: o.flags,
          members: o.members,
          resources: o.resources,
          rating: o.rating,
        }));
        const opts: ScoringOptions = {
          ...options,
          forms: x.forms,
          maxHops: x.maxHops,
          maxCandidatesPerRecipient: x.cut,
          minScore: x.minScore,
          activePairs: new Set(x.pairs.filter(([, , keep]) => !keep).map(([h, r]) => `${h}:${r}`)),
          keep: new Set(x.pairs.filter(([, , keep]) => keep).map(([h, r]) => `${h}:${r}`)),
        };
        expect(scoreCandidates(recipients, helpers, opts)).toEqual(scoreEveryPair(recipients, helpers, opts));
      }),
      { numRuns: 500 },
    );
  });
});
