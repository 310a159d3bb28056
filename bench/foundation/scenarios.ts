import crypto from "node:crypto";
import { loadavg } from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";
import type { DB } from "../../apps/server/src/db/schema.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { onEachDatabase } from "./databases.ts";
import { explainAnalyze, recordingKysely } from "./explain.ts";
import { stats } from "./province-db.ts";

/**
 * One call of a list benchmark: the timed call (through the module's service), its reference (the
 * same page and count with no access condition), and the repository's call under the caller's
 * access on another Kysely, recorded for EXPLAIN. Shared by the benchmarks of lists that grow
 * (bench/venues, bench/motion).
 */
export type Pair = [
  timed: () => Promise<{ total: number }>,
  reference: () => Promise<{ total: number }>,
  record: (db: Kysely<DB>) => Promise<unknown>,
];

export interface Sample {
  scenario: string;
  who: string;
  ms: number;
  refMs: number;
  total: number;
}

const time = async (p: () => Promise<{ total: number }>) => {
  const t = performance.now();
  const r = await p();
  return { ms: performance.now() - t, total: r.total };
};

/**
 * Each scenario's i-th call (who calls, and the pair) timed beside its reference, `calls` times
 * after `warmup` calls that are not kept; with `explain`, EXPLAIN (ANALYZE, BUFFERS) of every query
 * of each caller's slowest call.
 */
export async function timeScenarios(
  label: string,
  database: Database,
  scenarios: ReadonlyArray<{ scenario: string; call: (i: number) => [who: string, pair: Pair] }>,
  options: { calls: number; warmup: number; explain: boolean },
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { scenario, call } of scenarios) {
    const slowest = new Map<string, { ms: number; record: Pair[2] }>();
    for (let i = -options.warmup; i < options.calls; i++) {
      const [who, [timed, reference, record]] = call(i);
      const done = await time(timed);
      const ref = await time(reference);
      if (i < 0) continue;
      samples.push({ scenario, who, ms: done.ms, refMs: ref.ms, total: done.total });
      if (done.ms > (slowest.get(who)?.ms ?? 0)) slowest.set(who, { ms: done.ms, record });
    }
    if (!options.explain) continue;
    for (const [who, { ms, record }] of slowest) {
      const recorder = recordingKysely();
      await record(recorder.db as never);
      for (const [n, query] of recorder.seen.entries()) {
        console.log(`\n${label} — ${scenario} — ${who}, slowest call ${ms.toFixed(1)} ms — query ${n + 1}:`);
        console.log(await explainAnalyze(database, query));
      }
    }
  }
  return samples;
}

/** The table bench/README.md shows: per database, caller and list, the call beside its reference. */
export function printScenarioTable(results: ReadonlyArray<{ label: string; samples: readonly Sample[] }>): void {
  console.log(
    "\n| database | caller | list | rows seen (median) | p50 | p95 | max | reference p50 | reference p95 | p95 ÷ reference |\n|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const { label, samples } of results)
    for (const scenario of [...new Set(samples.map((s) => s.scenario))])
      for (const who of [...new Set(samples.filter((s) => s.scenario === scenario).map((s) => s.who))]) {
        const mine = samples.filter((s) => s.scenario === scenario && s.who === who);
        const hit = stats(mine.map((s) => s.ms));
        const ref = stats(mine.map((s) => s.refMs));
        const total = stats(mine.map((s) => s.total));
        console.log(
          `| ${label} | ${who} | ${scenario} | ${total.p50} | ${hit.p50.toFixed(1)} ms | ${hit.p95.toFixed(1)} ms | ` +
            `${hit.max.toFixed(1)} ms | ${ref.p50.toFixed(1)} ms | ${ref.p95.toFixed(1)} ms | ${(hit.p95 / ref.p95).toFixed(2)}× |`,
        );
      }
}

/**
 * A list benchmark's whole run: `bench` on PGlite and PostgreSQL (or `only` one), the load average
 * before and after (the machine is shared), then the table.
 */
export async function runListBenchmark(
  bench: (label: string, database: Database) => Promise<Sample[]>,
  only?: "pglite" | "postgres",
): Promise<void> {
  useAuditKey(crypto.randomBytes(32));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  const results: Array<{ label: string; samples: Sample[] }> = [];
  console.log(`load average ${load()}`);
  await onEachDatabase(async (label, database) => {
    results.push({ label, samples: await bench(label, database) });
  }, only);
  console.log(`load average ${load()}`);
  printScenarioTable(results);
}
