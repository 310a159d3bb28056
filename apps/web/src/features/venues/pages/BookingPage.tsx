import { useQuery } from "@tanstack/react-query";
import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { venuesQueries } from "../api/queries.ts";
import { BookingItem } from "../components/BookingItem.tsx";

/** One booking (notifications about a booking open it): its time, parties, status and what one may do. */
export default function BookingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const booking = useQuery({ ...venuesQueries.booking(id), enabled: valid });
  if (!valid) return <NotFound />;
  if (booking.isPending) return <PageLoading />;
  if (booking.isError) return <PageError error={booking.error} onRetry={() => void booking.refetch()} />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }} data-testid="booking-page">
      <Link to="/bookings">{t("venues.bookings.back")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("venues.bookings.one")}
      </Typography.Title>
      <BookingItem booking={booking.data} />
    </Flex>
  );
}
