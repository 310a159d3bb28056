import type { Locale, Notification } from "@huzhu/contracts";
import { translate } from "../../platform/i18n.ts";
import type { NotificationRow } from "./notifications.repository.ts";

/**
 * Parameters named `<x>Key` are message keys themselves (a job's kind, a need's category): they
 * are translated too and passed as `<x>`, so a notification stored once reads right in any language.
 */
function localizeParams(params: Record<string, unknown>, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== "string" && typeof value !== "number") continue;
    if (key.endsWith("Key") && typeof value === "string") out[key.slice(0, -3)] = translate(locale, value);
    else out[key] = value;
  }
  return out;
}

export function presentNotification(row: NotificationRow, locale: Locale): Notification {
  return {
    // bigint: the pg driver answers it as text
    id: Number(row.id),
    kind: row.kind,
    title: translate(locale, `notification.${row.kind}`, localizeParams(row.params ?? {}, locale)),
    link: row.link,
    read: row.read_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
