/**
 * Runs inside a solver worker thread (see solve-in-worker.ts): parses, solves and serializes each
 * problem it is given, so that the event loop neither parses the upload nor serializes the
 * hundreds of thousands of pairs of the answer. The answer travels back as UTF-8 bytes that the
 * route sends as they are. Input errors travel as data (structured clone keeps no class) and are
 * rebuilt by the caller.
 */
import { PairingInputError, solvePairing, solvePairingExplained } from "@huzhu/domain";
import { serveJobs } from "../../platform/worker-pool.ts";

export interface SolveRequest {
  /** JSON text as UTF-8 bytes or chunks of them (handed over without a copy), JSON text, or an object. */
  problem: unknown;
  explain: boolean;
}

/** What the service needs to know of an answer without parsing it (the audit record). */
export interface SolveSummary {
  covered: number;
  assigned: number;
  score: number;
  /** Wall time of the solve in the worker (parse, validate, solve, explain), milliseconds. */
  solveMs: number;
}

export type SolveResponse =
  | {
      ok: true;
      /** `{"result":…,"explanation":…|null,"solveMs":…}` as UTF-8: the 200 body of the route. */
      body: Uint8Array;
      summary: SolveSummary;
    }
  | { ok: false; inputError: { where: string; message: string } };

/** The JSON text of bytes that arrived in pieces (a character may straddle two of them). */
function decodeUtf8(pieces: readonly Uint8Array[]): string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    const parts = pieces.map((piece) => decoder.decode(piece, { stream: true }));
    parts.push(decoder.decode());
    return parts.join("");
  } catch {
    throw new PairingInputError("input", "not valid UTF-8 text");
  }
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

function solve(request: SolveRequest): SolveResponse {
  const started = performance.now();
  try {
    let problem = request.problem;
    if (isBytes(problem)) problem = decodeUtf8([problem]);
    else if (Array.isArray(problem) && problem.every(isBytes)) problem = decodeUtf8(problem);
    const { result, explanation } = request.explain
      ? solvePairingExplained(problem)
      : { result: solvePairing(problem), explanation: null };
    const solveMs = Math.round(performance.now() - started);
    const body = new TextEncoder().encode(JSON.stringify({ result, explanation, solveMs }));
    return {
      ok: true,
      body,
      summary: { covered: result.covered, assigned: result.assigned, score: result.score, solveMs },
    };
  } catch (error) {
    if (error instanceof PairingInputError) {
      return { ok: false, inputError: { where: error.where, message: error.message } };
    }
    throw error;
  }
}

serveJobs<SolveRequest, SolveResponse>((request) => {
  const response = solve(request);
  return { response, transfer: response.ok ? [response.body.buffer as ArrayBuffer] : [] };
});
