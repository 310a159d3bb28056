import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { AppError } from "../../platform/errors.ts";
import { spreadsheetTextBack } from "../../platform/spreadsheet.ts";

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
    // A workbook the server wrote (an export, a template) kept text starting with = + - @ inert
    // with an apostrophe: the value is the text after it.
    const t = spreadsheetTextBack(value.trim());
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
 * exceljs's streaming reader as its pieces: the sheet's XML is still parsed row by row, but the
 * zip is opened with JSZip instead of the reader's own unzipper loop. That loop sometimes ends
 * before the last entry (exceljs writes `xl/workbook.xml` last), and the reader then fails on a
 * good file, or on another ordering would read a sheet before its shared strings or styles; it
 * failed the import tests about one run in ten on a loaded machine. Here the parts are read in the
 * order the sheet needs them, whatever order the zip holds them in. The methods are exceljs's own
 * (4.4, locked in package-lock.json); `imports.test.ts` reads workbooks through them.
 */
interface ReaderParts {
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: unknown }>;
}

/**
 * The zip entry as a stream Node iterates (JSZip's own stream is not async-iterable), decoded as
 * UTF-8 by the stream itself: exceljs's SAX parser turns each chunk into text on its own, which
 * breaks a Chinese character split across two chunks into two replacement characters.
 */
function entryStream(zip: JSZip, path: string): Readable | null {
  const file = zip.file(path);
  if (!file) return null;
  return file.nodeStream("nodebuffer").pipe(new PassThrough()).setEncoding("utf8");
}

/** The workbook's first sheet (in the workbook's own order) as its part's path. */
function firstSheetPath(parts: ReaderParts, zip: JSZip): string | null {
  const first = parts.model?.sheets?.[0];
  const target = first && parts.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
  if (target) {
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    if (zip.file(path)) return path;
  }
  // No usable workbook.xml: the lowest-numbered sheet part.
  const sheets = Object.keys(zip.files)
    .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return sheets[0]?.[0] ?? null;
}

/**
 * The rows of the first worksheet, blank rows left out. Throws 400 `import.notWorkbook` when the
 * bytes are not a readable workbook and `import.noSheet` when it has no worksheet.
 */
export async function* readFirstSheet(content: Buffer): AsyncGenerator<SheetRow> {
  if (!looksLikeWorkbook(content)) throw new AppError(400, "import.notWorkbook", { field: "file" });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const parts = reader as unknown as ReaderParts;
  let worksheet: AsyncIterable<ExcelJS.Row> | undefined;
  try {
    const zip = await JSZip.loadAsync(content);
    const rels = entryStream(zip, "xl/_rels/workbook.xml.rels");
    if (rels) await parts._parseRels(rels);
    const book = entryStream(zip, "xl/workbook.xml");
    if (book) await parts._parseWorkbook(book);
    const strings = entryStream(zip, "xl/sharedStrings.xml");
    if (strings) for await (const _ of parts._parseSharedStrings(strings));
    const styles = entryStream(zip, "xl/styles.xml");
    if (styles) await parts._parseStyles(styles);
    const path = firstSheetPath(parts, zip);
    const sheet = path && entryStream(zip, path);
    if (sheet) {
      const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1] ?? "1";
      for (const event of parts._parseWorksheet(sheet, sheetNo)) worksheet = event.value as AsyncIterable<ExcelJS.Row>;
    }
  } catch {
    throw new AppError(400, "import.notWorkbook", { field: "file" });
  }
  if (!worksheet) throw new AppError(400, "import.noSheet", { field: "file" });
  try {
    for await (const row of worksheet) {
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
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, "import.notWorkbook", { field: "file" });
  }
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
