import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * Security alerts: events the security administrator must look at (an account or an address
 * under a sign-in attack, a user probing which ID numbers exist…). Modules raise them here; the
 * security administrator lists and acknowledges them. `detail` holds ids and counts only —
 * never names, search text or anything typed.
 */
export interface SecurityAlert {
  /** Stable code, e.g. "login.accountUnderAttack"; labelled per language in the web app. */
  kind: string;
  /** The account concerned (the one attacked or the one acting), if any. */
  userId: number | null;
  detail?: Record<string, string | number | boolean | null>;
}

export async function raiseSecurityAlert(db: Kysely<DB>, alert: SecurityAlert): Promise<void> {
  await db
    .insertInto("security_alerts")
    .values({ kind: alert.kind, user_id: alert.userId, detail: JSON.stringify(alert.detail ?? {}) })
    .execute();
}
