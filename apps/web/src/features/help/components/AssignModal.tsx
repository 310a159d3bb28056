import { claimNeedBody, type Need } from "@huzhu/contracts";
import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useAssignNeed } from "../api/assign-need.ts";

/** The coordinator picks a helper organization of the jurisdiction for a need (上级指派). */
export function AssignModal(props: { need: Need; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ orgId: number | null; message: string }>();
  const assign = useAssignNeed();
  return (
    <Modal
      open
      title={t("help.need.actions.assign")}
      okText={t("help.need.actions.assign")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={assign.isPending}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => {
          const parsed = claimNeedBody.safeParse({
            orgId: v.orgId ?? undefined,
            message: v.message?.trim() || undefined,
          });
          if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
          assign.mutate(
            { needId: props.need.id, body: parsed.data },
            {
              onSuccess: () => {
                void message.success(t("help.claims.accepted"));
                props.onClose();
              },
              onError: (e) => showApiError(e, message, { instance: form, fields: ["orgId", "message"] }),
            },
          );
        }}
      >
        <Form.Item
          name="orgId"
          label={t("help.claims.helper")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OrgSelect exclude={props.need.org.id} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="message" label={t("help.claims.form.message")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
