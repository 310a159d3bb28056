import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { JointBranchCard } from "./JointBranchCard.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const made = {
  id: 40,
  name: "城关社区三联村联合党支部",
  kind: "village_community",
  pairingId: 7,
  parent: { id: 1, name: "中共武平县委员会" },
  members: { helper: 3, recipient: 5 },
  createdAt: "2026-11-30T08:00:00.000Z",
};

/** GET answers `state` (then `made` once formed); POST answers `made`. */
function stubApi(state: { jointBranch: unknown; abilities: { form: boolean } }) {
  let formed = false;
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
    if (init?.method === "POST") formed = true;
    const body = init?.method === "POST" ? made : formed ? { jointBranch: made, abilities: { form: false } } : state;
    return new Response(JSON.stringify(body), {
      status: init?.method === "POST" ? 201 : 200,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderCard() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <JointBranchCard pairingId={7} defaultName="城关社区三联村联合党支部" />
      </App>
    </QueryClientProvider>,
  );
}

// antd in happy-dom is slow on two shared cores.
describe("JointBranchCard", { timeout: 20_000 }, () => {
  it("shows a formed joint branch: its name, kind, superior and members from each side", async () => {
    stubApi({ jointBranch: made, abilities: { form: false } });
    renderCard();
    const card = await screen.findByTestId("joint-branch");
    expect(card.textContent).toContain("城关社区三联村联合党支部");
    expect(card.textContent).toContain("村与社区联建");
    expect(card.textContent).toContain("中共武平县委员会");
    expect(card.textContent).toContain("帮扶方 3 人，受扶方 5 人");
  });

  it("is not there for someone who may not form one while there is none", async () => {
    const fetch = stubApi({ jointBranch: null, abilities: { form: false } });
    renderCard();
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    await act(async () => undefined);
    expect(screen.queryByTestId("joint-branch")).toBeNull();
  });

  it("forms one with a name and a kind, refusing to send without the kind", async () => {
    const fetch = stubApi({ jointBranch: null, abilities: { form: true } });
    renderCard();
    await act(async () => fireEvent.click(await screen.findByTestId("joint-branch-start")));
    await act(async () => fireEvent.click(screen.getByTestId("joint-branch-save")));
    // No kind chosen: caught before sending.
    await waitFor(() => expect(document.querySelector(".ant-form-item-explain-error")?.textContent).toBeTruthy());
    expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(false);
    await act(async () => fireEvent.mouseDown(screen.getByRole("combobox")));
    await act(async () => fireEvent.click(await screen.findByText("村与社区联建")));
    await act(async () => fireEvent.click(screen.getByTestId("joint-branch-save")));
    await waitFor(() => expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(true));
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === "POST") ?? [];
    expect(url).toBe("/api/pairings/7/joint-branch");
    expect(JSON.parse(String(init?.body))).toEqual({ name: "城关社区三联村联合党支部", kind: "village_community" });
    expect(await screen.findByTestId("joint-branch-name")).toBeTruthy();
  });
});
