import type { Locale } from "@huzhu/contracts";
import { enumLabel, type Labels, type SheetColumn, writeWorkbook } from "../../platform/spreadsheet.ts";
import type { MemberRow } from "./members.repository.ts";

/**
 * The roster workbook: its columns, their labels and the enum values in the three languages,
 * and the writer. Like the presenter, it whitelists fields: only masked personal data is written;
 * nothing here can decrypt.
 */

// Every value as text: dates stay ISO strings and masked numbers are not reformatted by Excel.
const columns: ReadonlyArray<SheetColumn<MemberRow>> = [
  { label: { "zh-CN": "姓名", "zh-TW": "姓名", en: "Name" }, width: 12, value: (r) => r.name },
  {
    label: { "zh-CN": "性别", "zh-TW": "性別", en: "Gender" },
    width: 8,
    value: (r, l) => enumLabel(genders, r.gender, l),
  },
  { label: { "zh-CN": "民族", "zh-TW": "民族", en: "Ethnicity" }, width: 10, value: (r) => r.ethnicity },
  // The birth year as on screen: the full birth date would undo the ID number's mask.
  {
    label: { "zh-CN": "出生年份", "zh-TW": "出生年份", en: "Birth year" },
    width: 10,
    value: (r) => String(r.birth_year),
  },
  {
    label: { "zh-CN": "身份证号（已脱敏）", "zh-TW": "身分證號（已遮罩）", en: "ID number (masked)" },
    width: 22,
    value: (r) => r.id_number_masked,
  },
  {
    label: { "zh-CN": "手机号（已脱敏）", "zh-TW": "手機號碼（已遮罩）", en: "Phone (masked)" },
    width: 16,
    value: (r) => r.phone_masked ?? "",
  },
  {
    label: { "zh-CN": "学历", "zh-TW": "學歷", en: "Education" },
    width: 12,
    value: (r, l) => enumLabel(educations, r.education, l),
  },
  { label: { "zh-CN": "入党日期", "zh-TW": "入黨日期", en: "Join date" }, width: 12, value: (r) => r.join_date },
  {
    label: { "zh-CN": "党员类别", "zh-TW": "黨員類別", en: "Status" },
    width: 12,
    value: (r, l) => enumLabel(statuses, r.status, l),
  },
  {
    label: { "zh-CN": "所在党组织", "zh-TW": "所在黨組織", en: "Primary organization" },
    width: 32,
    value: (r) => r.primary_org_name,
  },
  {
    label: { "zh-CN": "共管党组织", "zh-TW": "共管黨組織", en: "Co-managing organization" },
    width: 32,
    value: (r) => r.co_org_name ?? "",
  },
];

const genders: Record<string, Labels> = {
  male: { "zh-CN": "男", "zh-TW": "男", en: "Male" },
  female: { "zh-CN": "女", "zh-TW": "女", en: "Female" },
};
const statuses: Record<string, Labels> = {
  full: { "zh-CN": "正式党员", "zh-TW": "正式黨員", en: "Full member" },
  probationary: { "zh-CN": "预备党员", "zh-TW": "預備黨員", en: "Probationary member" },
};
const educations: Record<string, Labels> = {
  primary: { "zh-CN": "小学", "zh-TW": "小學", en: "Primary school" },
  junior_high: { "zh-CN": "初中", "zh-TW": "國中", en: "Junior high school" },
  senior_high: { "zh-CN": "高中", "zh-TW": "高中", en: "Senior high school" },
  vocational: { "zh-CN": "中专", "zh-TW": "中專", en: "Vocational school" },
  associate: { "zh-CN": "大专", "zh-TW": "大專", en: "Associate degree" },
  bachelor: { "zh-CN": "大学本科", "zh-TW": "大學本科", en: "Bachelor's degree" },
  master: { "zh-CN": "硕士研究生", "zh-TW": "碩士研究生", en: "Master's degree" },
  doctorate: { "zh-CN": "博士研究生", "zh-TW": "博士研究生", en: "Doctorate" },
};

const titles: Labels = { "zh-CN": "党员名册", "zh-TW": "黨員名冊", en: "Member roster" };
const fileStems: Labels = { "zh-CN": "党员名册", "zh-TW": "黨員名冊", en: "member-roster" };

export { XLSX_CONTENT_TYPE } from "../../platform/spreadsheet.ts";

/** The workbook's name in the user's language, e.g. 党员名册-2026-11-30.xlsx. */
export const exportFileName = (locale: Locale, date: string) => `${fileStems[locale]}-${date}.xlsx`;

/** `attachment` with an ASCII fallback name and the localized one as RFC 5987 `filename*`. */
export function exportContentDisposition(locale: Locale, date: string): string {
  const name = exportFileName(locale, date);
  return `attachment; filename="member-roster-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const notesTitles: Labels = { "zh-CN": "说明", "zh-TW": "說明", en: "Notes" };
const notesText: Record<Locale, (who: string, at: string) => string[]> = {
  "zh-CN": (who, at) => [
    "本表由互助平台导出。身份证号和手机号已脱敏，与页面显示一致；出生日期只给出年份。",
    "列的顺序与“党员信息导入模板”一致：改回导入时，请补全出生日期、公民身份号码和手机号码。",
    `导出人：${who}　导出时间：${at}（北京时间）。本表含党员个人信息，请妥善保管，勿外传。`,
  ],
  "zh-TW": (who, at) => [
    "本表由互助平台匯出。身分證號和手機號碼已遮罩，與頁面顯示一致；出生日期只提供年份。",
    "欄的順序與「黨員資料匯入範本」一致：改回匯入時，請補全出生日期、公民身分號碼和手機號碼。",
    `匯出人：${who}　匯出時間：${at}（北京時間）。本表含黨員個人資料，請妥善保管，勿外傳。`,
  ],
  en: (who, at) => [
    "Exported from Huzhu. ID numbers and phones are masked as on screen; of the birth date only the year is given.",
    "The columns follow the members import template: to import the file back, fill in the birth date, ID number and phone.",
    `Exported by ${who} at ${at} (China time). This file holds members' personal data: keep it safe and do not pass it on.`,
  ],
};

/**
 * Writes the rows with the shared streaming writer (platform/spreadsheet.ts), then the notes sheet
 * with the watermark: who exported it and when (issue 13).
 */
export const writeRosterWorkbook = (
  rows: AsyncIterable<MemberRow[]>,
  locale: Locale,
  watermark: { who: string; at: Date },
) => {
  const at = new Date(watermark.at.getTime() + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 16);
  return writeWorkbook(rows, titles[locale], columns, locale, {
    sheetName: notesTitles[locale],
    lines: notesText[locale](watermark.who, at),
  });
};
