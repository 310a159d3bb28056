import "i18next";
import type zhCN from "./zh-CN.ts";

// Typed keys: `t("nav.orgs")` is checked against the zh-CN resource, which every language mirrors.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
