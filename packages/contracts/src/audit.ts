import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";

export const auditResult = z.enum(["success", "failure", "denied"]);

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  /** e.g. auth.login, member.reveal, org.move */
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: auditResult,
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditListQuery = pageQuery
  .extend({
    action: z.string().max(50).optional(),
    actor: humanText({ min: 0, max: 64 }).optional(),
    result: auditResult.optional(),
    targetType: z.string().max(30).optional(),
    targetId: z.string().max(40).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
export type AuditListQuery = z.infer<typeof auditListQuery>;
