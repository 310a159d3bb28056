import { describe, expect, it } from "vitest";
import en from "./en.ts";
import zhCN from "./zh-CN.ts";
import zhTW from "./zh-TW.ts";

/** Every message as "path.to.key" → text. */
function flatten(tree: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const source = flatten(zhCN);
const translations = { "zh-TW": flatten(zhTW), en: flatten(en) };

describe("UI messages", () => {
  it.each(Object.entries(translations))("%s has exactly zh-CN's keys", (_lang, messages) => {
    expect([...messages.keys()].sort()).toEqual([...source.keys()].sort());
  });

  // The Messages type checks the keys, not what is inside the strings: a translation that drops or
  // renames {{status}} would show a literal "{{status}}" or lose the number.
  it.each(Object.entries(translations))(
    "%s uses the same {{placeholders}} as zh-CN in every message",
    (_lang, messages) => {
      const differing = [...source]
        .filter(([key, text]) => placeholders(text).join() !== placeholders(messages.get(key) ?? "").join())
        .map(([key]) => key);
      expect(differing).toEqual([]);
    },
  );

  it("has no empty message in any language", () => {
    const empty = [source, ...Object.values(translations)].flatMap((m) => [...m].filter(([, v]) => !v.trim()));
    expect(empty).toEqual([]);
  });
});
