import { z } from "zod";

/**
 * Pairing through the API (F11): a problem in the `huzhu.pairing.v1` format goes in, the
 * optimal `huzhu.pairing-result.v1` comes out. The problem is checked by the solver's own
 * validator (packages/domain/src/pairing/validate.ts), whose messages name the place
 * (`candidates[41]: unknown helper "h9"`), so there is no second schema for it here.
 */
const scoredPair = z.object({ helper: z.string(), recipient: z.string(), score: z.number().int() });

export const pairingResult = z.object({
  format: z.literal("huzhu.pairing-result.v1"),
  covered: z.number().int(),
  assigned: z.number().int(),
  score: z.number().int(),
  pairs: z.array(scoredPair),
});
export type PairingResultDto = z.infer<typeof pairingResult>;

export const pairingSolveQuery = z
  .object({
    /** Also say why each pair was chosen and why each uncovered recipient is uncovered. */
    explain: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();

export const pairingSolveResponse = z.object({
  result: pairingResult,
  /** `huzhu.pairing-explanation.v1`: codes and numbers, for the client to put into words. */
  explanation: z.record(z.string(), z.unknown()).nullable(),
  /** Wall time of the solve in the worker thread, milliseconds. */
  solveMs: z.number(),
});
