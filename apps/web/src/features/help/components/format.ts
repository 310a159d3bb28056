const yuan = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });

/** Money is stored in fen and shown as ¥1,234.00. */
export function formatFen(fen: number): string {
  return yuan.format(fen / 100);
}

/** 元 typed in a form (up to two decimals) to whole fen; empty stays empty. */
export function yuanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

// China time for needs, claims and projects is the platform's one (lib/china-time.ts).
export { chinaToday, formatChinaTime } from "../../../lib/china-time.ts";
