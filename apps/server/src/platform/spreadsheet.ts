import { PassThrough } from "node:stream";
import type { Locale } from "@huzhu/contracts";
import ExcelJS from "exceljs";

/**
 * Text as a spreadsheet cell that no spreadsheet program turns into a formula.
 *
 * exceljs writes a string value as a string cell (never a formula), but the danger is outside
 * exceljs: a cell that starts with = + - or @ becomes a formula as soon as someone edits it in
 * Excel, WPS or LibreOffice, or saves the sheet as CSV and opens that (formula injection, e.g.
 * =HYPERLINK(...) in a member's name). A leading apostrophe keeps such text inert everywhere;
 * tab and carriage return are included because some programs skip them before the = sign.
 * Every cell the server writes from data goes through here.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The text spreadsheetText kept inert, read back (an import of a workbook the server wrote): the
 * apostrophe before = + - @ is the server's, not the data's.
 */
export function spreadsheetTextBack(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A label in each of the three languages. */
export type Labels = Record<Locale, string>;

/** An enum value in words, or the value itself when the table does not know it. */
export const enumLabel = (table: Record<string, Labels>, value: string, locale: Locale): string =>
  table[value]?.[locale] ?? value;

/** One column of an export: its header, width, optional number format, and the cell of a row. */
export interface SheetColumn<Row> {
  label: Labels;
  width: number;
  numFmt?: string;
  value: (row: Row, locale: Locale) => string | number | null;
}

/** Rows written between two turns given to other requests: ~25 ms of work each. */
const YIELD_EVERY_ROWS = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes rows into an .xlsx with exceljs's streaming writer: each row is committed (serialized and
 * zipped) as soon as it is added, so memory holds one batch of rows plus the compressed output.
 * Text goes through `spreadsheetText`; numbers stay numbers. The header row is bold and frozen.
 */
export async function writeWorkbook<Row>(
  rows: AsyncIterable<Row[]>,
  sheetName: string,
  columns: ReadonlyArray<SheetColumn<Row>>,
  locale: Locale,
  /** A second sheet of plain lines after the data (an export's notes and its watermark: who, when). */
  notes?: { sheetName: string; lines: readonly string[] },
): Promise<{ buffer: Buffer; rowCount: number }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Huzhu";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.label[locale],
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rowCount = 0;
  for await (const batch of rows) {
    for (const row of batch) {
      const values = columns.map((c) => {
        const v = c.value(row, locale);
        return typeof v === "string" ? spreadsheetText(v) : v;
      });
      sheet.addRow(values).commit();
      rowCount += 1;
      // Writing a row costs ~0.1 ms (exceljs): let other requests in every few hundred.
      if (rowCount % YIELD_EVERY_ROWS === 0) await yieldToEventLoop();
    }
    // And before the next batch's query. Awaiting the database is not enough: PGlite answers on
    // this thread without ever yielding to I/O (300 queries in a row: a 0 ms timer never fired),
    // so an export would hold the event loop from its first row to its last.
    await yieldToEventLoop();
  }
  sheet.commit();
  if (notes) {
    const notesSheet = workbook.addWorksheet(notes.sheetName);
    notesSheet.getColumn(1).width = 100;
    for (const line of notes.lines) notesSheet.addRow([spreadsheetText(line)]).commit();
    notesSheet.commit();
  }
  await workbook.commit();
  await finished;
  return { buffer: Buffer.concat(chunks), rowCount };
}
