import type { Locale } from "@huzhu/contracts";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { changeLanguage } from "./index.ts";
import { type AntdLocale, loadUiLocale } from "./ui-locale.ts";

interface LanguageState {
  language: Locale;
  antdLocale: AntdLocale;
  setLanguage: (lang: Locale) => Promise<void>;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** Keeps i18next, antd's ConfigProvider locale and dayjs on one language. */
export function LanguageProvider(props: { initial: Locale; initialAntdLocale: AntdLocale; children: ReactNode }) {
  const [state, setState] = useState({ language: props.initial, antdLocale: props.initialAntdLocale });
  const setLanguage = useCallback(async (lang: Locale) => {
    const [antdLocale] = await Promise.all([loadUiLocale(lang), changeLanguage(lang)]);
    setState({ language: lang, antdLocale });
  }, []);
  const value = useMemo(() => ({ ...state, setLanguage }), [state, setLanguage]);
  return <LanguageContext.Provider value={value}>{props.children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage must be used inside <LanguageProvider>");
  return value;
}
