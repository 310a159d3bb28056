import type { RoleAssignment, User } from "@huzhu/contracts";
import { Button, Flex, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { roleText, tagStyle } from "./UserBadges.tsx";

/** An account's roles, one per line, each with its own "withdraw" (the security administrator's view). */
export function RoleAssignments(props: {
  user: User;
  selfId: number | undefined;
  /** On a phone the withdraw button sits at the card's edge, under the thumb. */
  phone: boolean;
  onWithdraw: (user: User, assignment: RoleAssignment) => void;
}) {
  const { t } = useTranslation();
  const { user } = props;
  if (user.roles.length === 0) return <Typography.Text type="secondary">{t("account.noRoles")}</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="user-roles">
      {user.roles.map((r) => {
        // The server refuses this too: nobody would be left to give the role back.
        const own = user.id === props.selfId && r.role === "security_admin";
        const button = (
          <Button
            size="small"
            type="link"
            danger
            disabled={own}
            onClick={() => props.onWithdraw(user, r)}
            style={{ flex: "none", paddingInline: 4 }}
            data-testid="role-withdraw"
          >
            {t("roleGrant.withdraw")}
          </Button>
        );
        return (
          <Flex
            key={r.id}
            align="center"
            justify={props.phone ? "space-between" : "start"}
            gap={8}
            data-testid="role-assignment"
          >
            <Tag
              color={r.orgId === null ? "volcano" : "red"}
              style={{ ...tagStyle(r.orgId === null ? "volcano" : "red"), whiteSpace: "normal", minWidth: 0 }}
              data-testid="role-assignment-label"
            >
              {roleText(r, t)}
            </Tag>
            {own ? <Tooltip title={t("roleGrant.ownSecurity")}>{button}</Tooltip> : button}
          </Flex>
        );
      })}
    </Flex>
  );
}
