import { defineAction } from "../../platform/policy.ts";

/** A notification is its recipient's: every query of the repository is by recipient. */
export const notificationPolicy = {
  own: defineAction("notification.own", "authenticated"),
};
