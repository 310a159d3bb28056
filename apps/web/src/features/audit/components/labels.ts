import { type AuditLabels, auditLabels } from "@huzhu/contracts";
import { useTranslation } from "react-i18next";
import { isLanguage } from "../../../lib/i18n/index.ts";

/**
 * The audit log's labels (actions, target types, results, detail keys) in the UI language: one
 * table per language in the contracts, shared with the server's export so screen and file agree.
 */
export function useAuditLabels(): AuditLabels {
  const { i18n } = useTranslation();
  return auditLabels[isLanguage(i18n.language) ? i18n.language : "zh-CN"];
}
