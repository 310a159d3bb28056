import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";

/** A decline's or a cancellation's reason (optional), asked in a dialog before the change is sent. */
export function ReasonModal(props: {
  title: string;
  okText: string;
  pending: boolean;
  onOk: (reason: string | undefined) => void;
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
      onOk={() => props.onOk(form.getFieldValue("reason")?.trim() || undefined)}
      onCancel={props.onCancel}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t("venues.booking.reason")}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
