import type { Locale } from "@huzhu/contracts";
import { enumLabel, type Labels, type SheetColumn, writeWorkbook } from "../../platform/spreadsheet.ts";
import type { NeedRow } from "./needs.repository.ts";

/**
 * The needs list as a workbook (需求清单, issue 8 item 6): its columns, their labels and the enum
 * values in the three languages, written by the shared streaming writer (platform/spreadsheet.ts).
 * Needs carry no personal data; text cells stay text (a title starting with "=" too), dates are
 * ISO text, the budget is a number in 元 with two decimals.
 */

const categories: Record<string, Labels> = {
  diagnosis: { "zh-CN": "找差距、理思路、定措施", "zh-TW": "找差距、理思路、定措施", en: "Diagnosis and planning" },
  funds: { "zh-CN": "筹资金", "zh-TW": "籌資金", en: "Funds" },
  development: { "zh-CN": "谋发展", "zh-TW": "謀發展", en: "Development" },
  leadership: { "zh-CN": "建班子", "zh-TW": "建班子", en: "Leadership team" },
  venue: { "zh-CN": "建阵地", "zh-TW": "建陣地", en: "Venue" },
  institutions: { "zh-CN": "建制度", "zh-TW": "建制度", en: "Institutions" },
  economy: { "zh-CN": "发展经济", "zh-TW": "發展經濟", en: "Economic development" },
  livelihood: { "zh-CN": "改善民生", "zh-TW": "改善民生", en: "Livelihood" },
  poverty_relief: { "zh-CN": "扶贫帮困", "zh-TW": "扶貧幫困", en: "Poverty relief" },
  training: { "zh-CN": "培训", "zh-TW": "培訓", en: "Training" },
  other: { "zh-CN": "其他", "zh-TW": "其他", en: "Other" },
};
const statuses: Record<string, Labels> = {
  draft: { "zh-CN": "草稿", "zh-TW": "草稿", en: "Draft" },
  open: { "zh-CN": "待认领", "zh-TW": "待認領", en: "Open" },
  claimed: { "zh-CN": "已认领", "zh-TW": "已認領", en: "Claimed" },
  in_progress: { "zh-CN": "帮扶中", "zh-TW": "幫扶中", en: "In progress" },
  delivered: { "zh-CN": "已交付", "zh-TW": "已交付", en: "Delivered" },
  confirmed: { "zh-CN": "已确认", "zh-TW": "已確認", en: "Confirmed" },
  closed: { "zh-CN": "已关闭", "zh-TW": "已關閉", en: "Closed" },
  withdrawn: { "zh-CN": "已撤回", "zh-TW": "已撤回", en: "Withdrawn" },
  expired: { "zh-CN": "已逾期", "zh-TW": "已逾期", en: "Expired" },
};
const urgencies: Record<string, Labels> = {
  low: { "zh-CN": "不急", "zh-TW": "不急", en: "Low" },
  normal: { "zh-CN": "一般", "zh-TW": "一般", en: "Normal" },
  high: { "zh-CN": "较急", "zh-TW": "較急", en: "High" },
  urgent: { "zh-CN": "紧急", "zh-TW": "緊急", en: "Urgent" },
};
const visibilities: Record<string, Labels> = {
  superiors: { "zh-CN": "仅上级", "zh-TW": "僅上級", en: "Superiors only" },
  partners: { "zh-CN": "结对单位", "zh-TW": "結對單位", en: "Partners" },
  region: { "zh-CN": "全县（市）", "zh-TW": "全縣（市）", en: "The whole county or city" },
};

const isoDate = (value: string | Date | null) =>
  value === null ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
/** Fen to 元 (exact to the cent for any budget the contract allows). */
const yuan = (fen: NeedRow["budget_fen"]) => (fen === null ? null : Number(fen) / 100);

const MONEY_FORMAT = "#,##0.00";

const columns: ReadonlyArray<SheetColumn<NeedRow>> = [
  { label: { "zh-CN": "编号", "zh-TW": "編號", en: "No." }, width: 8, value: (r) => r.id },
  { label: { "zh-CN": "需求标题", "zh-TW": "需求標題", en: "Title" }, width: 30, value: (r) => r.title },
  { label: { "zh-CN": "需求组织", "zh-TW": "需求組織", en: "Organization" }, width: 30, value: (r) => r.org_name },
  {
    label: { "zh-CN": "需求类别", "zh-TW": "需求類別", en: "Category" },
    width: 16,
    value: (r, l) => enumLabel(categories, r.category, l),
  },
  {
    label: { "zh-CN": "状态", "zh-TW": "狀態", en: "Status" },
    width: 10,
    value: (r, l) => enumLabel(statuses, r.status, l),
  },
  {
    label: { "zh-CN": "紧急程度", "zh-TW": "緊急程度", en: "Urgency" },
    width: 10,
    value: (r, l) => enumLabel(urgencies, r.urgency, l),
  },
  {
    label: { "zh-CN": "公开范围", "zh-TW": "公開範圍", en: "Visibility" },
    width: 14,
    value: (r, l) => enumLabel(visibilities, r.visibility, l),
  },
  {
    label: { "zh-CN": "预算（元）", "zh-TW": "預算（元）", en: "Budget (yuan)" },
    width: 14,
    numFmt: MONEY_FORMAT,
    value: (r) => yuan(r.budget_fen),
  },
  {
    label: { "zh-CN": "截止日期", "zh-TW": "截止日期", en: "Deadline" },
    width: 12,
    value: (r) => isoDate(r.deadline),
  },
  { label: { "zh-CN": "评分", "zh-TW": "評分", en: "Rating" }, width: 8, value: (r) => r.rating },
  {
    label: { "zh-CN": "发布日期", "zh-TW": "發布日期", en: "Posted on" },
    width: 12,
    value: (r) => isoDate(r.created_at),
  },
  {
    label: { "zh-CN": "需求描述", "zh-TW": "需求描述", en: "Description" },
    width: 50,
    value: (r) => r.description,
  },
  {
    label: { "zh-CN": "预期成效", "zh-TW": "預期成效", en: "Expected outcome" },
    width: 40,
    value: (r) => r.expected_outcome ?? "",
  },
];

const titles: Labels = { "zh-CN": "需求清单", "zh-TW": "需求清單", en: "Needs" };
const fileStems: Labels = { "zh-CN": "需求清单", "zh-TW": "需求清單", en: "needs" };

/** The workbook's name in the user's language, e.g. 需求清单-2026-11-30.xlsx. */
export const needsExportFileName = (locale: Locale, date: string) => `${fileStems[locale]}-${date}.xlsx`;

/** Writes the rows with the shared streaming writer (platform/spreadsheet.ts). */
export const writeNeedsWorkbook = (rows: AsyncIterable<NeedRow[]>, locale: Locale) =>
  writeWorkbook(rows, titles[locale], columns, locale);
