import { dissolveOrgBody, type Org } from "@huzhu/contracts";
import { Alert, App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { useDissolveOrg } from "../api/dissolve-org.ts";

/** Dissolves an organization after a warning and a reason; history is kept. */
export function DissolveOrgModal(props: { org: Org; onClose: () => void; onDissolved: (org: Org) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const dissolve = useDissolveOrg();

  const onFinish = (values: { reason: string }) => {
    dissolve.mutate(
      { id: props.org.id, body: { reason: values.reason.trim() } },
      {
        onSuccess: (org) => {
          void message.success(t("org.dissolved"));
          props.onDissolved(org);
        },
        onError: (error) => showApiError(error, message, { instance: form, fields: ["reason"] }),
      },
    );
  };

  return (
    <Modal
      open
      title={t("org.dissolve")}
      okText={t("org.dissolve")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={dissolve.isPending}
    >
      <Alert
        type="warning"
        showIcon
        title={t("org.dissolveWarning", { name: props.org.name })}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t("org.dissolveReason")}
          required
          rules={[zodRule(dissolveOrgBody.shape.reason, t)]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
