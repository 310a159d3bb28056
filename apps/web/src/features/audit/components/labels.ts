import type { AuditEntry } from "@huzhu/contracts";
import type { TFunction } from "i18next";

/** Actions the UI has names for; anything else the server records is shown as its raw code. */
export const knownActions = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "member.reveal",
  "member.export",
  "member.create",
  "member.update",
  "org.create",
  "org.update",
  "org.move",
  "org.dissolve",
  "audit.read",
  "demo.load",
  "role.assign",
  "role.withdraw",
  "user.create",
  "user.update",
  "pairing.solve",
] as const;
type KnownAction = (typeof knownActions)[number];

function isKnown(action: string): action is KnownAction {
  return (knownActions as readonly string[]).includes(action);
}

export function actionLabel(action: string, t: TFunction): string {
  return isKnown(action) ? t(`audit.action.${action}`) : action;
}

const targetTypes = ["member", "org", "user"] as const;
type TargetType = (typeof targetTypes)[number];
const isTargetType = (v: string): v is TargetType => (targetTypes as readonly string[]).includes(v);

/** "党员 #12"; unknown target types are shown raw. */
export function targetLabel(entry: AuditEntry, t: TFunction): string {
  if (!entry.targetType) return t("common.none");
  const type = isTargetType(entry.targetType) ? t(`audit.targetType.${entry.targetType}`) : entry.targetType;
  return entry.targetId ? `${type} #${entry.targetId}` : type;
}
