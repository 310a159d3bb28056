import { fixtureCounty } from "./helpers.ts";

/**
 * The fixture county with what mutual help needs (issue 8): two urban communities under the
 * county, community:p (paired with village:a1 by the tests that need a partner) and community:q
 * (nobody's partner), each with a secretary's account (commsec, commsecq), and one for village:a2
 * (seca2), village:a1's sibling.
 */
export function helpCounty() {
  const county = fixtureCounty();
  const base = county.orgs[3] as (typeof county.orgs)[number];
  const community = (key: string, name: string) =>
    ({
      ...base,
      key,
      parentKey: "county",
      name,
      category: "urban_community",
      area: "urban",
      divisionCode: null,
    }) as (typeof county.orgs)[number];
  // community:p is paired with village:a1; community:q is nobody's partner.
  county.orgs.push(community("community:p", "中共城关社区委员会"), community("community:q", "中共平川社区委员会"));
  const secretaryOf = (username: string, orgKey: string) => ({
    username,
    displayName: username,
    roles: [{ role: "secretary" as const, orgKey }],
  });
  county.accounts.push(
    secretaryOf("commsec", "community:p"),
    secretaryOf("commsecq", "community:q"),
    // village:a1's sibling under the same town.
    secretaryOf("seca2", "village:a2"),
  );
  return county;
}
