/**
 * The benchmark's problems: 广西 (province 45) with enough helpers, and with scarce helpers.
 * Generated once and cached under bench/.cache/ (gitignored); bump CACHE_VERSION when the
 * generator changes so stale files are not reused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PairingProblem } from "@huzhu/domain";
import { generateProvinceProblem, type ProvinceCase } from "./generate.ts";

const CACHE_VERSION = 2;
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), "../.cache/pairing");

export interface BenchCase extends ProvinceCase {
  name: string;
  title: string;
}

export const CASES: BenchCase[] = [
  { name: "guangxi-normal", title: "广西, enough helpers", province: "45", supply: "normal", seed: 45 },
  { name: "guangxi-scarce", title: "广西, scarce helpers", province: "45", supply: "scarce", seed: 4545 },
];

export function caseFile(c: BenchCase): string {
  return join(cacheDir, `${c.name}-v${CACHE_VERSION}.json`);
}

/** The problem as JSON text, generated and cached on first use. */
export function loadCaseText(c: BenchCase): string {
  const file = caseFile(c);
  if (existsSync(file)) return readFileSync(file, "utf8");
  const text = JSON.stringify(generateProvinceProblem(c));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, text);
  return text;
}

export function loadCase(c: BenchCase): PairingProblem {
  return JSON.parse(loadCaseText(c)) as PairingProblem;
}
