import type { PairingsCard as Pairings } from "@huzhu/contracts";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { CardSection, cardItem } from "./CardSection.tsx";

/**
 * Pairings on the 工作台 (issue 9), for either side: the user's organizations' current pairings,
 * each with the partner, the form and the rhythm (days since the last joint activity), and a
 * warning when it lapsed; each links to the pairing's page.
 */
export function PairingsCard(props: { card: Pairings }) {
  const { t } = useTranslation();
  const { items, total } = props.card;
  return (
    <Card
      title={t("pairing.home.title")}
      data-testid="home-card-pairings"
      extra={<Link to="/pairings">{t("pairing.home.all")}</Link>}
    >
      <CardSection id="home-pairings-list" title={t("pairing.home.current", { count: total })} testId="home-pairings">
        {items.map((p) => {
          const r = p.rhythm;
          const days = r.daysSinceLastActivity ?? r.daysSinceStart;
          return (
            <li key={p.id} style={cardItem} data-testid="home-pairing" data-id={p.id}>
              <Link to={`/pairings/${p.id}`}>{p.partner.name}</Link>
              <Typography.Text type="secondary">
                {" · "}
                {t(`pairing.home.side.${p.side}`)} · {t(`pairing.form.${p.form}`)}
                {days !== null
                  ? ` · ${t(r.daysSinceLastActivity !== null ? "pairing.home.daysSince" : "pairing.home.noActivity", { days })}`
                  : null}
              </Typography.Text>{" "}
              {r.lapsed ? (
                <ToneTag tone="red" data-testid="home-pairing-lapsed">
                  {t("pairing.home.lapsed")}
                </ToneTag>
              ) : null}
            </li>
          );
        })}
      </CardSection>
    </Card>
  );
}
