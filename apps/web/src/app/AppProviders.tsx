import type { Locale } from "@huzhu/contracts";
import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntdApp, ConfigProvider } from "antd";
import { useState } from "react";
import { RouterProvider } from "react-router/dom";
import { createQueryClient } from "../lib/api/query-client.ts";
import { LanguageProvider, useLanguage } from "../lib/i18n/LanguageProvider.tsx";
import type { AntdLocale } from "../lib/i18n/ui-locale.ts";
import { router } from "./router.tsx";
import { theme } from "./theme.ts";

function LocalizedApp() {
  const { antdLocale } = useLanguage();
  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <AntdApp>
        <RouterProvider router={router} />
      </AntdApp>
    </ConfigProvider>
  );
}

export function AppProviders(props: { language: Locale; antdLocale: AntdLocale }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider initial={props.language} initialAntdLocale={props.antdLocale}>
        <LocalizedApp />
      </LanguageProvider>
    </QueryClientProvider>
  );
}
