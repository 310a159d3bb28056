import { defineAction } from "../../platform/policy.ts";

/**
 * The home page (工作台) is every signed-in user's: each card then decides whom it applies to and
 * reads through the caller's own scope (home.repository.ts). Its figures are aggregates and the
 * only personal record on it is the caller's own, so reading it is not audited.
 */
export const homeView = defineAction("home.view", "authenticated");
