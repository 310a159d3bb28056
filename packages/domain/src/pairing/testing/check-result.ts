/**
 * Test helper: everything a result must satisfy for its problem, independent of optimality.
 * Returns the first violation found, or null.
 */
import type { PairingProblem, PairingResult } from "../types.ts";

export function resultViolation(problem: PairingProblem, result: PairingResult): string | null {
  if (result.format !== "huzhu.pairing-result.v1") return `format ${result.format}`;
  const key = (helper: string, recipient: string) => JSON.stringify([helper, recipient]);
  const candidates = new Map(problem.candidates.map((c) => [key(c.helper, c.recipient), c.score]));
  const forbidden = new Set((problem.forbidden ?? []).map((p) => key(p.helper, p.recipient)));
  const demand = new Map(problem.recipients.map((r) => [r.id, r.demand]));
  const capacity = new Map(problem.helpers.map((h) => [h.id, h.capacity]));
  const got = new Map<string, number>();
  const used = new Map<string, number>();
  const chosen = new Set<string>();
  let score = 0;
  for (let i = 0; i < result.pairs.length; i++) {
    const p = result.pairs[i];
    if (!p) return `pairs[${i}] missing`;
    const k = key(p.helper, p.recipient);
    const s = candidates.get(k);
    if (s === undefined) return `pairs[${i}] is not a candidate`;
    if (s !== p.score) return `pairs[${i}] has score ${p.score}, candidate says ${s}`;
    if (forbidden.has(k)) return `pairs[${i}] is forbidden`;
    if (chosen.has(k)) return `pairs[${i}] repeated`;
    chosen.add(k);
    const prev = result.pairs[i - 1];
    if (prev && !(prev.recipient < p.recipient || (prev.recipient === p.recipient && prev.helper < p.helper))) {
      return `pairs[${i}] out of order`;
    }
    got.set(p.recipient, (got.get(p.recipient) ?? 0) + 1);
    used.set(p.helper, (used.get(p.helper) ?? 0) + 1);
    score += p.score;
  }
  for (const [r, n] of got) if (n > (demand.get(r) ?? 0)) return `recipient ${r} gets ${n} > demand`;
  for (const [h, n] of used) if (n > (capacity.get(h) ?? 0)) return `helper ${h} gives ${n} > capacity`;
  for (const l of problem.locked ?? [])
    if (!chosen.has(key(l.helper, l.recipient))) return `locked pair ${key(l.helper, l.recipient)} missing`;
  if (result.assigned !== result.pairs.length) return `assigned ${result.assigned} but ${result.pairs.length} pairs`;
  if (result.covered !== got.size) return `covered ${result.covered} but ${got.size} recipients have a helper`;
  if (result.score !== score) return `score ${result.score} but pairs sum to ${score}`;
  return null;
}
