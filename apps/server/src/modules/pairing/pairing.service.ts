import { PairingInputError } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requirePermission } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError } from "../../platform/errors.ts";
import { solvePairingExplainedInWorker, solvePairingInWorker } from "./solve-in-worker.ts";

/**
 * Solves a pairing problem for a coordinator, in a worker thread so that no other request waits
 * behind it. The problem arrives as JSON text and goes to the worker as text (cheap to hand over);
 * the worker parses and validates it.
 */
export function pairingService(db: Kysely<DB>) {
  return {
    async solve(actor: Actor, problemJson: string, options: { explain: boolean; signal?: AbortSignal }) {
      // Pairing rounds are the superior organization's work (coordinators hold org.write).
      requirePermission(actor, "org.write");
      const started = performance.now();
      let outcome:
        | Awaited<ReturnType<typeof solvePairingExplainedInWorker>>
        | { result: Awaited<ReturnType<typeof solvePairingInWorker>>; explanation: null };
      try {
        const signalOption = options.signal ? { signal: options.signal } : {};
        outcome = options.explain
          ? await solvePairingExplainedInWorker(problemJson, signalOption)
          : { result: await solvePairingInWorker(problemJson, signalOption), explanation: null };
      } catch (error) {
        if (error instanceof PairingInputError) {
          const problem = error.message.slice(error.where.length + 2);
          throw new AppError(400, "pairing.invalid", { field: error.where, params: { problem } });
        }
        throw error;
      }
      const solveMs = Math.round(performance.now() - started);
      const { result } = outcome;
      await recordAudit(db, actor, {
        action: "pairing.solve",
        result: "success",
        detail: {
          covered: result.covered,
          assigned: result.assigned,
          score: result.score,
          solveMs,
          bytes: problemJson.length,
        },
      });
      return { result, explanation: outcome.explanation as Record<string, unknown> | null, solveMs };
    },
  };
}
export type PairingService = ReturnType<typeof pairingService>;
