import { Card, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { navKeys, navPaths } from "../lib/auth/abilities.ts";
import { useMe } from "../lib/auth/me.ts";

/** "/" opens the first page the user may use; accounts without one see who they are. */
export default function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const first = navKeys(me)[0];
  if (first) return <Navigate to={navPaths[first]} replace />;
  if (!me) return null;
  return (
    <Card>
      <Typography.Title level={4}>{t("home.welcome", { name: me.user.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("home.roles")}</Typography.Paragraph>
      <Flex wrap gap={8}>
        {me.roles.map((r) => (
          <Tag key={r.id} color="red">
            {t(`roles.${r.role}`)}
            {r.orgName ? ` · ${r.orgName}` : ""}
          </Tag>
        ))}
      </Flex>
      <Typography.Paragraph style={{ marginTop: 16 }}>{t("home.noFeatures")}</Typography.Paragraph>
    </Card>
  );
}
