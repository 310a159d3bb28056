import { PassThrough } from "node:stream";
import {
  type AuditEntry,
  auditActionLabel,
  auditDetailItems,
  auditLabels,
  auditTargetText,
  type Locale,
} from "@huzhu/contracts";
import ExcelJS from "exceljs";
import { spreadsheetText } from "../../platform/spreadsheet.ts";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

/**
 * The filtered audit log as a workbook, labelled in the request's language exactly as on the page.
 * Every text cell goes through spreadsheetText: usernames, reasons and organization names come
 * from users, and one beginning with = + - @ must stay text in every spreadsheet program.
 */
export async function writeAuditWorkbook(
  batches: AsyncIterable<AuditEntry[]>,
  locale: Locale,
): Promise<{ buffer: Buffer; rowCount: number }> {
  const labels = auditLabels[locale];
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(labels.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  const c = labels.columns;
  sheet.columns = [
    { header: c.at, key: "at", width: 20 },
    { header: c.actor, key: "actor", width: 16 },
    { header: c.ip, key: "ip", width: 16 },
    { header: c.action, key: "action", width: 20 },
    { header: c.target, key: "target", width: 48 },
    { header: c.result, key: "result", width: 8 },
    { header: c.detail, key: "detail", width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rowCount = 0;
  for await (const batch of batches) {
    for (const entry of batch) {
      const detail = auditDetailItems(entry, labels)
        .map((item) => `${item.label}: ${item.text}`)
        .join("; ");
      sheet
        .addRow({
          at: cstFormat.format(new Date(entry.at)),
          actor: spreadsheetText(entry.actorName ?? labels.system),
          ip: spreadsheetText(entry.ip ?? ""),
          action: spreadsheetText(auditActionLabel(entry.action, labels)),
          target: spreadsheetText(auditTargetText(entry, labels)),
          result: labels.results[entry.result],
          detail: spreadsheetText(detail),
        })
        .commit();
      rowCount++;
    }
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return { buffer: Buffer.concat(chunks), rowCount };
}

export function auditExportFileName(locale: Locale, date: string): string {
  return `${auditLabels[locale].fileStem}-${date}.xlsx`;
}

/** The download's header: an ASCII name for old clients, the labelled one (RFC 5987) for the rest. */
export function auditExportContentDisposition(locale: Locale, date: string): string {
  const name = auditExportFileName(locale, date);
  return `attachment; filename="audit-log-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
