import { defineAction } from "../../platform/policy.ts";

/** A job is its owner's: every query of the jobs repository is by owner (404 for anyone else's). */
export const jobPolicy = {
  own: defineAction("job.own", "authenticated"),
};
