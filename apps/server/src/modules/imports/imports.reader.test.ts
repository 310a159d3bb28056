import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readFirstSheet, type SheetRow } from "./imports.reader.ts";

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党员信息");
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet("填写说明").addRow(["说明"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readAll(content: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readFirstSheet(content)) rows.push(row);
  return rows;
}

/** The same parts in another order inside the zip, as other spreadsheet programs may write them. */
async function reordered(content: Buffer, first: string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(content);
  const names = Object.keys(source.files).filter((n) => !source.files[n]?.dir);
  const out = new JSZip();
  for (const name of [...first, ...names.filter((n) => !first.includes(n))]) {
    out.file(name, await (source.file(name) as JSZip.JSZipObject).async("nodebuffer"));
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("readFirstSheet", () => {
  const rows = [
    ["姓名", "出生日期"],
    ...Array.from({ length: 30 }, (_, i) => [`党员${i}`, new Date(Date.UTC(1970, 0, 1 + i))]),
  ];

  it("reads every row of the first sheet every time (exceljs's own zip loop sometimes lost the workbook part)", async () => {
    const content = await workbook(rows);
    // exceljs's streaming reader failed about one read in a hundred on this file (workbook.xml is
    // its last part); 300 reads all give the same rows.
    for (let i = 0; i < 300; i++) {
      const read = await readAll(content);
      expect(read).toHaveLength(31);
      expect(read[30]?.cells).toEqual(["党员29", new Date(Date.UTC(1970, 0, 30))]);
    }
  });

  it("reads dates and shared strings whatever order the zip holds the parts in", async () => {
    const content = await reordered(await workbook(rows), [
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet1.xml",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
    ]);
    const read = await readAll(content);
    expect(read[0]).toEqual({ number: 1, cells: ["姓名", "出生日期"] });
    expect(read[1]?.cells).toEqual(["党员0", new Date(Date.UTC(1970, 0, 1))]);
  });

  it("reads Chinese text whole where the zip's stream splits a character between two chunks", async () => {
    // 3,000 long Chinese names make a shared-strings part of several chunks; before the parts were
    // decoded as UTF-8 by the stream, a character across a chunk's end became two U+FFFD.
    const names = Array.from({ length: 3000 }, (_, i) => `中共测试${i}号党支部委员会名称较长一些以便跨越块边界`);
    const read = await readAll(await workbook(names.map((n) => [n])));
    expect(read.map((r) => r.cells[0])).toEqual(names);
  });

  it("answers a zip that is not a workbook as import.notWorkbook, and one with no sheet as import.noSheet", async () => {
    const notBook = new JSZip();
    notBook.file("hello.txt", "不是表格");
    const noSheet = await notBook.generateAsync({ type: "nodebuffer" });
    await expect(readAll(noSheet)).rejects.toMatchObject({ code: "import.noSheet" });
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    await expect(readAll(broken)).rejects.toMatchObject({ code: "import.notWorkbook" });
  });
});
