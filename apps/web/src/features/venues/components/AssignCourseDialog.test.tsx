import type { Me } from "@huzhu/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authQueries } from "../../../lib/auth/me.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import { AssignCourseDialog, parseMemberIds } from "./AssignCourseDialog.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const me = {
  user: { id: 1, username: "s350824101201", displayName: "村书记", memberId: null },
  roles: [{ role: "secretary", orgId: 7, orgName: "中共三联村支部委员会" }],
  permissions: ["help.read", "help.write"],
  csrfToken: "csrf",
} as unknown as Me;

/** The organization search answers one branch; the assignment answers `assigned`. */
function stubApi(assigned: number) {
  const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
    const body = url.startsWith("/api/courses/")
      ? { assigned }
      : { items: [{ id: 7, name: "中共三联村支部委员会", ancestors: [] }], total: 1 };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderDialog() {
  const onClose = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authQueries.me().queryKey, me);
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <AssignCourseDialog courseId={31} open onClose={onClose} />
      </App>
    </QueryClientProvider>,
  );
  return onClose;
}

const submit = () => act(async () => fireEvent.click(screen.getByTestId("assign-submit")));

describe("parseMemberIds", () => {
  it("reads numbers separated by commas, spaces or 、 once each, and refuses anything else", () => {
    expect(parseMemberIds(" 12, 34，56、12 ")).toEqual([12, 34, 56]);
    expect(parseMemberIds("")).toEqual([]);
    expect(parseMemberIds("12, 张三")).toBeNull();
    expect(parseMemberIds("0")).toBeNull();
  });
});

// antd in happy-dom is slow on two shared cores.
describe("AssignCourseDialog", { timeout: 20_000 }, () => {
  it("assigns members by number and says how many were assigned", async () => {
    const fetch = stubApi(3);
    const onClose = renderDialog();
    fireEvent.change(screen.getByLabelText("另分配给党员（编号）"), { target: { value: "101, 102 103" } });
    fireEvent.change(screen.getByLabelText("完成期限"), { target: { value: "2026-12-31" } });
    await submit();
    expect(await screen.findByText("已分配 3 人")).toBeTruthy();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const call = fetch.mock.calls.find(([url]) => url === "/api/courses/31/assignments");
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ memberIds: [101, 102, 103], dueOn: "2026-12-31" });
  });

  it("asks for someone to assign to, sending nothing", async () => {
    const fetch = stubApi(0);
    renderDialog();
    await submit();
    expect((await screen.findByTestId("assign-error")).textContent).toContain("请至少选择一个组织或一名党员");
    expect(fetch.mock.calls.some(([url]) => url.startsWith("/api/courses/"))).toBe(false);
  });
});
