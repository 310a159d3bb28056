import type { Booking, VenuesCard as Venues } from "@huzhu/contracts";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatChinaTime } from "../../../lib/china-time.ts";
import { CardSection, cardItem } from "./CardSection.tsx";

/** A booking's start in China time (12-01 09:00), wherever the browser is. */
const when = (b: Booking) => formatChinaTime(b.start).slice(5);

/** Shared venues on the 工作台 (issue 10): requests awaiting the user's approval, and their next bookings. */
export function VenuesCard(props: { card: Venues }) {
  const { t } = useTranslation();
  const { nextBookings, awaitingApproval } = props.card;
  return (
    <Card
      title={t("venues.home.title")}
      data-testid="home-card-venues"
      extra={<Link to="/bookings">{t("venues.home.all")}</Link>}
    >
      {awaitingApproval.total > 0 ? (
        <CardSection
          id="home-venues-awaiting"
          title={t("venues.home.awaiting", { count: awaitingApproval.total })}
          testId="home-venues-awaiting"
        >
          {awaitingApproval.items.map((b) => (
            <li key={b.id} style={cardItem}>
              <Link to="/bookings?tab=awaiting">{b.venue.name}</Link>
              <Typography.Text type="secondary">
                {" · "}
                {t("venues.home.requestBy", { org: b.org.name, time: when(b) })}
              </Typography.Text>
            </li>
          ))}
        </CardSection>
      ) : null}
      {nextBookings.total > 0 ? (
        <CardSection
          id="home-venues-next"
          title={t("venues.home.next", { count: nextBookings.total })}
          testId="home-venues-next"
        >
          {nextBookings.items.map((b) => (
            <li key={b.id} style={cardItem}>
              <Link to={`/venues/${b.venue.id}`}>{b.venue.name}</Link>
              <Typography.Text type="secondary">
                {" · "}
                {when(b)} · {t(`venues.bookingStatus.${b.status}`)}
              </Typography.Text>
            </li>
          ))}
        </CardSection>
      ) : null}
    </Card>
  );
}
