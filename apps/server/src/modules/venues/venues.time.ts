import type { OpeningWindow } from "@huzhu/contracts";
import { CHINA_OFFSET_MS } from "../../platform/china-time.ts";

/**
 * China time (Asia/Shanghai) for venues: opening hours and blackout dates are China-time wall clock
 * and dates, and times are presented with +08:00. China has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact for every date a booking can have.
 */
const OFFSET_MS = CHINA_OFFSET_MS;

export interface ChinaParts {
  /** YYYY-MM-DD */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

export function chinaParts(at: Date): ChinaParts {
  const local = new Date(at.getTime() + OFFSET_MS);
  const day = local.getUTCDay();
  return {
    date: local.toISOString().slice(0, 10),
    weekday: day === 0 ? 7 : day,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60,
  };
}

/** 2026-12-01T09:00:00+08:00 */
export function chinaIso(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** 2026-12-01 09:00 (for messages). */
export function chinaText(at: Date): string {
  return chinaIso(at).slice(0, 16).replace("T", " ");
}

/** "2026-12-01 09:00–11:00" or across days "2026-12-01 09:00 – 2026-12-02 11:00". */
export function chinaRange(start: Date, end: Date): string {
  const a = chinaText(start);
  const b = chinaText(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Whether [start, end) lies inside one opening window (empty hours: always open). */
export function withinOpeningHours(hours: readonly OpeningWindow[], start: Date, end: Date): boolean {
  if (hours.length === 0) return true;
  const s = chinaParts(start);
  const e = chinaParts(end);
  // An end at midnight is the end of the start's day (24:00).
  const endsAtMidnight = e.minutes === 0 && end.getTime() - start.getTime() <= 24 * 60 * 60 * 1000;
  if (e.date !== s.date && !endsAtMidnight) return false;
  const endMinutes = e.date === s.date ? e.minutes : 24 * 60;
  return hours.some((w) => w.weekday === s.weekday && toMinutes(w.from) <= s.minutes && endMinutes <= toMinutes(w.to));
}

/** The China-time dates [start, end) touches. */
export function chinaDates(start: Date, end: Date): string[] {
  const out: string[] = [];
  const last = chinaParts(new Date(end.getTime() - 1)).date;
  let at = start;
  for (let i = 0; i < 400; i++) {
    const d = chinaParts(at).date;
    out.push(d);
    if (d >= last) break;
    at = new Date(at.getTime() + 24 * 60 * 60 * 1000);
  }
  return [...new Set(out)];
}
