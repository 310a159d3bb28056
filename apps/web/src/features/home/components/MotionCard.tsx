import type { MotionCard as Motion } from "@huzhu/contracts";
import { Card, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Members in motion on the 工作台 (issue 11): transfers awaiting the user, mobile members out of contact. */
export function MotionCard(props: { card: Motion }) {
  const { t } = useTranslation();
  const { transfersAwaiting, mobileOutOfContact } = props.card;
  return (
    <Card title={t("motion.home.title")} data-testid="home-card-motion">
      <Flex vertical gap={8}>
        {transfersAwaiting > 0 ? (
          <Link to="/transfers?direction=incoming&status=pending" data-testid="home-motion-transfers">
            {t("motion.home.awaiting", { count: transfersAwaiting })}
          </Link>
        ) : null}
        {mobileOutOfContact > 0 ? (
          <Link to="/mobile-members?lost=1" data-testid="home-motion-lost">
            {t("motion.home.outOfContact", { count: mobileOutOfContact })}
          </Link>
        ) : null}
      </Flex>
    </Card>
  );
}
