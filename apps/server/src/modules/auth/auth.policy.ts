import { defineAction } from "../../platform/policy.ts";

/**
 * One's own account and session: anyone signed in, on their own only (every query of the auth
 * service is by the session's user id). Sign-in itself is public.
 */
export const accountPolicy = {
  self: defineAction("account.self", "authenticated"),
};
