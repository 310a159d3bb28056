import type { Locale } from "@huzhu/contracts";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Messages } from "./zh-CN.ts";
import zhCN from "./zh-CN.ts";

export type { Messages } from "./zh-CN.ts";

/** Order shown in the language switch. Mirrors `locales` in @huzhu/contracts (kept as a type-only import here). */
export const languages: readonly Locale[] = ["zh-CN", "zh-TW", "en"];
export const defaultLanguage: Locale = "zh-CN";
const storageKey = "huzhu.lang";

export function isLanguage(value: unknown): value is Locale {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The language chosen earlier on this device, else Simplified Chinese (Chinese first). */
export function storedLanguage(): Locale {
  try {
    const value = window.localStorage.getItem(storageKey);
    if (isLanguage(value)) return value;
  } catch {
    // Private mode or storage disabled: fall back to the default.
  }
  return defaultLanguage;
}

function storeLanguage(lang: Locale): void {
  try {
    window.localStorage.setItem(storageKey, lang);
  } catch {
    // Not fatal: the choice just won't survive a reload.
  }
}

// Only the default language ships in the first bundle; the others load when chosen.
const loaders: Record<Locale, () => Promise<Messages>> = {
  "zh-CN": async () => zhCN,
  "zh-TW": () => import("./zh-TW.ts").then((m) => m.default),
  en: () => import("./en.ts").then((m) => m.default),
};

async function ensureResources(lang: Locale): Promise<void> {
  if (i18n.hasResourceBundle(lang, "translation")) return;
  i18n.addResourceBundle(lang, "translation", await loaders[lang](), true, true);
}

/** The UI language now in effect; the API client sends it as Accept-Language. */
export function currentLanguage(): Locale {
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}

export async function initI18n(): Promise<Locale> {
  const lang = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhCN } },
    lng: "zh-CN",
    fallbackLng: "zh-CN",
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  if (lang !== "zh-CN") await changeLanguage(lang);
  else applyDocumentLanguage(lang);
  return lang;
}

export async function changeLanguage(lang: Locale): Promise<void> {
  await ensureResources(lang);
  await i18n.changeLanguage(lang);
  storeLanguage(lang);
  applyDocumentLanguage(lang);
}

function applyDocumentLanguage(lang: Locale): void {
  document.documentElement.lang = lang;
  document.title = i18n.t("app.title");
}

export { i18n };
