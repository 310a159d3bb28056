import { defineAction } from "../../platform/policy.ts";

/** The log is the audit administrator's alone (三权分立); reading and exporting it are audited too. */
export const auditPolicy = {
  read: defineAction("audit.read", "audit.read"),
  export: defineAction("audit.export", "audit.read"),
};
