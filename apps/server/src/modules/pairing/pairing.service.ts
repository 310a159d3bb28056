import { PairingInputError } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError } from "../../platform/errors.ts";
import { scopeOf } from "../../platform/policy.ts";
import { PoolFullError, WorkerOutOfMemoryError } from "../../platform/worker-pool.ts";
import { pairingPolicy } from "./pairing.policy.ts";
import type { PairingSolver } from "./solve-in-worker.ts";

/** Seconds a client is asked to wait when the solver's queue is full: a few province-size solves. */
export const SOLVER_RETRY_AFTER_SECONDS = 15;

export const solverBusy = () =>
  new AppError(503, "pairing.busy", { headers: { "retry-after": String(SOLVER_RETRY_AFTER_SECONDS) } });

/**
 * Solves a pairing problem for a coordinator in the solver pool, so that no other request waits
 * behind it. The problem arrives as the uploaded chunks and leaves as the answer's JSON bytes: the
 * worker decodes, parses, validates, solves and serializes; the event loop only hands bytes over.
 */
export function pairingService(db: Kysely<DB>, solver: PairingSolver) {
  let admitted = 0;
  return {
    /**
     * Takes a place among the solves the pool can hold (running or waiting) as soon as the request
     * arrives, before its upload is read, or refuses with 503. Counting from the body's end instead
     * let eight 125 MB uploads in at once, to refuse three of them after all their bytes had been
     * read into memory. Returns the release, to call once the answer has gone.
     */
    admit(): () => void {
      if (admitted >= solver.capacity()) throw solverBusy();
      admitted += 1;
      let released = false;
      return () => {
        if (!released) admitted -= 1;
        released = true;
      };
    },

    async solve(
      actor: Actor,
      problem: readonly Uint8Array[],
      { explain, signal }: { explain: boolean; signal?: AbortSignal },
    ): Promise<Buffer> {
      // Pairing rounds are the superior organization's work: coordinators hold pairing.solve.
      scopeOf(actor, pairingPolicy.solve);
      // Read before the bytes move to the worker (which leaves this thread's views empty).
      const bytes = problem.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      let outcome: Awaited<ReturnType<PairingSolver["solve"]>>;
      try {
        outcome = await solver.solve(problem, { explain, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (error instanceof PairingInputError) {
          const problemText = error.message.slice(error.where.length + 2);
          throw new AppError(400, "pairing.invalid", { field: error.where, params: { problem: problemText } });
        }
        if (error instanceof PoolFullError) throw solverBusy();
        if (error instanceof WorkerOutOfMemoryError) {
          throw new AppError(413, "pairing.tooLarge", { params: { heapMb: error.heapMb } });
        }
        throw error;
      }
      const { covered, assigned, score, solveMs } = outcome.summary;
      // Not a command: a solve changes nothing but the log, and a transaction held open across a
      // seconds-long solve would hold the embedded database's only connection. The presenter is the
      // worker, which writes the answer's bytes; this module's tables and repository come with rounds.
      await recordAudit(db, actor, {
        action: "pairing.solve",
        result: "success",
        detail: { covered, assigned, score, solveMs, bytes },
      });
      return outcome.body;
    },
  };
}
export type PairingService = ReturnType<typeof pairingService>;
