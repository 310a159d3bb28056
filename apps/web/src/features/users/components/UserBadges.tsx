import type { RoleAssignment, User } from "@huzhu/contracts";
import { Flex, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** "书记 · 中共三联村支部委员会"; administrator roles have no organization. */
export function roleText(r: Pick<RoleAssignment, "role" | "orgName">, t: TFunction): string {
  return r.orgName ? `${t(`roles.${r.role}`)} · ${r.orgName}` : t(`roles.${r.role}`);
}

/**
 * antd's preset tags write in the colour's 7th shade, which is under 4.5:1 on its own light
 * background for green (3.4), orange (3.3) and volcano (4.4); the 8th shade passes (5.1 or more).
 */
const readable = { green: "#237804", orange: "#ad4e00", volcano: "#ad2102" } as const;
export type ReadableTagColor = keyof typeof readable | "red" | "blue" | "purple";

export function tagStyle(color: ReadableTagColor) {
  const text = color in readable ? readable[color as keyof typeof readable] : undefined;
  return { marginInlineEnd: 0, ...(text ? { color: text } : {}) };
}

export function UserStatusTag(props: { user: User }) {
  const { t } = useTranslation();
  return props.user.disabled ? (
    <Tag color="red" style={tagStyle("red")} data-testid="user-status">
      {t("account.status.disabled")}
    </Tag>
  ) : (
    <Tag color="green" style={tagStyle("green")} data-testid="user-status">
      {t("account.status.active")}
    </Tag>
  );
}

/**
 * What the account's sign-in is waiting for: a password its owner must change, two-factor sign-in
 * set up, an administrator's reset awaiting the security administrator. The label says it; the
 * tooltip adds why.
 */
export function SecurityTags(props: { user: User }) {
  const { t } = useTranslation();
  const { user } = props;
  const tags: { key: string; color: ReadableTagColor; label: string; help: string }[] = [];
  if (user.mustChangePassword) {
    tags.push({
      key: "mustChangePassword",
      color: "orange",
      label: t("account.badge.mustChangePassword"),
      help: t("account.badgeHelp.mustChangePassword"),
    });
  }
  if (user.secondFactor) {
    tags.push({
      key: "secondFactor",
      color: "blue",
      label: t("account.badge.secondFactor"),
      help: t("account.badgeHelp.secondFactor"),
    });
  }
  if (user.pendingReset) {
    tags.push({
      key: "pendingReset",
      color: "purple",
      label: t("account.badge.pendingReset"),
      help: t("account.badgeHelp.pendingReset"),
    });
  }
  if (tags.length === 0) return null;
  return (
    <Flex wrap gap={4} data-testid="user-security">
      {tags.map((tag) => (
        <Tooltip key={tag.key} title={tag.help}>
          <Tag
            color={tag.color}
            style={{ ...tagStyle(tag.color), whiteSpace: "normal" }}
            data-testid={`badge-${tag.key}`}
          >
            {tag.label}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
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
      {props.user.roles.map((r) => {
        const color = r.orgId === null ? "volcano" : "red";
        return (
          <Tag key={r.id} color={color} style={{ ...tagStyle(color), whiteSpace: "normal" }}>
            {roleText(r, t)}
          </Tag>
        );
      })}
    </Flex>
  );
}
