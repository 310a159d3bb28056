import type { Me } from "@huzhu/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authQueries } from "../../../lib/auth/me.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import { BookingForm } from "./BookingForm.tsx";

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

/** The API answers `status` with `body` to every request, and the test reads what was sent. */
function stubApi(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderForm(onBooked = vi.fn()) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authQueries.me().queryKey, me);
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <BookingForm
          venue={{ id: 42, name: "社区党群活动室", capacity: 60, requiresApproval: true }}
          date="2026-12-05"
          onBooked={onBooked}
        />
      </App>
    </QueryClientProvider>,
  );
  return onBooked;
}

const field = (label: string) => screen.getByLabelText(label);
const submit = () => act(async () => fireEvent.click(screen.getByTestId("booking-submit")));

function fill(values: { start?: string; end?: string; purpose?: string }) {
  if (values.start) fireEvent.change(field("开始时间"), { target: { value: values.start } });
  if (values.end) fireEvent.change(field("结束时间"), { target: { value: values.end } });
  if (values.purpose) fireEvent.change(field("用途"), { target: { value: values.purpose } });
}

// antd in happy-dom is slow on two shared cores.
describe("BookingForm", { timeout: 20_000 }, () => {
  it("sends the organization and the China-time slot with its +08:00 offset", async () => {
    const fetch = stubApi(201, { id: 9, status: "requested" });
    const onBooked = renderForm();
    fill({ start: "14:00", end: "16:30", purpose: "  城乡联合主题党日  " });
    await submit();
    await waitFor(() => expect(onBooked).toHaveBeenCalledWith({ id: 9, status: "requested" }));
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe("/api/bookings");
    expect(JSON.parse(String(init?.body))).toEqual({
      venueId: 42,
      orgId: 7,
      start: "2026-12-05T14:00:00+08:00",
      end: "2026-12-05T16:30:00+08:00",
      purpose: "城乡联合主题党日",
    });
  });

  it("catches an end before the start on the end field, sending nothing", async () => {
    const fetch = stubApi(201, { id: 1, status: "confirmed" });
    renderForm();
    fill({ start: "15:00", end: "10:00", purpose: "主题党日" });
    await submit();
    expect(await screen.findByText("结束时间应晚于开始时间")).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows a clash (409 booking.conflict) above the button in the server's words", async () => {
    stubApi(409, {
      error: { code: "booking.conflict", message: "该时段已被预约：12月5日 14:00–16:00，东城社区党委", field: "start" },
    });
    const onBooked = renderForm();
    fill({ purpose: "主题党日" });
    await submit();
    const alert = await screen.findByTestId("booking-error");
    expect(alert.textContent).toContain("该时段已被预约：12月5日 14:00–16:00，东城社区党委");
    expect(onBooked).not.toHaveBeenCalled();
  });

  it("puts a 400 naming a field on that field", async () => {
    stubApi(400, { error: { code: "booking.overCapacity", message: "超过场地容纳人数 60 人", field: "attendees" } });
    renderForm();
    fill({ purpose: "主题党日" });
    fireEvent.change(field("预计人数"), { target: { value: "80" } });
    await submit();
    expect(await screen.findByText("超过场地容纳人数 60 人")).toBeTruthy();
    expect(screen.queryByTestId("booking-error")).toBeNull();
  });
});
