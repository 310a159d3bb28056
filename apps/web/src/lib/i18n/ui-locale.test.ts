import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { loadUiLocale } from "./ui-locale.ts";

describe("loadUiLocale", () => {
  it.each([
    ["en", "en", "en"],
    ["zh-TW", "zh-tw", "zh-tw"],
    ["zh-CN", "zh-cn", "zh-cn"],
  ] as const)("%s gives antd's %s locale and switches dayjs to %s", async (lang, antd, day) => {
    const locale = await loadUiLocale(lang);
    expect(locale.locale).toBe(antd);
    expect(dayjs.locale()).toBe(day);
  });

  it("formats dates in the chosen language", async () => {
    await loadUiLocale("en");
    expect(dayjs("2026-03-01").format("MMMM")).toBe("March");
    await loadUiLocale("zh-CN");
    expect(dayjs("2026-03-01").format("MMMM")).toBe("三月");
  });
});
