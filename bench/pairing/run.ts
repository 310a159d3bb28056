/**
 * Pairing benchmark: the exact solver against HiGHS on province-scale problems, plus warm
 * (incremental) re-solves against cold ones.
 *
 *   node --import tsx bench/pairing/run.ts [--runs 7] [--highs-runs 3] [--edits 20]
 *        [--case guangxi-normal] [--highs bigm-ipm] [--no-highs] [--write-readme]
 *
 * For each case: median wall time of `solvePairing` on the parsed problem (validation, network
 * construction, solve, result), of HiGHS on the same object (model construction and solve), a
 * check that both give the same covered/assigned/score, peak memory of each in its own process,
 * one end-to-end `huzhu pairing solve FILE` run, and `--edits` single edits (forbid a chosen
 * pair, lock another candidate, change a capacity, change a demand) each followed by a warm
 * `resolve()`, every one checked against a cold solve of the edited problem.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createPairingSession, type PairingProblem, type PairingResult, solvePairing } from "@huzhu/domain";
import {
  type HighsOptions,
  highsRuntime,
  solveWithHighs,
} from "../../packages/domain/src/pairing/testing/highs-reference.ts";
import { type BenchCase, CASES, caseFile, loadCaseText } from "./cases.ts";
import { mulberry32 } from "./generate.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "../..");

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    "highs-runs": { type: "string", default: "3" },
    edits: { type: "string", default: "20" },
    case: { type: "string", multiple: true },
    highs: { type: "string", default: "bigm-ipm" },
    "no-highs": { type: "boolean", default: false },
    "write-readme": { type: "boolean", default: false },
  },
});
const runs = Number(args.runs);
const highsRuns = Number(args["highs-runs"]);
const editCount = Number(args.edits);
const [formulation, lpSolver] = (args.highs ?? "bigm-ipm").split("-") as [
  NonNullable<HighsOptions["formulation"]>,
  NonNullable<HighsOptions["solver"]>,
];
const cases = args.case ? CASES.filter((c) => args.case?.includes(c.name)) : CASES;

interface Row {
  c: BenchCase;
  size: string;
  objective: string;
  ours: number[];
  highs: number[];
  agree: boolean | null;
  oursMemory: Memory;
  highsMemory: Memory | null;
  cli: number;
  coldSession: number;
  warm: number[];
  warmPivots: number[];
}
interface Memory {
  peakRssMB: number;
  afterLoadMB: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const time = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};
const same = (a: { covered: number; assigned: number; score: number }, b: typeof a) =>
  a.covered === b.covered && a.assigned === b.assigned && a.score === b.score;
const log = (line: string) => process.stderr.write(`${line}\n`);

function measureMemory(args: string[]): Memory {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(here, "measure.ts"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Memory;
}

function incremental(problem: PairingProblem, seed: number): { cold: number; warm: number[]; pivots: number[] } {
  const random = mulberry32(seed);
  const mirror = structuredClone(problem);
  mirror.locked ??= [];
  mirror.forbidden ??= [];
  const key = (h: string, r: string) => `${h}\u0000${r}`;
  const locked = new Set(mirror.locked.map((p) => key(p.helper, p.recipient)));
  const forbidden = new Set(mirror.forbidden.map((p) => key(p.helper, p.recipient)));
  const helperLocks = new Map<string, number>();
  const recipientLocks = new Map<string, number>();
  for (const p of mirror.locked) {
    helperLocks.set(p.helper, (helperLocks.get(p.helper) ?? 0) + 1);
    recipientLocks.set(p.recipient, (recipientLocks.get(p.recipient) ?? 0) + 1);
  }
  const helperById = new Map(mirror.helpers.map((h) => [h.id, h]));
  const recipientById = new Map(mirror.recipients.map((r) => [r.id, r]));
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;

  const session = createPairingSession(problem);
  const [first, cold] = time(() => session.resolve());
  let current: PairingResult = first;
  const warm: number[] = [];
  const pivots: number[] = [];
  for (let i = 0; i < editCount; i++) {
    let edit: () => void;
    let describe: string;
    switch (i % 4) {
      case 0: {
        const pair = pick(current.pairs.filter((p) => !locked.has(key(p.helper, p.recipient))));
        describe = `forbid ${pair.helper} ${pair.recipient}`;
        edit = () => session.forbid(pair.helper, pair.recipient);
        forbidden.add(key(pair.helper, pair.recipient));
        mirror.forbidden.push({ helper: pair.helper, recipient: pair.recipient });
        break;
      }
      case 1: {
        const chosen = new Set(current.pairs.map((p) => key(p.helper, p.recipient)));
        let c = pick(mirror.candidates);
        while (
          chosen.has(key(c.helper, c.recipient)) ||
          forbidden.has(key(c.helper, c.recipient)) ||
          (helperLocks.get(c.helper) ?? 0) >= (helperById.get(c.helper)?.capacity ?? 0) ||
          (recipientLocks.get(c.recipient) ?? 0) >= (recipientById.get(c.recipient)?.demand ?? 0)
        ) {
          c = pick(mirror.candidates);
        }
        const { helper, recipient } = c;
        describe = `lock ${helper} ${recipient}`;
        edit = () => session.lock(helper, recipient);
        locked.add(key(helper, recipient));
        helperLocks.set(helper, (helperLocks.get(helper) ?? 0) + 1);
        recipientLocks.set(recipient, (recipientLocks.get(recipient) ?? 0) + 1);
        mirror.locked.push({ helper, recipient });
        break;
      }
      case 2: {
        const h = pick(mirror.helpers);
        h.capacity = Math.max(1, helperLocks.get(h.id) ?? 0, h.capacity + (random() < 0.5 ? -1 : 1));
        const capacity = h.capacity;
        describe = `capacity ${h.id} ${capacity}`;
        edit = () => session.setCapacity(h.id, capacity);
        break;
      }
      default: {
        const r = pick(mirror.recipients);
        r.demand = Math.max(1, recipientLocks.get(r.id) ?? 0, r.demand + (random() < 0.5 ? -1 : 1));
        const demand = r.demand;
        describe = `demand ${r.id} ${demand}`;
        edit = () => session.setDemand(r.id, demand);
      }
    }
    const [result, ms] = time(() => {
      edit();
      return session.resolve();
    });
    warm.push(ms);
    pivots.push(session.stats.pivots);
    const check = solvePairing(mirror);
    if (!same(result, check) || session.stats.cold) {
      throw new Error(`incremental result differs from cold after "${describe}" (or was not warm)`);
    }
    current = result;
  }
  return { cold, warm, pivots };
}

const rows: Row[] = [];
const highs = args["no-highs"] ? null : await highsRuntime();
for (const c of cases) {
  const text = loadCaseText(c);
  const problem = JSON.parse(text) as PairingProblem;
  const capacity = problem.helpers.reduce((s, h) => s + h.capacity, 0);
  const demand = problem.recipients.reduce((s, r) => s + r.demand, 0);
  const size =
    `${problem.recipients.length.toLocaleString("en")} recipients (demand ${demand.toLocaleString("en")}), ` +
    `${problem.helpers.length.toLocaleString("en")} helpers (capacity ${capacity.toLocaleString("en")}), ` +
    `${problem.candidates.length.toLocaleString("en")} candidates, ${problem.locked?.length ?? 0} locked, ` +
    `${problem.forbidden?.length ?? 0} forbidden`;
  log(`${c.title}: ${size}`);

  solvePairing(problem); // warm-up: JIT
  const ours: number[] = [];
  let result: PairingResult | null = null;
  for (let i = 0; i < runs; i++) {
    const [r, ms] = time(() => solvePairing(problem));
    ours.push(ms);
    result = r;
  }
  if (!result) throw new Error("no run");
  log(
    `  ours: median ${median(ours).toFixed(0)} ms over ${runs} runs -> ${result.covered}/${result.assigned}/${result.score}`,
  );

  const highsTimes: number[] = [];
  let agree: boolean | null = null;
  if (highs) {
    for (let i = 0; i < highsRuns; i++) {
      const [h, ms] = time(() => solveWithHighs(highs, problem, { formulation, solver: lpSolver }));
      highsTimes.push(ms);
      agree = (agree ?? true) && same(h, result);
      log(`  HiGHS ${args.highs}: ${ms.toFixed(0)} ms -> ${h.covered}/${h.assigned}/${h.score}`);
    }
    if (!agree) throw new Error(`HiGHS and the solver disagree on ${c.name}`);
  }

  const oursMemory = measureMemory(["ours", caseFile(c)]);
  const highsMemory = highs ? measureMemory(["highs", caseFile(c), formulation, lpSolver]) : null;
  log(`  peak RSS: ours ${oursMemory.peakRssMB} MB, HiGHS ${highsMemory?.peakRssMB ?? "-"} MB`);

  const [, cli] = time(() =>
    execFileSync(process.execPath, [join(repoRoot, "apps/server/bin/huzhu.mjs"), "pairing", "solve", caseFile(c)], {
      cwd: repoRoot,
      maxBuffer: 1 << 26,
    }),
  );

  const inc = incremental(problem, c.seed);
  log(`  incremental: median ${median(inc.warm).toFixed(1)} ms (cold session ${inc.cold.toFixed(0)} ms)`);
  rows.push({
    c,
    size,
    objective: `${result.covered.toLocaleString("en")} / ${result.assigned.toLocaleString("en")} / ${result.score.toLocaleString("en")}`,
    ours,
    highs: highsTimes,
    agree,
    oursMemory,
    highsMemory,
    cli,
    coldSession: inc.cold,
    warm: inc.warm,
    warmPivots: inc.pivots,
  });
}

const fmt = (ms: number) =>
  ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const lines: string[] = [];
lines.push(
  `Last run: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${runs} runs of the solver and ${highsRuns} of HiGHS (${args.highs}) per case.`,
  "",
);
for (const r of rows)
  lines.push(`- **${r.c.title}** (\`${r.c.name}\`): ${r.size}; optimum covered / assigned / score = ${r.objective}.`);
lines.push(
  "",
  "| case | solver, median | HiGHS, median | HiGHS ÷ solver | agree | peak RSS solver / HiGHS | `huzhu pairing solve` end to end |",
  "|---|---|---|---|---|---|---|",
);
for (const r of rows) {
  const ratio = r.highs.length ? `${(median(r.highs) / median(r.ours)).toFixed(0)}×` : "-";
  const memory = `${r.oursMemory.peakRssMB} MB / ${r.highsMemory ? `${r.highsMemory.peakRssMB} MB` : "-"}`;
  lines.push(
    `| ${r.c.name} | ${fmt(median(r.ours))} | ${r.highs.length ? fmt(median(r.highs)) : "-"} | ${ratio} | ${r.agree === null ? "-" : r.agree ? "yes" : "NO"} | ${memory} | ${fmt(r.cli)} |`,
  );
}
lines.push(
  "",
  "| case | cold solve (median) | warm re-solve after one edit: median / max | median ÷ cold | pivots, median |",
  "|---|---|---|---|---|",
);
for (const r of rows) {
  lines.push(
    `| ${r.c.name} | ${fmt(median(r.ours))} | ${median(r.warm).toFixed(1)} ms / ${Math.max(...r.warm).toFixed(1)} ms | ${((100 * median(r.warm)) / median(r.ours)).toFixed(1)} % | ${median(r.warmPivots)} |`,
  );
}
const table = lines.join("\n");
process.stdout.write(`${table}\n`);

if (args["write-readme"]) {
  const readme = join(here, "../README.md");
  const start = "<!-- pairing-results:start -->";
  const end = "<!-- pairing-results:end -->";
  const text = readFileSync(readme, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/README.md has no ${start} ... ${end} block`);
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
  log("bench/README.md updated");
}
