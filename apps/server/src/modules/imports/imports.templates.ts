import type { ImportKind } from "@huzhu/contracts";
import { idNumberCheckChar } from "@huzhu/domain";
import ExcelJS from "exceljs";
import { spreadsheetText } from "../../platform/spreadsheet.ts";
import { educationWords, genderWords, memberColumns, memberExampleRow, statusWords } from "./imports.members.ts";
import { needCategoryWords, needColumns, urgencyWords, visibilityWords } from "./imports.needs.ts";
import { orgAreaWords, orgCategoryWords, orgColumns, orgExampleRow, orgKindWords } from "./imports.orgs.ts";
import { resourceCategoryWords, resourceColumns } from "./imports.resources.ts";

/**
 * The template workbooks (issue 13): the data sheet first (Chinese headers in the order the
 * importer expects, drop-down lists for closed vocabularies, one example row), then 填写说明,
 * the instructions, which also carry who downloaded the file and when (a watermark).
 */

interface TemplateColumn {
  header: string;
  width: number;
  /** What to fill in, for the instructions sheet. */
  help: string;
  /** A closed vocabulary: the cell offers exactly these words. */
  list?: readonly string[];
  /** Dates: the column is formatted as a date and accepts Excel dates. */
  date?: boolean;
  /** Text that must not become a number (ID numbers, codes). */
  text?: boolean;
}

interface Template {
  sheet: string;
  fileStem: string;
  columns: TemplateColumn[];
  example: (string | number)[];
  notes: string[];
}

const ORG_REF_HELP = "填写党组织的 12 位行政区划代码（村、社区），或党组织全称（须与系统中一致）";

const memberHelp: Record<string, Omit<TemplateColumn, "header">> = {
  name: { width: 12, help: "必填，最多 50 字" },
  gender: { width: 8, help: "必填：男 或 女", list: Object.keys(genderWords) },
  ethnicity: { width: 10, help: "必填，如 汉族、畲族" },
  birthDate: { width: 14, help: "必填，格式 YYYY-MM-DD（如 1985-06-15），也可为 Excel 日期", date: true },
  idNumber: {
    width: 22,
    help: "必填，18 位公民身份号码；须与出生日期、性别一致，校验位正确。请以文本格式填写，勿转为数字",
    text: true,
  },
  phone: { width: 14, help: "选填，11 位手机号码", text: true },
  education: { width: 12, help: `必填：${Object.keys(educationWords).join("、")}`, list: Object.keys(educationWords) },
  joinDate: { width: 14, help: "必填，格式 YYYY-MM-DD；入党时须年满 18 周岁", date: true },
  status: { width: 12, help: "必填：正式党员 或 预备党员", list: Object.keys(statusWords) },
  primaryOrg: { width: 30, help: `必填，${ORG_REF_HELP}；须在您的管辖范围内`, text: true },
  coOrg: { width: 30, help: `选填，共同管理该党员的党组织，${ORG_REF_HELP}`, text: true },
};

const HELP_ORG_HELP = `必填，${ORG_REF_HELP}；须为您可代表其开展互助的党组织`;
const VISIBILITY_HELP = `选填：${Object.keys(visibilityWords).join("、")}；不填为 全县（市）`;

const orgHelp: Record<string, Omit<TemplateColumn, "header">> = {
  name: { width: 30, help: "必填，最多 100 字" },
  parent: {
    width: 30,
    help: "必填，上级党组织的行政区划代码（6、9 或 12 位）或全称；也可以是本文件中位于上方的新党组织",
    text: true,
  },
  kind: { width: 12, help: `必填：${Object.keys(orgKindWords).join("、")}`, list: Object.keys(orgKindWords) },
  category: {
    width: 14,
    help: `必填：${Object.keys(orgCategoryWords).join("、")}`,
    list: Object.keys(orgCategoryWords),
  },
  area: { width: 8, help: "必填：城市 或 农村", list: Object.keys(orgAreaWords) },
  divisionCode: {
    width: 16,
    help: "选填，6、9 或 12 位行政区划代码（县、乡镇街道、村社区），须为有效代码",
    text: true,
  },
  secretaryName: { width: 12, help: "选填，最多 50 字" },
};

const needHelp: Record<string, Omit<TemplateColumn, "header">> = {
  org: { width: 30, help: HELP_ORG_HELP, text: true },
  category: {
    width: 14,
    help: `必填：${Object.keys(needCategoryWords).join("、")}`,
    list: Object.keys(needCategoryWords),
  },
  title: { width: 30, help: "必填，最多 100 字；同一党组织的需求标题不要重复" },
  description: { width: 50, help: "必填，最多 5000 字" },
  urgency: {
    width: 10,
    help: `选填：${Object.keys(urgencyWords).join("、")}；不填为 一般`,
    list: Object.keys(urgencyWords),
  },
  deadline: { width: 14, help: "选填，格式 YYYY-MM-DD，不能早于今天；也可为 Excel 日期", date: true },
  visibility: { width: 14, help: VISIBILITY_HELP, list: Object.keys(visibilityWords) },
};

const resourceHelp: Record<string, Omit<TemplateColumn, "header">> = {
  org: { width: 30, help: HELP_ORG_HELP, text: true },
  category: {
    width: 14,
    help: `必填：${Object.keys(resourceCategoryWords).join("、")}`,
    list: Object.keys(resourceCategoryWords),
  },
  title: { width: 30, help: "必填，最多 100 字；同一党组织的资源名称不要重复" },
  description: { width: 50, help: "必填，最多 5000 字" },
  visibility: { width: 14, help: VISIBILITY_HELP, list: Object.keys(visibilityWords) },
};

const exampleId = (() => {
  const first17 = "35082419850615001";
  return first17 + idNumberCheckChar(first17);
})();

const templates: Record<ImportKind, Template> = {
  members: {
    sheet: "党员信息",
    fileStem: "党员信息导入模板",
    columns: memberColumns.map((c) => ({ header: c.header, ...(memberHelp[c.key] as Omit<TemplateColumn, "header">) })),
    example: memberExampleRow("350824101201").map((v, i) => (i === 4 ? exampleId : v)),
    notes: [
      "第一张工作表为数据表，表头（第 1 行）请勿修改、删除或调换顺序；第 2 行为示例，导入前请删除或改为真实数据。",
      "按公民身份号码识别党员：系统中已有的党员将被更新，没有的将被新增；同一文件重复导入不会产生任何变化。",
      "公民身份号码已属于您管辖范围以外的党员时，该行报为冲突，请办理组织关系转接，导入不会移动党员。",
      "导入分两步：上传后先校验，预览新增、变更、未变和有误的行数及每一处错误；全部无误后才能确认导入，确认时全部写入或全部不写入。",
      "网页导入每个文件最多 50,000 行、20 MB；更大的文件请使用命令行 huzhu import members。",
    ],
  },
  orgs: {
    sheet: "党组织信息",
    fileStem: "党组织信息导入模板",
    columns: orgColumns.map((c) => ({ header: c.header, ...(orgHelp[c.key] as Omit<TemplateColumn, "header">) })),
    example: orgExampleRow,
    notes: [
      "第一张工作表为数据表，表头（第 1 行）请勿修改、删除或调换顺序；第 2 行为示例，导入前请删除或改为真实数据。",
      "按行政区划代码识别党组织；没有代码的，按上级党组织与党组织全称识别：已有的将被更新，没有的将被新增；同一文件重复导入不会产生任何变化。",
      "上级党组织可以是系统中已有的党组织，也可以是本文件中位于其上方的新党组织；须在您的管辖范围内。已有党组织的上级与文件不同时报错：调整隶属关系请在组织树中办理。",
      "导入分两步：上传后先校验，预览新增、变更、未变和有误的行数及每一处错误；全部无误后才能确认导入，确认时全部写入或全部不写入。",
    ],
  },
  needs: {
    sheet: "需求清单",
    fileStem: "需求清单导入模板",
    columns: needColumns.map((c) => ({ header: c.header, ...(needHelp[c.key] as Omit<TemplateColumn, "header">) })),
    example: [
      "350824101201",
      "发展经济",
      "村集体茶叶销售渠道",
      "希望结对单位帮助联系销售渠道",
      "一般",
      "2027-06-30",
      "全县（市）",
    ],
    notes: [
      "第一张工作表为数据表，表头（第 1 行）请勿修改、删除或调换顺序；第 2 行为示例，导入前请删除或改为真实数据。",
      "按党组织与需求标题识别需求：同一党组织已有同名需求的将被更新（仅限仍可修改的需求），没有的将作为待认领需求新增；同一文件重复导入不会产生任何变化。",
      "导入分两步：上传后先校验，预览新增、变更、未变和有误的行数及每一处错误；全部无误后才能确认导入，确认时全部写入或全部不写入。",
    ],
  },
  resources: {
    sheet: "资源清单",
    fileStem: "资源清单导入模板",
    columns: resourceColumns.map((c) => ({
      header: c.header,
      ...(resourceHelp[c.key] as Omit<TemplateColumn, "header">),
    })),
    example: ["350824101201", "培训", "党员电商培训", "每季度一次，可接待 30 人", "全县（市）"],
    notes: [
      "第一张工作表为数据表，表头（第 1 行）请勿修改、删除或调换顺序；第 2 行为示例，导入前请删除或改为真实数据。",
      "按党组织与资源名称识别资源：同一党组织已有同名资源的将被更新（已撤回的除外），没有的将被新增；同一文件重复导入不会产生任何变化。",
      "导入分两步：上传后先校验，预览新增、变更、未变和有误的行数及每一处错误；全部无误后才能确认导入，确认时全部写入或全部不写入。",
    ],
  },
};

/** How far the lists and formats reach down the sheet. */
const FORMATTED_ROWS = 5000;

export const templateFileName = (kind: ImportKind) => `${templates[kind].fileStem}.xlsx`;
export const templateAsciiName = (kind: ImportKind) => `huzhu-import-${kind}.xlsx`;

/** The file name of an export in a kind's template columns, e.g. 党组织信息-2026-11-30. */
export const exportFileStem = (kind: ImportKind, date: string) => `${templates[kind].sheet}-${date}`;

/**
 * The template of a kind as an .xlsx; `watermark` names who downloaded it and when. With `rows`,
 * the data sheet holds those rows instead of the example: an export that imports back unchanged.
 */
export async function writeTemplate(
  kind: ImportKind,
  watermark: string,
  rows?: readonly (string | null)[][],
): Promise<Buffer> {
  const t = templates[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Huzhu";
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = t.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.date ? { numFmt: "yyyy-mm-dd" } : c.text ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows ?? [t.example]) {
    sheet.addRow(row.map((v) => (typeof v === "string" ? spreadsheetText(v) : v)));
  }
  const formatted = Math.max(FORMATTED_ROWS, (rows?.length ?? 0) + 1);
  // exceljs keeps validations per cell address (without making cells) and writes alike
  // neighbours as one range; its typings do not declare the collection.
  const validations = (
    sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  t.columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    if (!c.list) return;
    for (let row = 2; row <= formatted; row++) {
      validations.add(`${letter}${row}`, {
        type: "list",
        allowBlank: true,
        formulae: [`"${c.list.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: c.header,
        error: `请从列表中选择：${c.list.join("、")}`,
      });
    }
  });

  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "列", width: 18 },
    { header: "填写要求", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of t.columns) help.addRow([c.header, c.help]);
  help.addRow([]);
  if (rows) {
    help.addRow([
      "说明",
      "本文件为系统导出的数据，列与导入模板相同：修改后可重新导入，未修改的行导入时报为“未变”，不会写入。",
    ]);
  }
  for (const note of t.notes) help.addRow(["说明", note]);
  help.addRow([]);
  const mark = help.addRow(["下载信息", spreadsheetText(watermark)]);
  mark.font = { color: { argb: "FF595959" }, italic: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
