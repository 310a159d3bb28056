import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { RoleAssignment, User } from "@huzhu/contracts";
import { App, Button, Card, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ListTitle } from "../../../components/ListTitle.tsx";
import { PageError } from "../../../components/PageStates.tsx";
import { useMe } from "../../../lib/auth/me.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { useUsers } from "../api/list-users.ts";
import { useWithdrawRole } from "../api/withdraw-role.ts";
import { GrantRoleModal } from "../components/GrantRoleModal.tsx";
import { PendingResets } from "../components/PendingResets.tsx";
import { RoleAssignments } from "../components/RoleAssignments.tsx";
import { roleText } from "../components/UserBadges.tsx";
import { UserFilters } from "../components/UserFilters.tsx";
import { UserCards, UserTable } from "../components/UserList.tsx";
import { useUserFilters } from "../components/use-user-filters.ts";

/**
 * 角色授权, the security administrator's page: the same accounts, seen by their roles, with grant
 * and withdraw, and the approval of the system administrator's resets of administrators (two people).
 * Accounts themselves are created and disabled by the system administrator.
 */
export default function RolesPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const { filters, setFilters, reset } = useUserFilters();
  const list = useUsers(filters);
  const withdraw = useWithdrawRole();
  const [granting, setGranting] = useState<User | null>(null);
  const selfId = me?.user.id;

  const confirmWithdraw = (user: User, assignment: RoleAssignment) => {
    modal.confirm({
      title: t("roleGrant.withdrawTitle"),
      content: t("roleGrant.withdrawConfirm", { name: user.displayName, role: roleText(assignment, t) }),
      okText: t("roleGrant.withdraw"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await withdraw.mutateAsync(assignment.id);
          void message.success(t("roleGrant.withdrawn"));
        } catch (error) {
          showApiError(error, message);
        }
      },
    });
  };

  const listProps = {
    data: list.data,
    loading: list.isFetching,
    page: filters.page,
    pageSize: filters.pageSize,
    onPage: (page: number, pageSize: number) => setFilters({ page, pageSize }),
    selfId,
    roles: (user: User) => <RoleAssignments user={user} selfId={selfId} phone={phone} onWithdraw={confirmWithdraw} />,
    actions: (user: User) => (
      <Button
        size="small"
        type={phone ? "default" : "link"}
        icon={phone ? <SafetyCertificateOutlined /> : undefined}
        onClick={() => setGranting(user)}
        style={phone ? undefined : { paddingInline: 0 }}
        data-testid="role-grant"
      >
        {t("roleGrant.grant")}
      </Button>
    ),
    actionsWidth: 110,
  };

  return (
    <Card
      title={<ListTitle title={t("nav.roles")} total={list.data?.total} testId="user-total" />}
      styles={{ body: { padding: phone ? 8 : 16 } }}
    >
      <Flex vertical gap={12}>
        <PendingResets selfId={selfId} phone={phone} />
        <UserFilters filters={filters} onChange={setFilters} onReset={reset} phone={phone} />
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : phone ? (
          <UserCards {...listProps} />
        ) : (
          <UserTable {...listProps} />
        )}
      </Flex>
      {granting ? <GrantRoleModal user={granting} onClose={() => setGranting(null)} /> : null}
    </Card>
  );
}
