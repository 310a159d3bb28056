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
