import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";

/** A required reason (a rejection's), asked in a dialog before the change is sent. */
export function ReasonDialog(props: {
  title: string;
  okText: string;
  pending: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: true, "data-testid": "reason-ok" } as never}
      confirmLoading={props.pending}
      onOk={() => void form.validateFields().then((v) => props.onOk(v.reason.trim()))}
      onCancel={props.onCancel}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("motion.transfer.rejectReason")}
          rules={[{ required: true, whitespace: true, message: t("motion.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
