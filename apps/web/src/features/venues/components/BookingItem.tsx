import type { Booking } from "@huzhu/contracts";
import { App, Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatChinaRange, formatChinaTime } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useApproveBooking } from "../api/approve-booking.ts";
import { useCancelBooking } from "../api/cancel-booking.ts";
import { useDeclineBooking } from "../api/decline-booking.ts";
import { BookingStatusTag } from "./BookingStatusTag.tsx";
import { ReasonModal } from "./ReasonModal.tsx";

/**
 * One booking with what the user may do with it (the server's abilities): approve or decline as the
 * venue's owner, cancel, open the check-in page, show the QR code the venue puts at the door.
 */
export function BookingItem(props: { booking: Booking }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const b = props.booking;
  const approve = useApproveBooking();
  const decline = useDeclineBooking();
  const cancel = useCancelBooking();
  const [asking, setAsking] = useState<"decline" | "cancel" | null>(null);
  const [qr, setQr] = useState(false);
  // The code is for the door on the day: a booking that ended or was called off needs none.
  return (
    <Card size="small" data-testid="booking-item">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/venues/${b.venue.id}`}>{b.venue.name}</Link>
          </Typography.Text>
          <BookingStatusTag status={b.status} />
        </Flex>
        <Typography.Text data-testid="booking-time">
          {t("venues.booking.timeChina", { time: formatChinaRange(b.start, b.end) })}
        </Typography.Text>
        <Typography.Text>{t("venues.booking.byFor", { org: b.org.name, owner: b.owner.name })}</Typography.Text>
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }}>
          {b.purpose}
          {b.attendees ? ` · ${t("venues.booking.attendeesCount", { count: b.attendees })}` : ""}
        </Typography.Paragraph>
        {b.reason ? (
          <Typography.Text type="secondary">{t("venues.booking.reasonWas", { reason: b.reason })}</Typography.Text>
        ) : null}
        {b.checkedInAt ? (
          <Typography.Text type="secondary">
            {t("venues.booking.checkedInAt", { time: formatChinaTime(b.checkedInAt) })}
          </Typography.Text>
        ) : null}
        <Flex wrap gap={8}>
          {b.abilities.approve ? (
            <Button
              type="primary"
              size="large"
              loading={approve.isPending}
              data-testid="booking-approve"
              onClick={() =>
                approve.mutate(
                  { id: b.id },
                  {
                    onSuccess: () => void message.success(t("venues.booking.approved")),
                    onError: (e) => showApiError(e, message),
                  },
                )
              }
            >
              {t("venues.booking.approve")}
            </Button>
          ) : null}
          {b.abilities.decline ? (
            <Button size="large" danger data-testid="booking-decline" onClick={() => setAsking("decline")}>
              {t("venues.booking.decline")}
            </Button>
          ) : null}
          {b.abilities.checkIn && b.checkInPath ? (
            <Link to={b.checkInPath} data-testid="booking-check-in-link">
              <Button size="large">{t("venues.checkIn.open")}</Button>
            </Link>
          ) : null}
          {b.abilities.qr && (b.status === "confirmed" || b.status === "requested") ? (
            <Button size="large" onClick={() => setQr((v) => !v)} aria-expanded={qr} data-testid="booking-qr">
              {t(qr ? "venues.booking.hideQr" : "venues.booking.showQr")}
            </Button>
          ) : null}
          {b.abilities.cancel ? (
            <Button size="large" data-testid="booking-cancel" onClick={() => setAsking("cancel")}>
              {t("venues.booking.cancel")}
            </Button>
          ) : null}
        </Flex>
        {qr ? (
          <Flex vertical align="center" gap={4}>
            <img
              src={`/api/bookings/${b.id}/qr.svg`}
              alt={t("venues.booking.qrAlt", { venue: b.venue.name })}
              width={200}
              height={200}
              data-testid="booking-qr-image"
            />
            <Typography.Text type="secondary">{t("venues.booking.qrHint")}</Typography.Text>
          </Flex>
        ) : null}
      </Flex>
      {asking ? (
        <ReasonModal
          title={t(asking === "decline" ? "venues.booking.declineTitle" : "venues.booking.cancelTitle")}
          okText={t(asking === "decline" ? "venues.booking.decline" : "venues.booking.cancel")}
          pending={decline.isPending || cancel.isPending}
          onCancel={() => setAsking(null)}
          onOk={(reason) => {
            const mutation = asking === "decline" ? decline : cancel;
            mutation.mutate(
              { id: b.id, body: reason ? { reason } : {} },
              {
                onSuccess: () => {
                  setAsking(null);
                  void message.success(
                    t(asking === "decline" ? "venues.booking.declined" : "venues.booking.cancelled"),
                  );
                },
                onError: (e) => showApiError(e, message),
              },
            );
          }}
        />
      ) : null}
    </Card>
  );
}
