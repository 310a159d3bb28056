import type { VenueUsage } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Flex, Input, List, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { venuesQueries } from "../api/queries.ts";

const isDate = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);
type OrgRow = VenueUsage["organizations"][number];

/**
 * 使用统计 for the assessment: bookings and hours by direction (urban → rural and rural → urban),
 * courses completed, per organization of the jurisdiction. Tables with words; nothing only in a chart.
 */
export default function UsagePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const from = isDate(params.get("from"));
  const to = isDate(params.get("to"));
  const within = Number(params.get("within")) || undefined;
  const usage = useQuery(venuesQueries.usage({ from, to, within }));
  const hours = (n: number) => t("venues.usage.hoursValue", { count: n });
  const phone = useIsPhone();
  return (
    <Flex vertical gap={12} data-testid="usage-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("venues.usage.title")}
      </Typography.Title>
      <Row gutter={[8, 8]}>
        <Col xs={12} md={6}>
          <label htmlFor="usage-from">{t("common.startDate")}</label>
          <Input
            id="usage-from"
            type="date"
            value={from ?? ""}
            onChange={(e) => update({ from: e.target.value || null })}
          />
        </Col>
        <Col xs={12} md={6}>
          <label htmlFor="usage-to">{t("common.endDate")}</label>
          <Input id="usage-to" type="date" value={to ?? ""} onChange={(e) => update({ to: e.target.value || null })} />
        </Col>
        <Col xs={24} md={12}>
          <label htmlFor="usage-within">{t("venues.usage.within")}</label>
          <Typography.Text type="secondary"> {t("venues.usage.wholeJurisdiction")}</Typography.Text>
          <OrgSelect
            id="usage-within"
            value={within ?? null}
            onChange={(v) => update({ within: v })}
            allowClear
            // The label says what none means; antd's grey placeholder would fall under 4.5:1.
            placeholder=""
            style={{ width: "100%" }}
          />
        </Col>
      </Row>
      {usage.isPending ? (
        <PageLoading />
      ) : usage.isError ? (
        <PageError error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <>
          <Typography.Text>{t("venues.usage.period", { from: usage.data.from, to: usage.data.to })}</Typography.Text>
          <Card size="small" title={t("venues.usage.byDirection")}>
            <Table
              size="small"
              pagination={false}
              rowKey="direction"
              dataSource={usage.data.directions}
              data-testid="usage-directions"
              columns={[
                {
                  title: t("venues.usage.direction"),
                  dataIndex: "direction",
                  render: (d: VenueUsage["directions"][number]["direction"]) => t(`venues.usage.directions.${d}`),
                },
                { title: t("venues.usage.bookings"), dataIndex: "bookings", align: "end" },
                { title: t("venues.usage.hours"), dataIndex: "hours", align: "end", render: hours },
              ]}
            />
            <Typography.Paragraph style={{ margin: "12px 0 0" }} data-testid="usage-courses">
              {t("venues.usage.coursesCompleted", { count: usage.data.coursesCompleted })}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t("venues.usage.byOrganization")}>
            {phone ? (
              // On a phone each organization is a short paragraph of figures, not a wide table.
              <List<OrgRow>
                dataSource={usage.data.organizations}
                rowKey={(r) => r.org.id}
                pagination={{ pageSize: 20, hideOnSinglePage: true, simple: true, align: "center" }}
                data-testid="usage-orgs"
                renderItem={(r) => (
                  <List.Item>
                    <Flex vertical gap={2}>
                      <Typography.Text strong>
                        {r.org.name} · {t(`venues.area.${r.area}`)}
                      </Typography.Text>
                      <Typography.Text>
                        {t("venues.usage.madeLine", { count: r.bookingsMade, hours: hours(r.hoursBooked) })}
                      </Typography.Text>
                      <Typography.Text>
                        {t("venues.usage.hostedLine", { count: r.bookingsHosted, hours: hours(r.hoursHosted) })}
                      </Typography.Text>
                      <Typography.Text>{t("venues.usage.coursesLine", { count: r.coursesCompleted })}</Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Table<OrgRow>
                size="small"
                rowKey={(r) => r.org.id}
                dataSource={usage.data.organizations}
                scroll={{ x: 720 }}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                data-testid="usage-orgs"
                columns={[
                  { title: t("venues.usage.org"), render: (_, r) => r.org.name, fixed: "left", width: 180 },
                  { title: t("venues.usage.area"), render: (_, r) => t(`venues.area.${r.area}`) },
                  { title: t("venues.usage.bookingsMade"), dataIndex: "bookingsMade", align: "end" },
                  { title: t("venues.usage.hoursBooked"), dataIndex: "hoursBooked", align: "end", render: hours },
                  { title: t("venues.usage.bookingsHosted"), dataIndex: "bookingsHosted", align: "end" },
                  { title: t("venues.usage.hoursHosted"), dataIndex: "hoursHosted", align: "end", render: hours },
                  { title: t("venues.usage.coursesCompletedShort"), dataIndex: "coursesCompleted", align: "end" },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </Flex>
  );
}
