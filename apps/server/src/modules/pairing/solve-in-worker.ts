/**
 * Solving a province takes about half a second of pure CPU; on the server's event loop that would
 * stall every request behind it. So the server solves in a worker thread: one short-lived worker
 * per solve (pairing rounds are rare, and a fresh worker frees the solver's memory at once).
 *
 * Handing the problem over costs a structured clone on the calling thread. For a large problem,
 * pass the JSON text: cloning one string is a copy, cloning ~400k candidate objects is not.
 */
import { Worker } from "node:worker_threads";
import { type PairingExplanation, PairingInputError, type PairingResult } from "@huzhu/domain";
import type { SolveRequest, SolveResponse } from "./solve-worker.ts";

export interface SolveInWorkerOptions {
  /** Aborting terminates the worker; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Solves a `huzhu.pairing.v1` problem (object or JSON text) off the event loop. */
export function solvePairingInWorker(problem: unknown, options: SolveInWorkerOptions = {}): Promise<PairingResult> {
  return run({ problem, explain: false }, options).then((response) => response.result);
}

/** The same, with the explanation of every pair and every uncovered recipient. */
export async function solvePairingExplainedInWorker(
  problem: unknown,
  options: SolveInWorkerOptions = {},
): Promise<{ result: PairingResult; explanation: PairingExplanation }> {
  const { result, explanation } = await run({ problem, explain: true }, options);
  if (!explanation) throw new Error("pairing worker returned no explanation");
  return { result, explanation };
}

function run(request: SolveRequest, { signal }: SolveInWorkerOptions): Promise<Extract<SolveResponse, { ok: true }>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL("./solve-worker.mjs", import.meta.url), {
      workerData: request,
      // Independent of how the parent was started (node --import tsx, Vitest, ...): the entry
      // registers tsx itself.
      execArgv: [],
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      action();
    };
    const onAbort = () => {
      settle(() => reject(signal?.reason));
      void worker.terminate();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (response: SolveResponse) => {
      settle(() => {
        if (response.ok) resolve(response);
        else reject(rebuildError(response));
      });
    });
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) =>
      settle(() => reject(new Error(`pairing worker exited with code ${code} before answering`))),
    );
  });
}

function rebuildError(response: Extract<SolveResponse, { ok: false }>): Error {
  const input = response.inputError;
  if (input) return new PairingInputError(input.where, input.message.slice(input.where.length + 2));
  const error = new Error(`pairing worker failed: ${response.message}`);
  if (response.stack) error.stack = `${error.message}\n--- in the worker ---\n${response.stack}`;
  return error;
}
