import { describe, expect, it } from "vitest";
import { formatChinaTime, formatFen, yuanToFen } from "./format.ts";

describe("help formats", () => {
  it("shows fen as yuan with two decimals", () => {
    expect(formatFen(123_400)).toBe("¥1,234.00");
    expect(formatFen(5)).toBe("¥0.05");
  });
  it("turns yuan typed in a form into whole fen", () => {
    expect(yuanToFen("12.34")).toBe(1234);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen("")).toBeNull();
    expect(yuanToFen(null)).toBeNull();
  });
  it("shows times in China", () => {
    expect(formatChinaTime("2026-11-30T17:30:00Z")).toBe("2026-12-01 01:30");
  });
});
