import type { CareCard as Care } from "@huzhu/contracts";
import { Card, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Care on the 工作台 (issue 11): open service requests to claim, open hardship cases kept. */
export function CareCard(props: { card: Care }) {
  const { t } = useTranslation();
  const { openRequests, openHardship } = props.card;
  return (
    <Card title={t("care.home.title")} data-testid="home-card-care">
      <Flex vertical gap={8}>
        {openRequests > 0 ? (
          <Link to="/volunteers?status=open" data-testid="home-care-requests">
            {t("care.home.openRequests", { count: openRequests })}
          </Link>
        ) : null}
        {openHardship > 0 ? (
          <Link to="/hardship-cases?status=open" data-testid="home-care-hardship">
            {t("care.home.openHardship", { count: openHardship })}
          </Link>
        ) : null}
      </Flex>
    </Card>
  );
}
