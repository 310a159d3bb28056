import { newPassword, type User, updateUserBody } from "@huzhu/contracts";
import { Alert, App, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { PasswordField } from "./PasswordField.tsx";

/** Sets a new password for an account; the server signs that account out everywhere. */
export function ResetPasswordModal(props: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();

  const onFinish = (values: { password: string }) => {
    const parsed = updateUserBody.safeParse({ password: values.password });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    update.mutate(
      { id: props.user.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("account.passwordReset"));
          props.onClose();
        },
        onError: (error) => showApiError(error, message, { instance: form, fields: ["password"] }),
      },
    );
  };

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
      <Alert type="info" showIcon title={t("account.resetPasswordNotice")} style={{ marginBottom: 16 }} />
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
