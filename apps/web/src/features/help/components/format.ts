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

const chinaTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const chinaDate = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** A moment as the date and time in China (2026-11-30 18:25), wherever the browser is. */
export function formatChinaTime(iso: string): string {
  return chinaTime.format(new Date(iso));
}

/** Today's date in China, as YYYY-MM-DD. */
export function chinaToday(): string {
  return chinaDate.format(new Date());
}
