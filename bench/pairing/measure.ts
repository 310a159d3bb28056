/**
 * One solve in a fresh process, for peak memory: the benchmark runs this once per solver and
 * case, so one solver's garbage never counts against the other.
 *   node --import tsx bench/pairing/measure.ts ours FILE
 *   node --import tsx bench/pairing/measure.ts highs FILE phases|native|bigm simplex|ipm
 * Prints one JSON line: peak RSS of the whole process, and peak RSS once the problem was loaded.
 */
import { readFileSync } from "node:fs";
import { type PairingProblem, solvePairing } from "@huzhu/domain";
import { highsRuntime, solveWithHighs } from "../../packages/domain/src/pairing/testing/highs-reference.ts";

const [solver, file, formulation = "bigm", lpSolver = "ipm"] = process.argv.slice(2);
if ((solver !== "ours" && solver !== "highs") || !file) {
  process.stderr.write("usage: measure.ts ours FILE | measure.ts highs FILE phases|native|bigm simplex|ipm\n");
  process.exit(2);
}
const highsOptions = {
  formulation: formulation as "phases" | "native" | "bigm",
  solver: lpSolver as "simplex" | "ipm",
};
const highs = solver === "highs" ? await highsRuntime() : null;
const problem = JSON.parse(readFileSync(file, "utf8")) as PairingProblem;
const mb = (kb: number) => Math.round(kb / 1024);
const afterLoad = mb(process.resourceUsage().maxRSS);
const start = performance.now();
const result = highs ? solveWithHighs(highs, problem, highsOptions) : solvePairing(problem);
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({
    solver,
    peakRssMB: mb(process.resourceUsage().maxRSS),
    afterLoadMB: afterLoad,
    ms: Math.round(ms),
    covered: result.covered,
    assigned: result.assigned,
    score: result.score,
  })}\n`,
);
