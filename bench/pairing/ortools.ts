/**
 * Our solver against Google OR-Tools' C++ min-cost flow on the same 广西 problems (issue 9, item 7).
 *
 *   node --import tsx bench/pairing/ortools.ts [--runs 7] [--case guangxi-normal] [--case guangxi-second-round]
 *        [--python bench/.cache/ortools-venv/bin/python]
 *
 * OR-Tools is not a dependency of the platform: bench/README.md says how to put it in a venv. Each
 * run alternates one cold `solvePairing(problem)` here (on the parsed object: validation, canonical
 * sort, presolve, network, greedy start, simplex, result) with one OR-Tools process
 * (bench/pairing/or_tools.py) of which only the `solve()` call is timed — not its reading of the
 * file nor its adding of arcs — so both see the same load on a busy machine; the ratio is taken per
 * pair of runs, then the median. Every run checks that both give the same covered / assigned /
 * score.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type PairingProblem, solvePairing } from "@huzhu/domain";
import { presolvePairing } from "../../packages/domain/src/pairing/presolve.ts";
import { compilePairingProblem } from "../../packages/domain/src/pairing/validate.ts";
import { CASES, caseFile, loadCaseText } from "./cases.ts";

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    case: { type: "string", multiple: true },
    python: { type: "string", default: join(here, "../.cache/ortools-venv/bin/python") },
  },
});
const runs = Number(args.runs);
const python = args.python as string;
if (!existsSync(python)) {
  console.error(`no Python with OR-Tools at ${python}: see bench/README.md (Pairing: OR-Tools), or pass --python`);
  process.exit(2);
}
/**
 * A second year's round: guangxi-normal with the pairs of last year's optimum kept (locked) for
 * seven recipients in ten — what continuity (常态化) makes of a real round, and where the presolve
 * drops most candidates (their recipient is full, or their helper is).
 */
function secondRound(): { name: string; file: string; problem: PairingProblem } {
  const base = CASES.find((c) => c.name === "guangxi-normal") as (typeof CASES)[number];
  const problem = JSON.parse(loadCaseText(base)) as PairingProblem;
  const last = solvePairing(problem);
  const recipients = [...new Set(last.pairs.map((p) => p.recipient))];
  const keep = new Set(recipients.filter((_, i) => i % 10 < 7));
  const forbidden = new Set((problem.forbidden ?? []).map((p) => `${p.helper}\u0000${p.recipient}`));
  const locked = last.pairs
    .filter((p) => keep.has(p.recipient) && !forbidden.has(`${p.helper}\u0000${p.recipient}`))
    .map((p) => ({ helper: p.helper, recipient: p.recipient }));
  const variant: PairingProblem = { ...problem, locked };
  const file = join(dirname(caseFile(base)), "guangxi-second-round.json");
  writeFileSync(file, JSON.stringify(variant));
  return { name: "guangxi-second-round", file, problem: variant };
}

const selected = [
  ...(args.case ? CASES.filter((c) => args.case?.includes(c.name)) : CASES).map((c) => ({
    name: c.name,
    file: caseFile(c),
    problem: JSON.parse(loadCaseText(c)) as PairingProblem,
  })),
  ...(!args.case || args.case.includes("guangxi-second-round") ? [secondRound()] : []),
];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface OrToolsRun {
  covered: number;
  assigned: number;
  score: number;
  solveMs: number[];
  readMs: number;
  buildMs: number;
  arcs: number;
  ortools: string;
}

const rows: string[] = [];
let version = "";
for (const c of selected) {
  const { problem } = c;
  const { stats } = presolvePairing(compilePairingProblem(problem));
  const kept = `${stats.keptCandidates.toLocaleString("en")} of ${stats.candidates.toLocaleString("en")} (${((100 * stats.keptCandidates) / stats.candidates).toFixed(0)} %)`;
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  let objective = "";
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = solvePairing(problem);
    const ms = performance.now() - started;
    const out = JSON.parse(
      execFileSync(python, [join(here, "or_tools.py"), c.file, "--runs", "1"], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      }),
    ) as OrToolsRun;
    version = out.ortools;
    const same = out.covered === result.covered && out.assigned === result.assigned && out.score === result.score;
    if (!same) {
      throw new Error(
        `${c.name}: OR-Tools ${out.covered}/${out.assigned}/${out.score} ≠ ours ${result.covered}/${result.assigned}/${result.score}`,
      );
    }
    objective = `${result.covered.toLocaleString("en")} / ${result.assigned.toLocaleString("en")} / ${result.score.toLocaleString("en")}`;
    const theirMs = out.solveMs[0] as number;
    ours.push(ms);
    theirs.push(theirMs);
    ratios.push(theirMs / ms);
    console.log(
      `${c.name} run ${run + 1}: ours ${ms.toFixed(0)} ms, OR-Tools solve() ${theirMs.toFixed(0)} ms ` +
        `(its read ${out.readMs.toFixed(0)} ms, arcs added ${out.buildMs.toFixed(0)} ms, ${out.arcs} arcs)`,
    );
  }
  rows.push(
    `| ${c.name} | ${kept} | ${objective} | ${median(ours).toFixed(0)} ms | ${median(theirs).toFixed(0)} ms | ` +
      `${median(ratios).toFixed(2)} | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | yes (${runs}/${runs}) |`,
  );
}
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, OR-Tools ${version}, ${runs} alternating runs per case`,
);
console.log(
  "| case | candidates kept by the presolve | covered / assigned / score | our cold solve, median | OR-Tools `solve()`, median | OR-Tools ÷ ours, median | range | agree |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
