import {
  type AuditEntry,
  auditActionLabel,
  auditDetailItems,
  auditLabels,
  auditTargetText,
  type Locale,
} from "@huzhu/contracts";
import { type Labels, type SheetColumn, writeWorkbook } from "../../platform/spreadsheet.ts";

export { XLSX_CONTENT_TYPE } from "../../platform/spreadsheet.ts";

/** China Standard Time, as on the page: what an auditor in the county reads a time as. */
const cstFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type AuditLabels = (typeof auditLabels)[Locale];

/** A header in each language, from the labels the page uses. */
const header = (pick: (labels: AuditLabels) => string): Labels => ({
  "zh-CN": pick(auditLabels["zh-CN"]),
  "zh-TW": pick(auditLabels["zh-TW"]),
  en: pick(auditLabels.en),
});

/**
 * The columns, labelled in the request's language exactly as on the page. Usernames, reasons and
 * organization names come from users: the shared writer keeps any that begins with = + - @ text.
 */
const columns: ReadonlyArray<SheetColumn<AuditEntry>> = [
  { label: header((l) => l.columns.at), width: 20, value: (e) => cstFormat.format(new Date(e.at)) },
  { label: header((l) => l.columns.actor), width: 16, value: (e, l) => e.actorName ?? auditLabels[l].system },
  { label: header((l) => l.columns.ip), width: 16, value: (e) => e.ip ?? "" },
  {
    label: header((l) => l.columns.action),
    width: 20,
    value: (e, l) => auditActionLabel(e.action, auditLabels[l]),
  },
  {
    label: header((l) => l.columns.target),
    width: 48,
    value: (e, l) => auditTargetText(e, auditLabels[l]),
  },
  { label: header((l) => l.columns.result), width: 8, value: (e, l) => auditLabels[l].results[e.result] },
  {
    label: header((l) => l.columns.detail),
    width: 80,
    value: (e, l) =>
      auditDetailItems(e, auditLabels[l])
        .map((item) => `${item.label}: ${item.text}`)
        .join("; "),
  },
];

/** The filtered audit log as a workbook, through the shared streaming writer (platform/spreadsheet.ts). */
export const writeAuditWorkbook = (batches: AsyncIterable<AuditEntry[]>, locale: Locale) =>
  writeWorkbook(batches, auditLabels[locale].sheet, columns, locale);

export function auditExportFileName(locale: Locale, date: string): string {
  return `${auditLabels[locale].fileStem}-${date}.xlsx`;
}

/** The download's header: an ASCII name for old clients, the labelled one (RFC 5987) for the rest. */
export function auditExportContentDisposition(locale: Locale, date: string): string {
  const name = auditExportFileName(locale, date);
  return `attachment; filename="audit-log-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
