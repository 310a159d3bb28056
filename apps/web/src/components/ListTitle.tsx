import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The title of a list page's card: its name and, once known, how many records match. */
export function ListTitle({ title, total, testId }: { title: string; total: number | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {title}
      </Typography.Text>
      {total === undefined ? null : (
        <Typography.Text type="secondary" style={{ fontWeight: "normal" }} data-testid={testId}>
          {t("common.total", { count: total })}
        </Typography.Text>
      )}
    </Flex>
  );
}
