import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import type { Booking, Venue } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex, Segmented, Spin, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageError } from "../../../components/PageStates.tsx";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";
import {
  addDays,
  addMonths,
  chinaClockOf,
  chinaDateOf,
  chinaIso,
  chinaToday,
  monthGrid,
  monthStart,
  weekdayOf,
  weekStart,
} from "../../../lib/china-time.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { venuesQueries } from "../api/queries.ts";

export type CalendarView = "week" | "month";

/** Bookings that no longer hold or ask for the slot are left off the calendar. */
const shown = (b: Booking) => b.status !== "declined" && b.status !== "cancelled";

const tone: Partial<Record<Booking["status"], Tone>> = { requested: "gold", no_show: "orange", done: "green" };

/** The China dates a booking covers (most are one). */
function datesOf(b: Booking): string[] {
  const first = chinaDateOf(b.start);
  // An end at midnight belongs to the day before.
  const last = chinaDateOf(new Date(new Date(b.end).getTime() - 1).toISOString());
  const out: string[] = [];
  for (let d = first; d <= last && out.length < 62; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * A light booking calendar (week and month, China time, Monday first) of one venue or of one
 * organization's bookings. FullCalendar does this with more, but would bring a calendar engine and
 * its styles down a slow link for what these few lines of text show; this is a lazily loaded chunk.
 * Every day is text (never colour alone): the bookings' times, organizations and statuses, and
 * days the venue is closed or blacked out.
 */
/** The most bookings one calendar view fetches (a week or month of a county is far fewer). */
const CALENDAR_LIMIT = 200;

export default function BookingCalendar(props: {
  venueId?: number;
  orgId?: number;
  venue?: Pick<Venue, "openingHours" | "blackoutDates">;
  /** Offered on each day (prefills a booking form). */
  onPickDay?: (date: string) => void;
  initialView?: CalendarView;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const phone = useIsPhone();
  const [view, setView] = useState<CalendarView>(props.initialView ?? "week");
  const [anchor, setAnchor] = useState(chinaToday());
  const today = chinaToday();
  const days = view === "week" ? Array.from({ length: 7 }, (_, i) => addDays(weekStart(anchor), i)) : monthGrid(anchor);
  const first = days[0] ?? anchor;
  const last = days.at(-1) ?? anchor;
  const bookings = useQuery(
    venuesQueries.bookingList({
      venueId: props.venueId,
      orgId: props.orgId,
      from: chinaIso(first, "00:00"),
      to: chinaIso(addDays(last, 1), "00:00"),
      page: 1,
      pageSize: CALENDAR_LIMIT,
      // The calendar shows what it fetched; counting a province's month beyond it is wasted work.
      totalUpTo: CALENDAR_LIMIT,
    }),
  );
  const fetched = bookings.data?.items.length ?? 0;
  const more = bookings.data ? bookings.data.totalCapped === true || bookings.data.total > fetched : false;
  const byDay = new Map<string, Booking[]>();
  for (const b of (bookings.data?.items ?? []).filter(shown)) {
    for (const d of datesOf(b)) byDay.set(d, [...(byDay.get(d) ?? []), b]);
  }
  const closedReason = (date: string): string | null => {
    if (!props.venue) return null;
    if (props.venue.blackoutDates.includes(date)) return t("venues.calendar.blackout");
    const hours = props.venue.openingHours;
    if (hours.length > 0 && !hours.some((w) => w.weekday === weekdayOf(date))) return t("venues.calendar.closed");
    return null;
  };
  const hoursOf = (date: string): string | null => {
    const hours = props.venue?.openingHours.filter((w) => w.weekday === weekdayOf(date)) ?? [];
    return hours.length ? hours.map((w) => `${w.from}–${w.to}`).join(t("common.listSeparator")) : null;
  };
  const weekdayName = (date: string) => t(`venues.weekday.${weekdayOf(date)}` as "venues.weekday.1");
  const step = (n: number) => setAnchor(view === "week" ? addDays(anchor, 7 * n) : addMonths(anchor, n));
  const title =
    view === "week"
      ? t("venues.calendar.weekOf", { from: first, to: last })
      : t("venues.calendar.monthOf", { month: monthStart(anchor).slice(0, 7) });

  const dayBookings = (date: string) =>
    (byDay.get(date) ?? []).map((b) => (
      <li key={b.id} style={{ listStyle: "none", marginBottom: 4 }} data-testid="calendar-booking">
        <Typography.Text strong>
          {chinaDateOf(b.start) === date ? chinaClockOf(b.start) : "00:00"}–
          {chinaDateOf(b.end) === date ? chinaClockOf(b.end) : "24:00"}
        </Typography.Text>{" "}
        <Typography.Text>{props.venueId ? b.org.name : b.venue.name}</Typography.Text>{" "}
        <ToneTag tone={tone[b.status] ?? "blue"}>{t(`venues.bookingStatus.${b.status}`)}</ToneTag>
      </li>
    ));

  return (
    <section aria-label={t("venues.calendar.title")} data-testid="booking-calendar">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented<CalendarView>
          value={view}
          onChange={setView}
          options={[
            { value: "week", label: t("venues.calendar.week") },
            { value: "month", label: t("venues.calendar.month") },
          ]}
          aria-label={t("venues.calendar.view")}
          data-testid="calendar-view"
        />
        <Flex gap={4} align="center">
          <Button icon={<LeftOutlined />} aria-label={t("venues.calendar.previous")} onClick={() => step(-1)} />
          <Button onClick={() => setAnchor(today)}>{t("venues.calendar.today")}</Button>
          <Button icon={<RightOutlined />} aria-label={t("venues.calendar.next")} onClick={() => step(1)} />
        </Flex>
      </Flex>
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }} aria-live="polite">
          {title}
        </Typography.Title>
        {bookings.isFetching ? <Spin size="small" /> : null}
      </Flex>
      {bookings.isError ? <PageError error={bookings.error} onRetry={() => void bookings.refetch()} /> : null}
      {more ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t("venues.calendar.more", { shown: fetched })}
          data-testid="calendar-more"
        />
      ) : null}
      {view === "week" ? (
        <div
          style={{
            display: "grid",
            gridTemplateColumns: phone ? "1fr" : "repeat(7, minmax(0, 1fr))",
            gap: 8,
          }}
        >
          {days.map((date) => {
            const closed = closedReason(date);
            const hours = hoursOf(date);
            return (
              <div
                key={date}
                data-testid={`calendar-day-${date}`}
                style={{
                  border: `1px solid ${date === today ? token.colorPrimary : token.colorBorderSecondary}`,
                  borderRadius: 6,
                  padding: 8,
                  background: closed ? token.colorFillQuaternary : token.colorBgContainer,
                  minHeight: phone ? undefined : 120,
                }}
              >
                <Typography.Text strong>
                  {weekdayName(date)} {date.slice(5)}
                  {date === today ? ` · ${t("venues.calendar.today")}` : ""}
                </Typography.Text>
                {closed ? (
                  <div>
                    <Typography.Text>{closed}</Typography.Text>
                  </div>
                ) : hours ? (
                  <div>
                    <Typography.Text type="secondary">{t("venues.calendar.opens", { hours })}</Typography.Text>
                  </div>
                ) : null}
                <ul style={{ margin: "6px 0 0", padding: 0 }}>{dayBookings(date)}</ul>
                {!byDay.get(date)?.length && !closed ? (
                  <Typography.Text type="secondary">{t("venues.calendar.free")}</Typography.Text>
                ) : null}
                {props.onPickDay && !closed && date >= today ? (
                  <div style={{ marginTop: 6 }}>
                    <Button
                      size="small"
                      onClick={() => props.onPickDay?.(date)}
                      aria-label={t("venues.calendar.bookDay", { date })}
                    >
                      {t("venues.calendar.book")}
                    </Button>
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : (
        <table style={{ width: "100%", borderCollapse: "collapse", tableLayout: "fixed" }}>
          <caption style={{ position: "absolute", left: -10000 }}>{title}</caption>
          <thead>
            <tr>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <th key={d} scope="col" style={{ padding: 4, fontWeight: 600 }}>
                  {t(`venues.weekdayShort.${d}` as "venues.weekdayShort.1")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: days.length / 7 }, (_, w) => (
              <tr key={days[w * 7]}>
                {days.slice(w * 7, w * 7 + 7).map((date) => {
                  const count = byDay.get(date)?.length ?? 0;
                  const closed = closedReason(date);
                  const inMonth = date.slice(0, 7) === anchor.slice(0, 7);
                  return (
                    <td key={date} style={{ padding: 2, verticalAlign: "top" }}>
                      <button
                        type="button"
                        data-testid={`calendar-month-${date}`}
                        onClick={() => {
                          setAnchor(date);
                          setView("week");
                        }}
                        aria-label={t("venues.calendar.dayLabel", {
                          date,
                          count,
                          state: closed ?? "",
                        })}
                        style={{
                          width: "100%",
                          minHeight: phone ? 48 : 72,
                          textAlign: "start",
                          border: `1px solid ${date === today ? token.colorPrimary : token.colorBorderSecondary}`,
                          borderRadius: 6,
                          padding: 4,
                          cursor: "pointer",
                          background: closed ? token.colorFillQuaternary : token.colorBgContainer,
                          color: inMonth ? token.colorText : token.colorTextSecondary,
                          font: "inherit",
                        }}
                      >
                        <div style={{ fontWeight: date === today ? 700 : 400 }}>{Number(date.slice(8))}</div>
                        {count > 0 ? (
                          <div style={{ fontSize: 12, color: token.colorText }}>
                            {phone ? count : t("venues.calendar.count", { count })}
                          </div>
                        ) : null}
                        {closed && !phone ? <div style={{ fontSize: 12 }}>{closed}</div> : null}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
