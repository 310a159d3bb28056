import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppProviders } from "./app/AppProviders.tsx";
import { initI18n } from "./lib/i18n/index.ts";
import { loadUiLocale } from "./lib/i18n/ui-locale.ts";

async function start(): Promise<void> {
  const language = await initI18n();
  const antdLocale = await loadUiLocale(language);
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root");
  createRoot(container).render(
    <StrictMode>
      <AppProviders language={language} antdLocale={antdLocale} />
    </StrictMode>,
  );
}

void start();
