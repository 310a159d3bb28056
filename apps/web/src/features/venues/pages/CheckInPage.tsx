import { CHECK_IN_LEAD_MINUTES } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { PageLoading } from "../../../components/PageStates.tsx";
import { isApiError } from "../../../lib/api/client.ts";
import { formatChinaRange, formatChinaTime } from "../../../lib/china-time.ts";
import { useCheckIn } from "../api/check-in.ts";
import { venuesQueries } from "../api/queries.ts";
import { BookingStatusTag } from "../components/BookingStatusTag.tsx";

const box = { maxWidth: 480, width: "100%", margin: "0 auto" } as const;

/**
 * 签到, opened by scanning the booking's QR code at the venue (`checkInPath`): phone-first, one big
 * button, and plain words when it is too early or too late or not the user's booking.
 */
export default function CheckInPage() {
  const { t } = useTranslation();
  const id = Number(useParams().bookingId);
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const valid = Number.isInteger(id) && id > 0 && token.length >= 16;
  const booking = useQuery({ ...venuesQueries.booking(id), enabled: valid, retry: false });
  const checkIn = useCheckIn();

  if (!valid)
    return (
      <div style={box}>
        <Result status="warning" title={t("venues.checkIn.badLink")} subTitle={t("venues.checkIn.badLinkHint")} />
      </div>
    );
  if (booking.isPending) return <PageLoading />;
  if (booking.isError) {
    const status = isApiError(booking.error) ? booking.error.status : 0;
    return (
      <div style={box} data-testid="check-in-page">
        <Result
          status="warning"
          title={status === 403 || status === 404 ? t("venues.checkIn.notYours") : t("errors.title")}
          subTitle={
            status === 403 || status === 404
              ? t("venues.checkIn.notYoursHint")
              : booking.error instanceof Error
                ? booking.error.message
                : ""
          }
          extra={<Button onClick={() => void booking.refetch()}>{t("common.retry")}</Button>}
        />
      </div>
    );
  }

  const b = booking.data;
  const opens = new Date(new Date(b.start).getTime() - CHECK_IN_LEAD_MINUTES * 60_000).toISOString();
  const now = Date.now();
  const early = now < new Date(opens).getTime();
  const late = now > new Date(b.end).getTime();
  const checkedIn = b.checkedInAt !== null || b.status === "checked_in" || b.status === "done";
  const error = checkIn.error;
  const code = isApiError(error) ? error.code : null;

  return (
    <Flex vertical gap={16} style={box} data-testid="check-in-page">
      <Typography.Title level={3} style={{ margin: 0, textAlign: "center" }}>
        {t("venues.checkIn.title")}
      </Typography.Title>
      <Card>
        <Flex vertical gap={8}>
          <Typography.Text strong style={{ fontSize: 20 }}>
            {b.venue.name}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 16 }} data-testid="check-in-time">
            {t("venues.booking.timeChina", { time: formatChinaRange(b.start, b.end) })}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 16 }}>{t("venues.checkIn.org", { org: b.org.name })}</Typography.Text>
          <Typography.Text>{b.purpose}</Typography.Text>
          <div>
            <BookingStatusTag status={b.status} />
          </div>
        </Flex>
      </Card>
      {checkedIn ? (
        <Result
          status="success"
          title={t("venues.checkIn.done")}
          subTitle={
            b.checkedInAt ? t("venues.booking.checkedInAt", { time: formatChinaTime(b.checkedInAt) }) : undefined
          }
          data-testid="check-in-done"
        />
      ) : (
        <>
          {b.status === "requested" ? (
            <Alert type="warning" showIcon title={t("venues.checkIn.notConfirmed")} />
          ) : b.status !== "confirmed" ? (
            <Alert
              type="warning"
              showIcon
              title={t("venues.checkIn.notOpen", { status: t(`venues.bookingStatus.${b.status}`) })}
            />
          ) : early || late ? (
            <Alert
              type="warning"
              showIcon
              data-testid="check-in-window"
              title={t(early ? "venues.checkIn.tooEarly" : "venues.checkIn.tooLate")}
              description={t("venues.checkIn.window", { from: formatChinaTime(opens), to: formatChinaTime(b.end) })}
            />
          ) : null}
          {error ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="check-in-error"
              title={error.message}
              description={
                code === "booking.checkInWindow"
                  ? t("venues.checkIn.window", { from: formatChinaTime(opens), to: formatChinaTime(b.end) })
                  : code === "booking.notOwnPeople"
                    ? t("venues.checkIn.notYoursHint")
                    : undefined
              }
            />
          ) : null}
          <Button
            type="primary"
            block
            loading={checkIn.isPending}
            // Only a confirmed booking checks in; the server still decides who and when, in words.
            disabled={b.status !== "confirmed"}
            onClick={() => checkIn.mutate({ id: b.id, token })}
            style={{ height: 72, fontSize: 22 }}
            data-testid="check-in-button"
          >
            {t("venues.checkIn.button")}
          </Button>
        </>
      )}
      <Link to="/bookings" style={{ textAlign: "center" }}>
        {t("venues.checkIn.toBookings")}
      </Link>
    </Flex>
  );
}
