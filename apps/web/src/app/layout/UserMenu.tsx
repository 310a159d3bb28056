import { LockOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import type { Me } from "@huzhu/contracts";
import { App, Avatar, Button, Dropdown, Flex, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useLogout } from "../../lib/auth/logout.ts";

export function roleSummary(me: Me, t: TFunction): string {
  return me.roles
    .map((r) => (r.orgName ? `${t(`roles.${r.role}`)} · ${r.orgName}` : t(`roles.${r.role}`)))
    .join(t("common.groupSeparator"));
}

/** Who is signed in, as what and where; their own password and two-factor sign-in; and the way out. */
export function UserMenu(props: { me: Me; compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const { me } = props;
  const summary = roleSummary(me, t);

  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          {
            key: "who",
            disabled: true,
            label: (
              <Flex vertical style={{ maxWidth: 280 }}>
                <Typography.Text strong>{me.user.displayName}</Typography.Text>
                <Typography.Text type="secondary">{me.user.username}</Typography.Text>
                {me.roles.map((r) => (
                  <Typography.Text key={r.id} type="secondary" style={{ whiteSpace: "normal" }}>
                    {t(`roles.${r.role}`)}
                    {r.orgName ? ` · ${r.orgName}` : ""}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
          { type: "divider" },
          {
            key: "password",
            icon: <LockOutlined />,
            label: t("security.changePassword"),
            "data-testid": "menu-password",
          },
          {
            key: "two-factor",
            icon: <SafetyOutlined />,
            label: t("security.twoFactor"),
            "data-testid": "menu-two-factor",
          },
          { type: "divider" },
          { key: "logout", icon: <LogoutOutlined />, label: t("auth.logout"), danger: true, "data-testid": "logout" },
        ],
        onClick: ({ key }) => {
          // Both land on the security page, at their own section (#password, #two-factor).
          if (key === "password" || key === "two-factor") return void navigate(`/account/security#${key}`);
          if (key !== "logout") return;
          logout.mutate(undefined, {
            onSettled: () => {
              navigate("/login", { replace: true });
              void message.success(t("auth.loggedOut"));
            },
          });
        },
      }}
    >
      <Button type="text" style={{ height: "auto", paddingBlock: 4 }} data-testid="user-menu">
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: "#c41d1d" }} />
          {props.compact ? null : (
            <Flex vertical align="start" style={{ lineHeight: 1.3, maxWidth: 260 }} data-testid="current-user">
              <Typography.Text strong>{me.user.displayName}</Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 260 }}>
                {summary}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      </Button>
    </Dropdown>
  );
}
