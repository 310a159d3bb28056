import type { HelpCard as Help } from "@huzhu/contracts";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CardSection, cardItem } from "./CardSection.tsx";

/**
 * Mutual help on the 工作台 (issue 8): open needs of others nearby, claims waiting for the user's
 * answer, and projects whose rhythm lapsed; each opens its page.
 */
export function HelpCard(props: { card: Help }) {
  const { t } = useTranslation();
  const { openNeeds, awaitingAnswer, lapsedProjects } = props.card;
  return (
    <Card
      title={t("help.home.title")}
      data-testid="home-card-help"
      extra={<Link to="/needs/hall">{t("help.home.hall")}</Link>}
    >
      {awaitingAnswer.total > 0 ? (
        <CardSection
          id="home-help-awaiting"
          title={t("help.home.awaiting", { count: awaitingAnswer.total })}
          testId="home-help-awaiting"
        >
          {awaitingAnswer.items.map((c) => (
            <li key={c.id} style={cardItem}>
              <Link to={c.needId ? `/needs/${c.needId}` : `/resources/${c.resourceId}`}>{c.subjectTitle}</Link>
              <Typography.Text type="secondary">
                {" · "}
                {t(c.direction === "request" ? "help.home.requestFrom" : "help.home.claimFrom", {
                  helper: c.helperOrg.name,
                  recipient: c.recipientOrg.name,
                })}
              </Typography.Text>
            </li>
          ))}
        </CardSection>
      ) : null}
      {openNeeds.total > 0 ? (
        <CardSection
          id="home-help-open"
          title={t("help.home.openNeeds", { count: openNeeds.total })}
          testId="home-help-open"
        >
          {openNeeds.items.map((n) => (
            <li key={n.id} style={cardItem}>
              <Link to={`/needs/${n.id}`}>{n.title}</Link>
              <Typography.Text type="secondary"> · {n.org.name}</Typography.Text>
            </li>
          ))}
        </CardSection>
      ) : null}
      {lapsedProjects.total > 0 ? (
        <CardSection
          id="home-help-lapsed"
          title={t("help.home.lapsed", { count: lapsedProjects.total })}
          testId="home-help-lapsed"
        >
          {lapsedProjects.items.map((p) => (
            <li key={p.id} style={cardItem}>
              <Link to={`/projects/${p.id}`}>{p.title}</Link>
              {p.daysSinceLastActivity !== null ? (
                <Typography.Text type="secondary">
                  {" · "}
                  {t("help.projects.lastActivity", { count: p.daysSinceLastActivity })}
                </Typography.Text>
              ) : null}
            </li>
          ))}
        </CardSection>
      ) : null}
    </Card>
  );
}
