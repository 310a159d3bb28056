import { z } from "zod";
import { pageQuery } from "./common.ts";

/**
 * Kinds of security alert (platform/alerts.ts), each labelled in the web app's three languages.
 * A kind not listed here is still shown, by its code: the list is for labels, not a gate.
 */
export const securityAlertKinds = [
  /** One user got "ID number already used" or found nobody by ID number too often (issue 6, hole 9). */
  "member.idNumberProbing",
  /** Many failed sign-ins on one account, from anywhere. */
  "login.accountUnderAttack",
  /** Many failed sign-ins from one address, on any accounts. */
  "login.addressUnderAttack",
] as const;
export type SecurityAlertKind = (typeof securityAlertKinds)[number];

const accountRef = z.object({ id: z.number().int(), username: z.string(), displayName: z.string() });

export const securityAlert = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  /** The account concerned (the one acting, or the one attacked), if any. */
  user: accountRef.nullable(),
  /** Ids and counts only, e.g. { via: "duplicate", attempts: 5, windowMinutes: 60 }. */
  detail: z.record(z.string(), z.unknown()),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: accountRef.nullable(),
});
export type SecurityAlertDto = z.infer<typeof securityAlert>;

export const securityAlertListQuery = pageQuery
  .extend({
    /** true: only alerts not yet acknowledged; false: only acknowledged ones; absent: all. */
    open: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();
export type SecurityAlertListQuery = z.infer<typeof securityAlertListQuery>;
