import { defineAction } from "../../platform/policy.ts";

/** Security alerts (ID-number probing, sign-in attacks) are the security administrator's to follow up. */
export const securityAlertPolicy = {
  read: defineAction("alert.read", "role.manage"),
  acknowledge: defineAction("alert.acknowledge", "role.manage"),
};
