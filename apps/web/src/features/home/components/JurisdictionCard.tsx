import type { AgeBand, JurisdictionCard as Figures } from "@huzhu/contracts";
import { Card, Col, Flex, Row, Statistic, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

type T = TFunction;
const bandLabel: Record<AgeBand, (t: T) => string> = {
  upTo35: (t) => t("member.ageBandUpTo", { to: 35 }),
  from36To45: (t) => t("member.ageBandBetween", { from: 36, to: 45 }),
  from46To60: (t) => t("member.ageBandBetween", { from: 46, to: 60 }),
  over60: (t) => t("member.ageBandFrom", { from: 61 }),
};

/**
 * Members by age band as a bar list: each row says its band, count and share in words, so the
 * bar (drawn for the eye only) is never the only way to read it.
 */
function AgeBands(props: { bands: Figures["ageBands"]; total: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-age-bands">
      <Typography.Title level={5} id="home-age-bands" style={{ marginTop: 0 }}>
        {t("home.jurisdiction.ageBands")}
      </Typography.Title>
      <ul style={{ margin: 0, padding: 0 }} data-testid="home-age-bands">
        {props.bands.map(({ band, count }) => {
          const share = props.total > 0 ? Math.round((count / props.total) * 100) : 0;
          return (
            <li key={band} style={{ listStyle: "none", marginBottom: 10 }} data-band={band}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text>{bandLabel[band](t)}</Typography.Text>
                <Typography.Text strong data-testid={`home-age-${band}`}>
                  {t("home.jurisdiction.bandValue", { count, share })}
                </Typography.Text>
              </Flex>
              <div aria-hidden style={{ height: 8, background: "#f0f0f0", borderRadius: 4, marginTop: 4 }}>
                <div style={{ width: `${share}%`, height: "100%", background: "#c41d1d", borderRadius: 4 }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Key numbers of the caller's jurisdiction. */
export function JurisdictionCard(props: { card: Figures }) {
  const { t } = useTranslation();
  const { card } = props;
  const figures = [
    { key: "members", title: t("home.jurisdiction.members"), value: card.members },
    { key: "probationary", title: t("home.jurisdiction.probationary"), value: card.probationary },
    { key: "urban", title: t("home.jurisdiction.urbanOrgs"), value: card.organizations.urban },
    { key: "rural", title: t("home.jurisdiction.ruralOrgs"), value: card.organizations.rural },
  ];
  return (
    <Card title={t("home.jurisdiction.title")} data-testid="home-card-jurisdiction">
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} md={6} data-testid={`home-stat-${f.key}`} data-value={f.value}>
            <Statistic title={f.title} value={f.value} />
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 24 }}>
        <AgeBands bands={card.ageBands} total={card.members} />
      </div>
    </Card>
  );
}
