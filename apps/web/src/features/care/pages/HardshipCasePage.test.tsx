import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { App } from "antd";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import HardshipCasePage from "./HardshipCasePage.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const theCase = {
  id: 5,
  member: { id: 9, name: "钟一" },
  org: { id: 3, name: "中共三联村支部委员会" },
  category: "illness",
  status: "open",
  entries: 1,
  createdAt: "2026-11-01T02:00:00.000Z",
  details: "长期透析，医药费负担重",
  closedAt: null,
  entryList: [
    {
      id: 1,
      kind: "help",
      occurredOn: "2026-11-02",
      note: "送去慰问金",
      givenBy: "中山镇党委",
      valueFen: 200000,
      by: "secretary",
      createdAt: "2026-11-02T02:00:00.000Z",
    },
  ],
  abilities: { record: true, close: true },
};

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <MemoryRouter initialEntries={["/hardship-cases/5"]}>
          <Routes>
            <Route path="/hardship-cases/:id" element={<HardshipCasePage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

// antd in happy-dom is slow on two shared cores.
describe("HardshipCasePage", { timeout: 20_000 }, () => {
  it("reads the details (an audited read) only when the user asks for them", async () => {
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(JSON.stringify(theCase), { status: 200, headers: { "content-type": "application/json" } }),
    );
    vi.stubGlobal("fetch", fetch);
    renderPage();
    const reveal = await screen.findByTestId("hardship-reveal");
    // Nothing asked of the server yet, and nothing of the details on the page.
    expect(fetch).not.toHaveBeenCalled();
    expect(document.body.textContent).not.toContain("透析");
    expect(document.body.textContent).toContain("审计");
    fireEvent.click(reveal);
    const details = await screen.findByTestId("hardship-details-text");
    expect(details.textContent).toBe("长期透析，医药费负担重");
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0]?.[0])).toContain("/api/hardship-cases/5");
    // Help given: by whom and its value in yuan.
    expect(document.body.textContent).toContain("中山镇党委");
    expect(document.body.textContent).toContain("2000.00");
  });
});
