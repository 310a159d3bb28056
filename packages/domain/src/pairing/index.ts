export * from "./scoring.ts";
export {
  createPairingSession,
  type PairingInput,
  type PairingSession,
  type PairingSessionStats,
  solvePairing,
  solvePairingExplained,
} from "./session.ts";
export * from "./types.ts";
export { type CompiledPairing, compilePairingProblem, PairingInputError, parsePairingProblem } from "./validate.ts";
