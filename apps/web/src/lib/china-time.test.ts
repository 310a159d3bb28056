import { describe, expect, it } from "vitest";
import {
  addMonths,
  chinaDateOf,
  chinaIso,
  chinaToday,
  formatChinaRange,
  formatChinaTime,
  monthGrid,
  weekdayOf,
  weekStart,
} from "./china-time.ts";

describe("China time", () => {
  it("shows a UTC moment as China wall clock, the date turning at 16:00 UTC", () => {
    expect(formatChinaTime("2026-11-30T16:30:00Z")).toBe("2026-12-01 00:30");
    expect(chinaDateOf("2026-11-30T15:59:00Z")).toBe("2026-11-30");
    expect(chinaToday(new Date("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
  });

  it("names one date for a booking within a day, both when it spans days", () => {
    expect(formatChinaRange("2026-12-01T09:00:00+08:00", "2026-12-01T11:30:00+08:00")).toBe("2026-12-01 09:00–11:30");
    expect(formatChinaRange("2026-12-01T20:00:00+08:00", "2026-12-02T08:00:00+08:00")).toBe(
      "2026-12-01 20:00 – 2026-12-02 08:00",
    );
  });

  it("sends a form's date and time with the +08:00 offset; 24:00 is the next midnight", () => {
    expect(chinaIso("2026-12-01", "09:30")).toBe("2026-12-01T09:30:00+08:00");
    expect(chinaIso("2026-12-31", "24:00")).toBe("2027-01-01T00:00:00+08:00");
  });

  it("counts weeks from Monday and months in whole weeks", () => {
    expect(weekdayOf("2026-11-29")).toBe(7);
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    const grid = monthGrid("2026-02-14");
    expect(grid[0]).toBe("2026-01-26");
    expect(grid.length % 7).toBe(0);
    expect(grid.at(-1)).toBe("2026-03-01");
    expect(addMonths("2026-12-31", 1)).toBe("2027-01-01");
  });
});
