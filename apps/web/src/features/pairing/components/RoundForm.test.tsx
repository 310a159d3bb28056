import type { Me } from "@huzhu/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authQueries } from "../../../lib/auth/me.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import { RoundForm } from "./RoundForm.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const me = {
  user: { id: 1, username: "coordinator", displayName: "县委组织部", memberId: null },
  roles: [{ role: "coordinator", orgId: 1, orgName: "中共武平县委员会" }],
  permissions: ["org.read", "help.read", "pairing.solve"],
  csrfToken: "csrf",
} as unknown as Me;

/** The organization search answers the county; creating a round answers it with id 9. */
function stubApi() {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const body =
      url === "/api/pairing-rounds" && init?.method === "POST"
        ? { id: 9, ...JSON.parse(String(init.body)) }
        : { items: [{ id: 1, name: "中共武平县委员会", ancestors: [] }], total: 1 };
    return new Response(JSON.stringify(body), { status: 201, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderForm() {
  const onCreated = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authQueries.me().queryKey, me);
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <RoundForm onCreated={onCreated} />
      </App>
    </QueryClientProvider>,
  );
  return onCreated;
}

const submit = () => act(async () => fireEvent.click(screen.getByTestId("round-create")));
const posted = (fetch: ReturnType<typeof stubApi>) =>
  fetch.mock.calls.filter(([url, init]) => url === "/api/pairing-rounds" && init?.method === "POST");

// antd in happy-dom is slow on two shared cores.
describe("RoundForm", { timeout: 20_000 }, () => {
  it("starts a round over the coordinator's own jurisdiction with the default parameters", async () => {
    const fetch = stubApi();
    const onCreated = renderForm();
    expect(screen.getByTestId("round-org").textContent).toContain("中共武平县委员会");
    fireEvent.change(screen.getByTestId("round-name-input"), { target: { value: " 2026年度城乡结对 " } });
    await submit();
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 9 })));
    const body = JSON.parse(String(posted(fetch)[0]?.[1]?.body));
    expect(body).toEqual({
      orgId: 1,
      name: "2026年度城乡结对",
      forms: ["urban_rural", "rural_rural", "urban_urban"],
      weights: { fit: 4, proximity: 3, priority: 3, effectiveness: 2, continuity: 2, strength: 1 },
      years: 3,
      goals: "",
    });
  });

  it("asks for a name, and refuses weights that are all zero, sending nothing", async () => {
    const fetch = stubApi();
    renderForm();
    await submit();
    expect((await screen.findAllByText("请填写此项")).length).toBeGreaterThan(0);
    fireEvent.change(screen.getByTestId("round-name-input"), { target: { value: "全零权重" } });
    for (const factor of ["需求匹配", "地缘相近", "帮扶优先", "以往成效", "延续结对", "帮扶力量"]) {
      fireEvent.change(screen.getByLabelText(factor), { target: { value: "0" } });
    }
    await submit();
    expect(await screen.findByText("评分权重不能全为 0，至少一项大于 0")).toBeTruthy();
    expect(posted(fetch)).toHaveLength(0);
  });
});
