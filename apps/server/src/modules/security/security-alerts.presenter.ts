import type { SecurityAlertDto } from "@huzhu/contracts";
import type { SecurityAlertRow } from "./security-alerts.repository.ts";

/** Row → DTO: the accounts by id, username and display name; the detail holds ids and counts only. */
export function presentAlert(row: SecurityAlertRow): SecurityAlertDto {
  const account = (id: number | null, username: string | null, displayName: string | null) =>
    id === null ? null : { id, username: username ?? "", displayName: displayName ?? "" };
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    user: account(row.user_id, row.user_username, row.user_display_name),
    detail: row.detail ?? {},
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at).toISOString(),
    acknowledgedBy: account(row.ack_id, row.ack_username, row.ack_display_name),
  };
}
