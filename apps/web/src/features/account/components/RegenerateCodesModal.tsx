import { type TotpCodeBody, totpCodeBody } from "@huzhu/contracts";
import { App, Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useRegenerateRecoveryCodes } from "../api/regenerate-recovery-codes.ts";
import { TotpCodeInput, totpCodeRule } from "./TotpCodeInput.tsx";

/** New recovery codes, with a current authenticator code; the old codes stop working. */
export function RegenerateCodesModal(props: { onClose: () => void; onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TotpCodeBody>();
  const regenerate = useRegenerateRecoveryCodes();

  const onFinish = (values: TotpCodeBody) => {
    const parsed = totpCodeBody.safeParse(values);
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    regenerate.mutate(parsed.data, {
      onSuccess: (answer) => props.onCodes(answer.recoveryCodes),
      onError: (error) => showApiError(error, message, { instance: form, fields: ["code"] }),
    });
  };

  return (
    <Modal
      open
      title={t("security.recovery.regenerate")}
      okText={t("security.recovery.regenerate")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={regenerate.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("security.recovery.regenerateHelp")}</Typography.Paragraph>
      <Form<TotpCodeBody>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        data-testid="regenerate-form"
      >
        <Form.Item name="code" label={t("security.fields.code")} rules={[totpCodeRule(t)]}>
          <TotpCodeInput autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
