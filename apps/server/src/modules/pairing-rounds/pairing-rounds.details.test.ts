import { defaultRoundParameters } from "@huzhu/contracts";
import { describe, expect, it } from "vitest";
import type { OrgForPairing } from "../orgs/orgs.repository.ts";
import { decodeDetails, encodeDetails, type StoredCandidateColumns } from "./pairing-rounds.details.ts";
import { buildRound } from "./pairing-rounds.problem.ts";

/** A county with two towns, their villages (some weak or poor), communities and an organ. */
function county(): OrgForPairing[] {
  const orgs: OrgForPairing[] = [
    {
      id: 1,
      parent_id: null,
      path: "/1/",
      depth: 0,
      name: "县委",
      category: "county",
      area: "urban",
      flags: [],
      members: 0,
    },
    {
      id: 2,
      parent_id: 1,
      path: "/1/2/",
      depth: 1,
      name: "甲镇",
      category: "town_street",
      area: "rural",
      flags: [],
      members: 0,
    },
    {
      id: 3,
      parent_id: 1,
      path: "/1/3/",
      depth: 1,
      name: "乙镇",
      category: "town_street",
      area: "rural",
      flags: [],
      members: 0,
    },
    {
      id: 4,
      parent_id: 1,
      path: "/1/4/",
      depth: 1,
      name: "机关",
      category: "government_organ",
      area: "urban",
      flags: [],
      members: 90,
    },
  ];
  let id = 10;
  for (const town of [2, 3]) {
    for (let i = 0; i < 6; i++) {
      const flags = i % 3 === 0 ? ["weak"] : i % 3 === 1 ? ["weak", "poor"] : [];
      orgs.push({
        id,
        parent_id: town,
        path: `/1/${town}/${id}/`,
        depth: 2,
        name: `村${id}`,
        category: "village",
        area: "rural",
        flags,
        members: 10 + i * 20,
      });
      id++;
    }
    orgs.push({
      id,
      parent_id: town,
      path: `/1/${town}/${id}/`,
      depth: 2,
      name: `社区${id}`,
      category: "urban_community",
      area: "urban",
      flags: [],
      members: 45,
    });
    id++;
  }
  return orgs;
}

describe("a run's stored details", () => {
  const built = buildRound({
    orgs: county(),
    facts: {
      openNeeds: new Map([[10, { funds: 2 }]]),
      resources: new Map([[4, ["funds"]]]),
      ratings: new Map([[4, { average: 4.5, count: 2 }]]),
    },
    activePairs: new Set(["4:11"]),
    parameters: defaultRoundParameters,
    locks: [],
    forbids: [],
  });

  it("come back exactly as they were built, after a trip through JSON", () => {
    expect(Object.keys(built.details.candidates).length).toBeGreaterThan(20);
    const stored = JSON.parse(JSON.stringify(encodeDetails(built.details)));
    expect(decodeDetails(stored)).toEqual(built.details);
  });

  it("write each distinct factor list once, and give every candidate its own copy back", () => {
    const stored = encodeDetails(built.details);
    const columns = stored.candidates as StoredCandidateColumns;
    expect(columns.encoding).toBe("columns-v1");
    expect(columns.keys).toHaveLength(Object.keys(built.details.candidates).length);
    expect(columns.factorLists.length).toBeLessThan(columns.keys.length);
    expect(new Set(columns.factorLists.map((f) => JSON.stringify(f))).size).toBe(columns.factorLists.length);
    const decoded = decodeDetails(JSON.parse(JSON.stringify(stored)));
    const [a, b] = columns.keys.filter((_, i) => columns.factors[i] === 0);
    if (a && b) expect(decoded.candidates[a]?.factors).not.toBe(decoded.candidates[b]?.factors);
  });

  it("read details stored before the columns as they are", () => {
    const old = JSON.parse(JSON.stringify(built.details));
    expect(decodeDetails(old)).toEqual(built.details);
  });
});
