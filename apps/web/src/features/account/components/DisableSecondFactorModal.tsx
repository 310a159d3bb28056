import { type DisableSecondFactorBody, disableSecondFactorBody } from "@huzhu/contracts";
import { App, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useDisableSecondFactor } from "../api/disable-second-factor.ts";
import { TotpCodeInput, totpCodeRule } from "./TotpCodeInput.tsx";

/** Turning two-factor sign-in off takes both the password and a current code: a stolen session is not enough. */
export function DisableSecondFactorModal(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisableSecondFactorBody>();
  const disable = useDisableSecondFactor();

  const onFinish = (values: DisableSecondFactorBody) => {
    const parsed = disableSecondFactorBody.safeParse(values);
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    disable.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("security.disable.done"));
        props.onClose();
      },
      onError: (error) => showApiError(error, message, { instance: form, fields: ["currentPassword", "code"] }),
    });
  };

  return (
    <Modal
      open
      title={t("security.disable.title")}
      okText={t("security.disable.button")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={disable.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("security.disable.help")}</Typography.Paragraph>
      <Form<DisableSecondFactorBody>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        data-testid="disable-second-factor-form"
      >
        <Form.Item
          name="currentPassword"
          label={t("security.fields.currentPassword")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} autoFocus />
        </Form.Item>
        <Form.Item name="code" label={t("security.fields.code")} rules={[totpCodeRule(t)]}>
          <TotpCodeInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
