import type { Locale } from "@huzhu/contracts";
import type { ConfigProviderProps } from "antd";
import antdZhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";

export type AntdLocale = NonNullable<ConfigProviderProps["locale"]>;

// antd and dayjs locales for the default language are bundled; the others load on demand.
const antdLoaders: Record<Locale, () => Promise<AntdLocale>> = {
  "zh-CN": async () => antdZhCN,
  "zh-TW": () => import("antd/locale/zh_TW").then((m) => m.default),
  en: () => import("antd/locale/en_US").then((m) => m.default),
};

const dayjsLoaders: Record<Locale, () => Promise<string>> = {
  "zh-CN": async () => "zh-cn",
  "zh-TW": () => import("dayjs/locale/zh-tw").then(() => "zh-tw"),
  en: async () => "en",
};

/** Loads antd's and dayjs's locale for a UI language, makes dayjs use it and returns antd's. */
export async function loadUiLocale(lang: Locale): Promise<AntdLocale> {
  const [antdLocale, dayjsLocale] = await Promise.all([antdLoaders[lang](), dayjsLoaders[lang]()]);
  dayjs.locale(dayjsLocale);
  return antdLocale;
}
