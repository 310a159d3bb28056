import type { RoleAssignment, User } from "@huzhu/contracts";
import { Flex, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** "书记 · 中共三联村支部委员会"; administrator roles have no organization. */
export function roleText(r: Pick<RoleAssignment, "role" | "orgName">, t: TFunction): string {
  return r.orgName ? `${t(`roles.${r.role}`)} · ${r.orgName}` : t(`roles.${r.role}`);
}

export function UserStatusTag(props: { user: User }) {
  const { t } = useTranslation();
  return props.user.disabled ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="user-status">
      {t("account.status.disabled")}
    </Tag>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="user-status">
      {t("account.status.active")}
    </Tag>
  );
}

/** The account's roles as read-only tags. */
export function RoleTags(props: { user: User }) {
  const { t } = useTranslation();
  if (props.user.roles.length === 0) {
    return <Typography.Text type="secondary">{t("account.noRoles")}</Typography.Text>;
  }
  return (
    <Flex wrap gap={4} data-testid="user-roles">
      {props.user.roles.map((r) => (
        <Tag
          key={r.id}
          color={r.orgId === null ? "volcano" : "red"}
          style={{ marginInlineEnd: 0, whiteSpace: "normal" }}
        >
          {roleText(r, t)}
        </Tag>
      ))}
    </Flex>
  );
}
