/**
 * The platform's calendar is China's (Asia/Shanghai): a member's join date, a need's deadline, an
 * activity's day, a pairing's first day are the dates people there write down, and "today" is
 * theirs — from 16:00 UTC it is already tomorrow in China, and a form filled in with China's date
 * must not be refused as a future one. China has kept UTC+8 without daylight saving since 1991, so
 * a fixed offset is exact for every date the platform holds.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The date (YYYY-MM-DD) it is in China at that moment. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
