import { defineAction } from "../../platform/policy.ts";

/** Solving a pairing problem is the coordinator's work (上级党组织统筹协调), under its own permission. */
export const pairingPolicy = {
  solve: defineAction("pairing.solve", "pairing.solve"),
};
