import { newPassword, type User, updateUserBody } from "@huzhu/contracts";
import { Alert, App, Button, Form, Modal, Result } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { isAdministrator } from "./is-administrator.ts";
import { PasswordField } from "./PasswordField.tsx";

/**
 * Sets a one-time password for an account: its owner must choose their own at the next sign-in,
 * and the server signs the account out everywhere. For another administrator the server only
 * records the request (202) until the security administrator approves it; the dialog then says so
 * instead of closing as if the password worked.
 */
export function ResetPasswordModal(props: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  const [awaitingApproval, setAwaitingApproval] = useState(false);
  const administrator = isAdministrator(props.user);

  const onFinish = (values: { password: string }) => {
    const parsed = updateUserBody.safeParse({ password: values.password });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    update.mutate(
      { id: props.user.id, body: parsed.data },
      {
        onSuccess: (updated) => {
          // 202: the answer's pendingReset is the request just recorded.
          if (updated.pendingReset) return setAwaitingApproval(true);
          void message.success(t("account.passwordResetDone"));
          props.onClose();
        },
        onError: (error) => showApiError(error, message, { instance: form, fields: ["password"] }),
      },
    );
  };

  if (awaitingApproval) {
    return (
      <Modal
        open
        title={t("account.resetPasswordTitle", { name: props.user.displayName })}
        onCancel={props.onClose}
        footer={
          <Button type="primary" onClick={props.onClose}>
            {t("common.close")}
          </Button>
        }
      >
        <Result
          status="info"
          title={t("account.resetAwaitsApproval")}
          subTitle={t("account.resetAwaitsApprovalDetail", { name: props.user.displayName })}
          data-testid="reset-awaits-approval"
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t("account.resetPasswordTitle", { name: props.user.displayName })}
      okText={t("account.resetPassword")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={update.isPending}
    >
      <Alert type="info" showIcon title={t("account.oneTimeNotice")} style={{ marginBottom: 12 }} />
      {administrator ? (
        <Alert
          type="warning"
          showIcon
          title={t("account.adminResetNotice")}
          style={{ marginBottom: 16 }}
          data-testid="reset-admin-notice"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="reset-password-form">
        <Form.Item
          name="password"
          label={t("account.fields.newPassword")}
          required
          rules={[zodRule(newPassword, t)]}
          extra={t("account.passwordHelp")}
        >
          <PasswordField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
