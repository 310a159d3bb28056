import type { ImportKind } from "@huzhu/contracts";
import { idNumberCheckChar } from "@huzhu/domain";
import ExcelJS from "exceljs";
import { spreadsheetText } from "../../platform/spreadsheet.ts";
import { educationWords, genderWords, memberColumns, memberExampleRow, statusWords } from "./imports.members.ts";

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
    columns: [
      { header: "党组织全称", width: 30, help: "必填，最多 100 字" },
      { header: "上级党组织", width: 30, help: `必填，${ORG_REF_HELP}`, text: true },
      {
        header: "组织类型",
        width: 12,
        help: "必填：党委、党总支、党支部、联合党支部、临时党支部",
        list: ["党委", "党总支", "党支部", "联合党支部", "临时党支部"],
      },
      {
        header: "单位类别",
        width: 14,
        help: "必填",
        list: [
          "农村",
          "城市社区",
          "机关",
          "国有企业",
          "非公企业",
          "学校",
          "医院",
          "社会组织",
          "乡镇街道",
          "县区",
          "市",
        ],
      },
      { header: "城乡", width: 8, help: "必填：城市 或 农村", list: ["城市", "农村"] },
      { header: "行政区划代码", width: 16, help: "选填，村、社区为 12 位代码", text: true },
      { header: "书记姓名", width: 12, help: "选填" },
    ],
    example: ["中共三联村支部委员会", "350824101", "党支部", "农村", "农村", "350824101201", "张三"],
    notes: ["第一张工作表为数据表，表头请勿修改；按行政区划代码或上级与名称识别党组织，重复导入不产生变化。"],
  },
  needs: {
    sheet: "需求清单",
    fileStem: "需求清单导入模板",
    columns: [
      { header: "提出需求的党组织", width: 30, help: `必填，${ORG_REF_HELP}`, text: true },
      {
        header: "需求类别",
        width: 14,
        help: "必填",
        list: [
          "找差距",
          "筹资金",
          "谋发展",
          "建班子",
          "建阵地",
          "建制度",
          "发展经济",
          "改善民生",
          "扶贫帮困",
          "教育培训",
          "其他",
        ],
      },
      { header: "需求标题", width: 30, help: "必填，最多 100 字" },
      { header: "需求描述", width: 50, help: "必填" },
      { header: "紧急程度", width: 10, help: "必填", list: ["一般", "普通", "较急", "紧急"] },
      { header: "截止日期", width: 14, help: "选填，YYYY-MM-DD", date: true },
    ],
    example: ["350824101201", "发展经济", "村集体茶叶销售渠道", "希望结对单位帮助联系销售渠道", "普通", "2027-06-30"],
    notes: ["第一张工作表为数据表，表头请勿修改。"],
  },
  resources: {
    sheet: "资源清单",
    fileStem: "资源清单导入模板",
    columns: [
      { header: "提供资源的党组织", width: 30, help: `必填，${ORG_REF_HELP}`, text: true },
      {
        header: "资源类别",
        width: 14,
        help: "必填",
        list: ["阵地", "实践基地", "农产品", "文化", "培训", "专业人才", "资金", "志愿者", "设备", "其他"],
      },
      { header: "资源名称", width: 30, help: "必填，最多 100 字" },
      { header: "资源描述", width: 50, help: "必填" },
    ],
    example: ["350824101201", "培训", "党员电商培训", "每季度一次，可接待 30 人", ""].slice(0, 4),
    notes: ["第一张工作表为数据表，表头请勿修改。"],
  },
};

/** How far the lists and formats reach down the sheet. */
const FORMATTED_ROWS = 5000;

export const templateFileName = (kind: ImportKind) => `${templates[kind].fileStem}.xlsx`;
export const templateAsciiName = (kind: ImportKind) => `huzhu-import-${kind}.xlsx`;

/** The template of a kind as an .xlsx; `watermark` names who downloaded it and when. */
export async function writeTemplate(kind: ImportKind, watermark: string): Promise<Buffer> {
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
  sheet.addRow(t.example.map((v) => (typeof v === "string" ? spreadsheetText(v) : v)));
  // exceljs keeps validations per cell address (without making cells) and writes alike
  // neighbours as one range; its typings do not declare the collection.
  const validations = (
    sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  t.columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    if (!c.list) return;
    for (let row = 2; row <= FORMATTED_ROWS; row++) {
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
  for (const note of t.notes) help.addRow(["说明", note]);
  help.addRow([]);
  const mark = help.addRow(["下载信息", spreadsheetText(watermark)]);
  mark.font = { color: { argb: "FF595959" }, italic: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
