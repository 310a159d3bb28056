import { changePasswordBody, type Me, newPassword } from "@huzhu/contracts";
import { App, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useChangePassword } from "../api/change-password.ts";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const serverFields = ["currentPassword", "newPassword"] as const;

/**
 * 修改密码: current, new (the contract's rule checked as it is typed) and the new one again.
 * The server's refusals (wrong current password, a common or personal password, the same one
 * again) appear on the field they name. Used on the security page and by the forced change
 * after an administrator's reset, where "current" is the one-time password.
 */
export function ChangePasswordForm(props: {
  username: string;
  currentLabel: string;
  submitText: string;
  onChanged: (me: Me) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const onFinish = (values: Values) => {
    const parsed = changePasswordBody.safeParse({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    change.mutate(parsed.data, {
      onSuccess: (me) => {
        form.resetFields();
        props.onChanged(me);
      },
      onError: (error) => showApiError(error, message, { instance: form, fields: serverFields }),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      disabled={change.isPending}
      style={{ maxWidth: 440 }}
      data-testid="change-password-form"
    >
      {/* Lets a password manager file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={props.username} readOnly hidden />
      <Form.Item
        name="currentPassword"
        label={props.currentLabel}
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <Input.Password autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("security.fields.newPassword")}
        required
        rules={[zodRule(newPassword, t)]}
        extra={t("security.passwordHelp")}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t("security.fields.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("validation.required") },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue("newPassword")) throw new Error(t("security.confirmMismatch"));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
        {props.submitText}
      </Button>
    </Form>
  );
}
