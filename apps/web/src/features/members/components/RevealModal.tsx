import { type RevealBody, revealBody } from "@huzhu/contracts";
import { Alert, App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { type RevealResult, useRevealMember } from "../api/reveal-member.ts";

/** Asks why, then reveals one masked field of a member; the server records the reveal in the audit log. */
export function RevealModal(props: {
  memberId: number;
  memberName: string;
  field: RevealBody["field"];
  onClose: () => void;
  onRevealed: (result: RevealResult) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealMember();
  const fieldLabel = t(`member.fields.${props.field}`);

  const onFinish = (values: { reason: string }) => {
    reveal.mutate(
      { id: props.memberId, body: { field: props.field, reason: values.reason.trim() } },
      {
        onSuccess: props.onRevealed,
        onError: (error) => showApiError(error, message, { instance: form, fields: ["reason"] }),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t("member.revealTitle", { field: fieldLabel })} · ${props.memberName}`}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={reveal.isPending}
    >
      <Alert type="info" showIcon title={t("member.revealNotice")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t("member.revealReason")}
          required
          rules={[zodRule(revealBody.shape.reason, t)]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={200}
            showCount
            placeholder={t("member.revealReasonPlaceholder")}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
