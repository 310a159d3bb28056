import type { DemoOrg } from "./generate.ts";
import { hashString, mulberry32 } from "./random.ts";

/**
 * Which demo villages are flagged 软弱涣散 (weak) or 经济薄弱 (poor), so that a pairing round over
 * the demo county has recipients to pair (issue 9): about one village in seven weak and one in
 * five poor, each decided by the village's own key, so the same seed flags the same villages.
 */
export function demoOrgFlags(org: Pick<DemoOrg, "key" | "category">, seed: number): string[] {
  if (org.category !== "village") return [];
  const rng = mulberry32(hashString(`flags:${org.key}`, seed));
  const flags: string[] = [];
  if (rng() < 0.15) flags.push("weak");
  if (rng() < 0.2) flags.push("poor");
  return flags;
}
