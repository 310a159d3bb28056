import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../../platform/errors.ts";

/**
 * Reads the first worksheet of an .xlsx with exceljs's streaming reader: rows arrive one at a time
 * from the zipped XML (shared strings and styles are cached, the sheet itself never held whole),
 * so tens of thousands of rows cost the rows one keeps, not the workbook's XML.
 */

/** A cell as an import sees it: text (trimmed), a number, a date (Excel date cells), or nothing. */
export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** The row's number in the sheet (the header is 1). */
  number: number;
  /** Cells by column, 0-based. */
  cells: CellValue[];
}

/** The bytes every .xlsx (a zip) starts with. */
export const looksLikeWorkbook = (content: Buffer) =>
  content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;

function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const t = value.trim();
    return t === "" ? null : t;
  }
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
    };
    if (Array.isArray(v.richText)) return cellValue(v.richText.map((r) => r.text).join(""));
    if ("formula" in v || "sharedFormula" in v || "result" in v) return cellValue(v.result);
    if (typeof v.text === "string") return cellValue(v.text);
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}

/**
 * The rows of the first worksheet, blank rows left out. Throws 400 `import.notWorkbook` when the
 * bytes are not a readable workbook and `import.noSheet` when it has no worksheet.
 */
export async function* readFirstSheet(content: Buffer): AsyncGenerator<SheetRow> {
  if (!looksLikeWorkbook(content)) throw new AppError(400, "import.notWorkbook", { field: "file" });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let sawSheet = false;
  try {
    for await (const worksheet of reader) {
      sawSheet = true;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const raw = row.values as unknown[];
        const cells: CellValue[] = [];
        let any = false;
        for (let i = 1; i < raw.length; i++) {
          const v = cellValue(raw[i]);
          if (v !== null) any = true;
          cells[i - 1] = v;
        }
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        if (any) yield { number: row.number, cells };
      }
      // The data is on the first sheet; the instructions sheet and any other are not read.
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, "import.notWorkbook", { field: "file" });
  }
  if (!sawSheet) throw new AppError(400, "import.noSheet", { field: "file" });
}

/** A cell as text: numbers as written (no exponent), dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return isoDay(value);
}

/** An Excel date cell is the day at UTC midnight (exceljs reads the serial number so). */
export function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}
