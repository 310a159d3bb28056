import { bookingStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Col, Empty, Flex, Row, Segmented, Select, Spin, Tabs, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { venuesQueries } from "../api/queries.ts";
import { BookingItem } from "../components/BookingItem.tsx";

const BookingCalendar = lazy(() => import("../components/BookingCalendar.tsx"));
const PAGE_SIZE = 10;

function MyBookings() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const orgs = useOwnOrgs();
  const orgParam = Number(params.get("org"));
  const orgId = orgs.find((o) => o.id === orgParam)?.id ?? orgs[0]?.id;
  const statusParam = params.get("status");
  const status = bookingStatuses.find((s) => s === statusParam);
  const page = Number(params.get("page") ?? 1) || 1;
  const view = params.get("view") === "calendar" ? "calendar" : "list";
  const all = params.get("when") === "all";
  // Upcoming by default (those not yet over, soonest first); the past year on asking. Taken once per
  // visit, so the query key stays put while the page is open.
  const [now] = useState(() => new Date().toISOString());
  const list = useQuery({
    ...venuesQueries.bookingList({ orgId, status, from: all ? undefined : now, page, pageSize: PAGE_SIZE }),
    enabled: view === "list" && orgId !== undefined,
  });
  if (orgId === undefined) return <Empty description={t("venues.bookings.noOrg")} />;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[8, 8]} align="middle">
        {orgs.length > 1 ? (
          <Col xs={24} md={10}>
            <OwnOrgSelect
              options={orgs}
              value={orgId}
              onChange={(v) => update({ org: v, page: null })}
              aria-label={t("venues.booking.fields.orgId")}
            />
          </Col>
        ) : null}
        <Col xs={24} md={8}>
          <Segmented
            value={view}
            onChange={(v) => update({ view: v === "calendar" ? "calendar" : null })}
            options={[
              { value: "list", label: t("venues.bookings.list") },
              { value: "calendar", label: t("venues.calendar.title") },
            ]}
            aria-label={t("venues.calendar.view")}
          />
        </Col>
        {view === "list" ? (
          <Col xs={24} md={8}>
            <Segmented
              value={all ? "all" : "upcoming"}
              onChange={(v) => update({ when: v === "all" ? "all" : null, page: null })}
              options={[
                { value: "upcoming", label: t("venues.bookings.upcoming") },
                { value: "all", label: t("venues.bookings.all") },
              ]}
              aria-label={t("venues.bookings.when")}
            />
          </Col>
        ) : null}
        {view === "list" ? (
          <Col xs={24} md={6}>
            <Select
              size="large"
              style={{ width: "100%" }}
              value={status ?? ""}
              aria-label={t("venues.bookings.status")}
              onChange={(v) => update({ status: v || null, page: null })}
              options={[
                { value: "", label: t("venues.bookings.allStatuses") },
                ...bookingStatuses.map((s) => ({ value: s, label: t(`venues.bookingStatus.${s}`) })),
              ]}
            />
          </Col>
        ) : null}
      </Row>
      {view === "calendar" ? (
        <Suspense fallback={<Spin />}>
          <BookingCalendar orgId={orgId} />
        </Suspense>
      ) : list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("venues.bookings.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((b) => (
              <Col key={b.id} xs={24} md={12}>
                <BookingItem booking={b} />
              </Col>
            ))}
          </Row>
          <CardsPagination
            total={list.data.total}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => update({ page: p })}
          />
        </>
      )}
    </Flex>
  );
}

function AwaitingApproval() {
  const { t } = useTranslation();
  // Requests the caller's venues received; their own organizations' requests are in 我的预约.
  const list = useQuery(venuesQueries.bookingList({ status: "requested", page: 1, pageSize: 200 }));
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const mine = list.data.items.filter((b) => b.abilities.approve || b.abilities.decline);
  if (mine.length === 0) return <Empty description={t("venues.bookings.noneAwaiting")} />;
  return (
    <Row gutter={[12, 12]} data-testid="awaiting-list">
      {mine.map((b) => (
        <Col key={b.id} xs={24} md={12}>
          <BookingItem booking={b} />
        </Col>
      ))}
    </Row>
  );
}

/** 我的预约 / 待我审批: the bookings of the user's organizations, and requests their venues received. */
export default function BookingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const tab = params.get("tab") === "awaiting" ? "awaiting" : "mine";
  return (
    <Flex vertical gap={12} data-testid="bookings">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("venues.bookings.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("venues.chinaTimeNote")}</Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === "awaiting" ? "awaiting" : null, page: null, status: null })}
        items={[
          { key: "mine", label: t("venues.bookings.mine"), children: tab === "mine" ? <MyBookings /> : null },
          {
            key: "awaiting",
            label: <span data-testid="tab-awaiting">{t("venues.bookings.awaiting")}</span>,
            children: tab === "awaiting" ? <AwaitingApproval /> : null,
          },
        ]}
      />
    </Flex>
  );
}
