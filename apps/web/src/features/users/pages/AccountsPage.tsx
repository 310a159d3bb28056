import { PlusOutlined } from "@ant-design/icons";
import type { User } from "@huzhu/contracts";
import { App, Button, Card, Flex, Tooltip } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ListTitle } from "../../../components/ListTitle.tsx";
import { PageError } from "../../../components/PageStates.tsx";
import { useMe } from "../../../lib/auth/me.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { useUsers } from "../api/list-users.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { AccountFormModal } from "../components/AccountFormModal.tsx";
import { isAdministrator } from "../components/is-administrator.ts";
import { ResetPasswordModal } from "../components/ResetPasswordModal.tsx";
import { RoleTags } from "../components/UserBadges.tsx";
import { UserFilters } from "../components/UserFilters.tsx";
import { UserCards, UserTable } from "../components/UserList.tsx";
import { useUserFilters } from "../components/use-user-filters.ts";

type Dialog = { type: "create" } | { type: "edit"; user: User } | { type: "password"; user: User } | null;

/**
 * 账号管理, the system administrator's page: find accounts, create them, rename, reset passwords
 * (one-time) and second factors, disable and enable. Roles are shown but granted on the security
 * administrator's page; resets of administrators wait for that page's approval.
 */
export default function AccountsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const { filters, setFilters, reset } = useUserFilters();
  const list = useUsers(filters);
  const update = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const selfId = me?.user.id;

  const toggleDisabled = (user: User) => {
    const disabling = !user.disabled;
    modal.confirm({
      title: t(disabling ? "account.disableTitle" : "account.enableTitle"),
      content: t(disabling ? "account.disableConfirm" : "account.enableConfirm", { name: user.displayName }),
      okText: t(disabling ? "account.disable" : "account.enable"),
      okButtonProps: { danger: disabling },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await update.mutateAsync({ id: user.id, body: { disabled: disabling } });
          void message.success(t(disabling ? "account.disabledDone" : "account.enabledDone"));
        } catch (error) {
          showApiError(error, message);
        }
      },
    });
  };

  const resetSecondFactor = (user: User) => {
    const administrator = isAdministrator(user);
    modal.confirm({
      title: t("account.resetSecondFactorTitle"),
      content: [
        t("account.resetSecondFactorConfirm", { name: user.displayName }),
        administrator ? t("account.adminResetNotice") : "",
      ].join(" "),
      okText: t("account.resetSecondFactor"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const updated = await update.mutateAsync({ id: user.id, body: { resetSecondFactor: true } });
          // 202 for an administrator: recorded, not yet done.
          if (updated.pendingReset) void message.info(t("account.resetAwaitsApproval"));
          else void message.success(t("account.secondFactorResetDone"));
        } catch (error) {
          showApiError(error, message);
        }
      },
    });
  };

  const actions = (user: User) => {
    const self = user.id === selfId;
    const buttonProps = phone ? ({ size: "small" } as const) : ({ size: "small", type: "link" } as const);
    const toggle = (
      <Button
        {...buttonProps}
        danger={!user.disabled}
        disabled={self}
        onClick={() => toggleDisabled(user)}
        data-testid={user.disabled ? "account-enable" : "account-disable"}
      >
        {user.disabled ? t("account.enable") : t("account.disable")}
      </Button>
    );
    return (
      <Flex wrap gap={phone ? 8 : 0} style={{ marginInline: phone ? 0 : -7 }}>
        <Button {...buttonProps} onClick={() => setDialog({ type: "edit", user })} data-testid="account-edit">
          {t("common.edit")}
        </Button>
        {ownSecret(
          self,
          <Button
            {...buttonProps}
            disabled={self}
            onClick={() => setDialog({ type: "password", user })}
            data-testid="account-password"
          >
            {t("account.resetPassword")}
          </Button>,
        )}
        {user.secondFactor
          ? ownSecret(
              self,
              <Button
                {...buttonProps}
                danger
                disabled={self}
                onClick={() => resetSecondFactor(user)}
                data-testid="account-reset-second-factor"
              >
                {t("account.resetSecondFactor")}
              </Button>,
            )
          : null}
        {self ? <Tooltip title={t("account.selfDisableHint")}>{toggle}</Tooltip> : toggle}
      </Flex>
    );
  };

  // One's own password and second factor change through 修改密码 (the server refuses them here).
  const ownSecret = (self: boolean, button: ReactNode) =>
    self ? <Tooltip title={t("account.ownSecretHint")}>{button}</Tooltip> : button;

  const listProps = {
    data: list.data,
    loading: list.isFetching,
    page: filters.page,
    pageSize: filters.pageSize,
    onPage: (page: number, pageSize: number) => setFilters({ page, pageSize }),
    selfId,
    roles: (user: User) => <RoleTags user={user} />,
    actions,
    actionsWidth: 280,
  };

  return (
    <Card
      title={<ListTitle title={t("nav.accounts")} total={list.data?.total} testId="user-total" />}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          aria-label={t("account.create")}
          onClick={() => setDialog({ type: "create" })}
          data-testid="account-create"
        >
          {phone ? null : t("account.create")}
        </Button>
      }
      styles={{ body: { padding: phone ? 8 : 16 } }}
    >
      <Flex vertical gap={12}>
        <UserFilters filters={filters} onChange={setFilters} onReset={reset} phone={phone} />
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : phone ? (
          <UserCards {...listProps} />
        ) : (
          <UserTable {...listProps} />
        )}
      </Flex>
      {dialog?.type === "create" || dialog?.type === "edit" ? (
        <AccountFormModal
          user={dialog.type === "edit" ? dialog.user : undefined}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            // Show the new account: search for it (its roles are granted next, on the roles page).
            if (dialog.type === "create") setFilters({ q: saved.username, role: undefined });
          }}
        />
      ) : null}
      {dialog?.type === "password" ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
