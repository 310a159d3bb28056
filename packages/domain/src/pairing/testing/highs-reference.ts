/**
 * Test and benchmark helper (not part of the library): the pairing optimum from HiGHS, an
 * independent LP solver, so the network simplex can be checked and raced against it.
 *
 * Formulation: the same flow polytope, written as an LP over the candidates x (locked ones fixed
 * to 1, forbidden ones left out), per recipient a coverage variable y ∈ [0, 1] and an extra
 * variable z ∈ [0, demand − 1] with Σx − y − z = 0, and per helper Σx ≤ capacity. The matrix is a
 * network matrix (totally unimodular), so LP optima are integral. The lexicographic objective
 * runs in phases on one persistent model, each warm-started from the previous basis:
 *   1. max Σy;  2. add Σy ≥ covered*, max Σx;  3. add Σx ≥ assigned*, max Σ score·x.
 * Alternatives for comparison: HiGHS's native lexicographic objectives, and one LP with the
 * solver's simple-cycle big-M weights.
 * It reads the raw problem itself (its own id maps) and assumes it is valid.
 */
import loadHighs from "highs";
import type { PairingProblem } from "../types.ts";

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let runtime: Promise<Highs> | null = null;

/** Loads the WebAssembly runtime once (not part of any timing). */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

export interface HighsOptimum {
  covered: number;
  assigned: number;
  score: number;
  /** Simplex iterations over all phases. */
  iterations: number;
}

export interface HighsOptions {
  /**
   * phases: three warm-started LPs (see above); native: HiGHS's own lexicographic objectives;
   * bigm: one LP with the solver's simple-cycle weights (exact in exact arithmetic, see model.ts).
   */
  formulation?: "phases" | "native" | "bigm";
  /** HiGHS LP algorithm: dual simplex (default) or interior point with crossover. */
  solver?: "simplex" | "ipm";
}

export function solveWithHighs(highs: Highs, problem: PairingProblem, options: HighsOptions = {}): HighsOptimum {
  const mode = options.formulation ?? "phases";
  const helperIndex = new Map(problem.helpers.map((h, i) => [h.id, i]));
  const recipientIndex = new Map(problem.recipients.map((r, i) => [r.id, i]));
  const key = (helper: string, recipient: string) => `${helper}\u0000${recipient}`;
  const forbidden = new Set((problem.forbidden ?? []).map((p) => key(p.helper, p.recipient)));
  const locked = new Set((problem.locked ?? []).map((p) => key(p.helper, p.recipient)));
  const candidates = problem.candidates.filter((c) => !forbidden.has(key(c.helper, c.recipient)));
  const nx = candidates.length;
  const nh = problem.helpers.length;
  const nr = problem.recipients.length;
  const numCols = nx + 2 * nr;
  const numRows = nh + nr;
  if (numCols === 0) return { covered: 0, assigned: 0, score: 0, iterations: 0 }; // HiGHS rejects empty models

  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(2 * nx + 2 * nr);
  const values = new Float64Array(2 * nx + 2 * nr);
  let n = 0;
  candidates.forEach((c, j) => {
    const fixed = locked.has(key(c.helper, c.recipient));
    colLower[j] = fixed ? 1 : 0;
    colUpper[j] = 1;
    starts[j] = n;
    indices[n] = helperIndex.get(c.helper) as number;
    values[n++] = 1;
    indices[n] = nh + (recipientIndex.get(c.recipient) as number);
    values[n++] = 1;
  });
  // Columns nx..nx+nr-1 are the y (coverage), then nx+nr.. the z (extra demand), in CSC order.
  for (const [offset, upperOf] of [
    [nx, () => 1],
    [nx + nr, (i: number) => (problem.recipients[i]?.demand ?? 1) - 1],
  ] as const) {
    for (let i = 0; i < nr; i++) {
      const col = offset + i;
      colUpper[col] = upperOf(i);
      starts[col] = n;
      indices[n] = nh + i;
      values[n++] = -1;
    }
  }
  starts[numCols] = n;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  problem.helpers.forEach((h, i) => {
    rowLower[i] = -highs.infinity;
    rowUpper[i] = h.capacity;
  });

  const coverage = new Float64Array(numCols);
  const assigned = new Float64Array(numCols);
  const score = new Float64Array(numCols);
  for (let i = 0; i < nr; i++) coverage[nx + i] = 1;
  candidates.forEach((c, j) => {
    assigned[j] = 1;
    score[j] = c.score;
  });

  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: coverage,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: "csc", numRows, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, solver: options.solver ?? "simplex" });
    let iterations = 0;
    const run = (): number => {
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
        throw new Error(`HiGHS did not reach an optimum (status ${model.getModelStatus()})`);
      }
      iterations += Number(model.info.get("simplex_iteration_count"));
      return model.getObjectiveValue();
    };
    const objectiveOf = (x: Float64Array): HighsOptimum => {
      let c = 0;
      let a = 0;
      let s = 0;
      for (let j = 0; j < numCols; j++) {
        const v = Math.round(x[j] as number);
        c += v * (coverage[j] as number);
        a += v * (assigned[j] as number);
        s += v * (score[j] as number);
      }
      return { covered: c, assigned: a, score: s, iterations };
    };
    if (mode === "bigm") {
      const bound = 10000 * (Math.min(nx, nh + nr) + 1);
      const w2 = 2 * bound + 1;
      const w1 = 4 * w2 + 2 * bound + 1;
      const weights = new Float64Array(numCols);
      for (let j = 0; j < numCols; j++) {
        weights[j] = w1 * (coverage[j] as number) + w2 * (assigned[j] as number) + (score[j] as number);
      }
      model.changeColsCost({ kind: "range", from: 0, to: numCols - 1 }, weights);
      run();
      return objectiveOf(model.getSolution().colValue);
    }
    if (mode === "native") {
      const objective = (coefficients: Float64Array, priority: number) => ({
        weight: -1,
        offset: 0,
        coefficients,
        absoluteTolerance: 0.5,
        relativeTolerance: 0,
        priority,
      });
      model.changeColsCost({ kind: "range", from: 0, to: numCols - 1 }, new Float64Array(numCols));
      model.changeObjectiveSense(highs.constants.objectiveSense.minimize);
      model.options.set({ blend_multi_objectives: false });
      model.passLinearObjectives([objective(coverage, 3), objective(assigned, 2), objective(score, 1)]);
      model.run();
      iterations += Number(model.info.get("simplex_iteration_count"));
      return objectiveOf(model.getSolution().colValue);
    }
    const covered = Math.round(run());
    const yCols = Int32Array.from({ length: nr }, (_, i) => nx + i);
    model.addRow(covered, highs.infinity, { indices: yCols, values: new Float64Array(nr).fill(1) });
    model.changeColsCost({ kind: "range", from: 0, to: numCols - 1 }, assigned);
    const pairs = Math.round(run());
    const xCols = Int32Array.from({ length: nx }, (_, j) => j);
    model.addRow(pairs, highs.infinity, { indices: xCols, values: new Float64Array(nx).fill(1) });
    model.changeColsCost({ kind: "range", from: 0, to: numCols - 1 }, score);
    const total = Math.round(run());
    return { covered, assigned: pairs, score: total, iterations };
  } finally {
    model.dispose();
  }
}
