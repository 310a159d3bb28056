import { EditOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Descriptions, Flex, Row, Spin, Typography, theme } from "antd";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { Photo } from "../../../components/Photo.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { venuesQueries } from "../api/queries.ts";
import { BookingForm } from "../components/BookingForm.tsx";

// The calendar is its own chunk: the venue's facts and the booking form show before it arrives.
const BookingCalendar = lazy(() => import("../components/BookingCalendar.tsx"));

/** A venue's page: its facts, photos, opening hours and blackout dates, its calendar, and booking it. */
export default function VenuePage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const id = Number(useParams().id);
  const venue = useQuery({ ...venuesQueries.detail(id), enabled: Number.isInteger(id) && id > 0 });
  const [date, setDate] = useState<string | undefined>(undefined);
  const [formKey, setFormKey] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (venue.isPending) return <PageLoading />;
  if (venue.isError) return <PageError error={venue.error} onRetry={() => void venue.refetch()} />;
  const v = venue.data;
  const byDay = new Map<number, string[]>();
  for (const w of v.openingHours) byDay.set(w.weekday, [...(byDay.get(w.weekday) ?? []), `${w.from}–${w.to}`]);
  return (
    <Flex vertical gap={16} data-testid="venue-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="venue-name">
          {v.name}
        </Typography.Title>
        {v.abilities.update ? (
          <Link to={`/venues/${v.id}/edit`}>
            <Button size="large" icon={<EditOutlined />} data-testid="venue-edit">
              {t("common.edit")}
            </Button>
          </Link>
        ) : null}
      </Flex>
      <Flex wrap gap={6}>
        <ToneTag tone={v.facility ? "purple" : "blue"}>{t(`venues.kind.${v.kind}`)}</ToneTag>
        <ToneTag tone="cyan">{t(`venues.openTo.${v.openTo}`)}</ToneTag>
        <ToneTag tone={v.requiresApproval ? "gold" : "green"}>
          {t(v.requiresApproval ? "venues.needsApproval" : "venues.instant")}
        </ToneTag>
        {v.status === "closed" ? <ToneTag tone="red">{t("venues.status.closed")}</ToneTag> : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions
              column={1}
              size="small"
              // antd's tertiary label grey is 3.4:1 on white; the secondary text colour passes 4.5:1.
              styles={{ label: { color: token.colorTextSecondary } }}
            >
              <Descriptions.Item label={t("venues.fields.owner")}>
                {v.owner.name} · {t(`venues.area.${v.ownerArea}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t("venues.fields.address")}>{v.address ?? t("common.none")}</Descriptions.Item>
              <Descriptions.Item label={t("venues.fields.capacity")}>
                {v.capacity ? t("venues.capacityOf", { count: v.capacity }) : t("venues.unlimited")}
              </Descriptions.Item>
              <Descriptions.Item label={t("venues.fields.openingHours")}>
                {v.openingHours.length === 0 ? (
                  t("venues.anyTime")
                ) : (
                  <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="venue-hours">
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <li key={d}>
                        {t(`venues.weekday.${d}` as "venues.weekday.1")}：
                        {byDay.get(d)?.join(t("common.listSeparator")) ?? t("venues.calendar.closed")}
                      </li>
                    ))}
                  </ul>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t("venues.fields.blackoutDates")}>
                {v.blackoutDates.length ? v.blackoutDates.join(t("common.listSeparator")) : t("common.none")}
              </Descriptions.Item>
            </Descriptions>
            {v.description ? (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8, marginBottom: 0 }}>
                {v.description}
              </Typography.Paragraph>
            ) : null}
            {v.photoIds.length ? (
              <Flex wrap gap={8} style={{ marginTop: 12 }}>
                {v.photoIds.map((p, i) => (
                  <Photo key={p} id={p} alt={t("venues.photos.alt", { name: v.name, n: i + 1 })} size={120} />
                ))}
              </Flex>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div ref={formRef}>
            <Card size="small" title={t("venues.booking.title")}>
              {v.abilities.book && v.status === "active" ? (
                <BookingForm key={formKey} venue={v} date={date} />
              ) : (
                <Typography.Text data-testid="venue-not-bookable">{t("venues.booking.notBookable")}</Typography.Text>
              )}
            </Card>
          </div>
        </Col>
      </Row>
      <Card size="small" title={t("venues.calendar.title")}>
        <Suspense fallback={<Spin />}>
          <BookingCalendar
            venueId={v.id}
            venue={v}
            onPickDay={
              v.abilities.book
                ? (d) => {
                    setDate(d);
                    setFormKey((k) => k + 1);
                    formRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
                  }
                : undefined
            }
          />
        </Suspense>
      </Card>
    </Flex>
  );
}
