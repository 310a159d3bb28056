import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

export interface AuditRecord {
  action: string;
  result: "success" | "failure" | "denied";
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
}

/**
 * Appends one record to the audit log. Call it with the transaction of the change it records,
 * so a change and its record land together or not at all. Never put personal data in `detail`.
 */
export async function recordAudit(
  db: Kysely<DB>,
  who: { userId: number | null; username: string | null; ip: string | null },
  record: AuditRecord,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: who.userId,
      actor_name: who.username,
      ip: who.ip,
      action: record.action,
      target_type: record.targetType ?? null,
      target_id: record.targetId === undefined ? null : String(record.targetId),
      result: record.result,
      detail: JSON.stringify(record.detail ?? {}),
    })
    .execute();
}
