import type { TFunction } from "i18next";

/** Actions the UI has names for; anything else the server records is shown as its raw code. */
export const knownActions = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "member.reveal",
  "member.create",
  "member.update",
  "org.create",
  "org.update",
  "org.move",
  "org.dissolve",
] as const;
type KnownAction = (typeof knownActions)[number];

function isKnown(action: string): action is KnownAction {
  return (knownActions as readonly string[]).includes(action);
}

export function actionLabel(action: string, t: TFunction): string {
  return isKnown(action) ? t(`audit.action.${action}`) : action;
}
