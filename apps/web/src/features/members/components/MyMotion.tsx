import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Flex, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { myMotionQueries } from "../api/my-motion.ts";

/** My record's transfers and mobile registrations, each linking to its page (where the member may also start one). */
export function MyMotion(props: { memberId: number }) {
  const { t } = useTranslation();
  const transfers = useQuery(myMotionQueries.transfers(props.memberId));
  const mobile = useQuery(myMotionQueries.mobile(props.memberId));
  const registrations = useQuery(myMotionQueries.registrations(props.memberId));
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Card
        title={t("motion.transfer.title")}
        size="small"
        extra={<Link to="/transfers">{t("motion.home.open")}</Link>}
        data-testid="my-transfers"
      >
        {(transfers.data?.items.length ?? 0) === 0 ? (
          <Empty description={t("motion.transfer.empty")} />
        ) : (
          <List
            dataSource={transfers.data?.items ?? []}
            renderItem={(x) => (
              <List.Item>
                <Flex vertical>
                  <Link to={`/transfers/${x.id}`}>
                    {t("motion.transfer.route", { from: x.fromOrg.name, to: x.toOrg?.name ?? x.toOutside ?? "" })}
                  </Link>
                  <Typography.Text type="secondary">
                    {x.letterNo} · {t(`motion.transfer.status.${x.status}`)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        title={t("motion.mobile.title")}
        size="small"
        extra={<Link to="/mobile-members">{t("motion.home.open")}</Link>}
        data-testid="my-mobile"
      >
        {(mobile.data?.items.length ?? 0) === 0 ? (
          <Empty description={t("motion.mobile.empty")} />
        ) : (
          <List
            dataSource={mobile.data?.items ?? []}
            renderItem={(m) => (
              <List.Item>
                <Flex vertical>
                  <Link to={`/mobile-members/${m.id}`}>
                    {t("motion.mobile.route", {
                      from: m.originOrg.name,
                      to: [m.destOrg?.name, m.destPlace].filter(Boolean).join(" · "),
                    })}
                  </Link>
                  <Typography.Text type="secondary">
                    {m.leftOn} · {t(`motion.mobile.status.${m.status}`)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        title={t("motion.reg.title")}
        size="small"
        extra={<Link to="/registrations">{t("motion.home.open")}</Link>}
        data-testid="my-registrations"
      >
        {(registrations.data?.items.length ?? 0) === 0 ? (
          <Empty description={t("motion.reg.empty")} />
        ) : (
          <List
            dataSource={registrations.data?.items ?? []}
            renderItem={(r) => (
              <List.Item>
                <Flex vertical>
                  <Typography.Text>{r.community.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.registeredOn} · {t("motion.reg.totalHours", { hours: r.totalHours })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
