import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { HomeCards } from "../features/home/HomeCards.tsx";
import { useMe } from "../lib/auth/me.ts";

/** "/" is every user's 工作台 (home page): a greeting and the cards the server chose for their roles. */
export default function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("home.title")}
        </Typography.Title>
        {me ? (
          <Typography.Text type="secondary">{t("home.welcome", { name: me.user.displayName })}</Typography.Text>
        ) : null}
      </div>
      <HomeCards />
    </Flex>
  );
}
