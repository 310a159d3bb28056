/**
 * Runs inside the worker thread: solves the problem it was started with and posts the outcome.
 * Errors travel as plain data (structured clone keeps no class), and are rebuilt by the caller.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  type PairingExplanation,
  PairingInputError,
  type PairingResult,
  solvePairing,
  solvePairingExplained,
} from "@huzhu/domain";

export interface SolveRequest {
  problem: unknown;
  explain: boolean;
}

export type SolveResponse =
  | { ok: true; result: PairingResult; explanation: PairingExplanation | null }
  | { ok: false; inputError: { where: string; message: string } | null; message: string; stack: string | undefined };

function respond(request: SolveRequest): SolveResponse {
  try {
    if (request.explain) {
      const { result, explanation } = solvePairingExplained(request.problem);
      return { ok: true, result, explanation };
    }
    return { ok: true, result: solvePairing(request.problem), explanation: null };
  } catch (error) {
    if (error instanceof PairingInputError) {
      return {
        ok: false,
        inputError: { where: error.where, message: error.message },
        message: error.message,
        stack: undefined,
      };
    }
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, inputError: null, message: e.message, stack: e.stack };
  }
}

parentPort?.postMessage(respond(workerData as SolveRequest));
