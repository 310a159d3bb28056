import type { RoundOrg, RoundPair } from "@huzhu/contracts";

/** Organizations and pairs as a round's result gives them, for the component tests. */
export const town = { id: 15, name: "中共湘店镇委员会" };
export const org = (id: number, name: string, flags: RoundOrg["flags"] = []): RoundOrg => ({
  id,
  name,
  category: "village",
  area: "rural",
  town,
  flags,
});

export function pair(helper: RoundOrg, recipient: RoundOrg, overrides: Partial<RoundPair> = {}): RoundPair {
  return {
    helper: `o${helper.id}`,
    recipient: `o${recipient.id}`,
    score: 4156,
    helperOrg: helper,
    recipientOrg: recipient,
    form: "rural_rural",
    locked: false,
    factors: [],
    reasonCode: "best-score",
    explanation: "组织树上相距 2 级；经济薄弱村；在 5 个备选中得分最高",
    ...overrides,
  };
}
