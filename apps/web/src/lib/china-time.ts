/**
 * The platform's times are China time (UTC+8, no daylight saving): shown so wherever the browser is
 * (a booking, a claim, a pairing's history), sent with their +08:00 offset, and "today" is China's
 * date, as the server's is (apps/server/src/platform/china-time.ts). Calendar dates are "YYYY-MM-DD"
 * strings, counted with UTC arithmetic so the browser's own zone never shifts a day.
 */
const chinaTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(iso: string): { date: string; clock: string } {
  const [date = "", clock = ""] = chinaTime.format(new Date(iso)).split(" ");
  return { date, clock: clock.slice(0, 5) };
}

/** A moment as the date and time in China (2026-11-30 18:25). */
export function formatChinaTime(iso: string): string {
  const p = parts(iso);
  return `${p.date} ${p.clock}`;
}

/** The China date of a moment (YYYY-MM-DD). */
export function chinaDateOf(iso: string): string {
  return parts(iso).date;
}

/** The China wall-clock time of a moment (HH:MM). */
export function chinaClockOf(iso: string): string {
  return parts(iso).clock;
}

/** A booking's time: "2026-12-01 09:00–11:00", or both dates when it spans days. */
export function formatChinaRange(start: string, end: string): string {
  const s = parts(start);
  const e = parts(end);
  return s.date === e.date ? `${s.date} ${s.clock}–${e.clock}` : `${s.date} ${s.clock} – ${e.date} ${e.clock}`;
}

/** Today's date in China. */
export function chinaToday(now: Date = new Date()): string {
  return parts(now.toISOString()).date;
}

/** A China date and wall-clock time as ISO 8601 with its offset (2026-12-01T09:00:00+08:00). */
export function chinaIso(date: string, clock: string): string {
  return clock === "24:00" ? `${addDays(date, 1)}T00:00:00+08:00` : `${date}T${clock}:00+08:00`;
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday, as opening hours count them. */
export function weekdayOf(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: string, months: number): string {
  const d = utc(monthStart(date));
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The days a month view shows: whole weeks (Monday first) covering the month of `date`. */
export function monthGrid(date: string): string[] {
  const first = weekStart(monthStart(date));
  const last = addDays(addMonths(date, 1), -1);
  const days: string[] = [];
  for (let d = first; d <= last || weekdayOf(d) !== 1; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Hours between two moments, to one decimal. */
export function hoursBetween(start: string, end: string): number {
  return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 360_000) / 10;
}
