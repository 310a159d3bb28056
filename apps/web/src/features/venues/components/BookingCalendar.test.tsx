import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addDays, chinaToday, weekStart } from "../../../lib/china-time.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import BookingCalendar from "./BookingCalendar.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const monday = weekStart(chinaToday());
const wednesday = addDays(monday, 2);

function booking(id: number, date: string, from: string, to: string, status: string, org: string) {
  return {
    id,
    venue: { id: 1, name: "河东社区党群服务中心活动室", kind: "service_centre" },
    owner: { id: 19, name: "中共河东社区支部委员会" },
    org: { id: 31, name: org },
    start: `${date}T${from}:00+08:00`,
    end: `${date}T${to}:00+08:00`,
    purpose: "联合主题党日",
    attendees: 30,
    status,
    reason: null,
    decidedAt: null,
    checkedInAt: null,
    createdAt: `${date}T08:00:00+08:00`,
    checkInPath: null,
    abilities: { approve: false, decline: false, cancel: false, checkIn: false, qr: false },
  };
}

function renderCalendar(items: unknown[], more: { totalCapped?: boolean } = {}) {
  const fetch = vi.fn(
    async (_url: string) =>
      new Response(JSON.stringify({ items, total: items.length, ...more }), {
        status: 200,
        headers: { "content-type": "application/json" },
      }),
  );
  vi.stubGlobal("fetch", fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <BookingCalendar
          venueId={1}
          venue={{ openingHours: [], blackoutDates: [addDays(monday, 4)] }}
          onPickDay={() => undefined}
        />
      </App>
    </QueryClientProvider>,
  );
  return fetch;
}

// antd in happy-dom is slow on two shared cores.
describe("BookingCalendar", { timeout: 20_000 }, () => {
  it("asks for the week's bookings in China time and lists them on their day in words", async () => {
    const fetch = renderCalendar([
      booking(1, wednesday, "14:00", "16:00", "confirmed", "中共三联村支部委员会"),
      booking(2, wednesday, "09:00", "10:00", "cancelled", "中共下坝村支部委员会"),
    ]);
    const day = await screen.findByTestId(`calendar-day-${wednesday}`);
    await waitFor(() => expect(day.textContent).toContain("14:00–16:00"));
    expect(day.textContent).toContain("中共三联村支部委员会");
    expect(day.textContent).toContain("已确认");
    // A cancelled booking no longer holds the slot: it is left off.
    expect(day.textContent).not.toContain("中共下坝村支部委员会");
    // A blackout date says so instead of offering a booking.
    expect(screen.getByTestId(`calendar-day-${addDays(monday, 4)}`).textContent).toContain("不开放");
    const url = new URL(String(fetch.mock.calls[0]?.[0]), "http://x");
    expect(url.searchParams.get("venueId")).toBe("1");
    expect(url.searchParams.get("from")).toBe(`${monday}T00:00:00+08:00`);
    expect(url.searchParams.get("to")).toBe(`${addDays(monday, 7)}T00:00:00+08:00`);
    // It counts no further than it shows, and says nothing about more when there are none.
    expect(url.searchParams.get("totalUpTo")).toBe(url.searchParams.get("pageSize"));
    expect(screen.queryByTestId("calendar-more")).toBeNull();
  });

  it("says when there are more bookings than it shows", async () => {
    renderCalendar([booking(1, wednesday, "14:00", "16:00", "confirmed", "中共三联村支部委员会")], {
      totalCapped: true,
    });
    expect((await screen.findByTestId("calendar-more")).textContent).toContain("只显示前 1 条预约");
  });

  it("shows a month as whole weeks with each day's count, and a day opens its week", async () => {
    renderCalendar([booking(1, wednesday, "14:00", "16:00", "requested", "中共三联村支部委员会")]);
    await screen.findByTestId(`calendar-day-${wednesday}`);
    await act(async () => fireEvent.click(screen.getByText("月")));
    const cell = await screen.findByTestId(`calendar-month-${wednesday}`);
    await waitFor(() => expect(cell.getAttribute("aria-label")).toContain("1 个预约"));
    expect(document.querySelectorAll("[data-testid^=calendar-month-]").length % 7).toBe(0);
    await act(async () => fireEvent.click(cell));
    expect(await screen.findByTestId(`calendar-day-${wednesday}`)).toBeTruthy();
  });
});
