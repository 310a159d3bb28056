import { confirmNeedBody, type Need } from "@huzhu/contracts";
import { App, Form, Input, Rate } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useConfirmNeed } from "../api/confirm-need.ts";
import { FormDialog } from "./FormDialog.tsx";

/** The recipient confirms the help it received and rates it 1–5, with a comment if it wishes. */
export function ConfirmNeedModal(props: { need: Need; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rating: number; comment: string }>();
  const confirm = useConfirmNeed();
  return (
    <FormDialog
      title={t("help.need.confirmTitle")}
      okText={t("help.need.actions.confirm")}
      okTestId="confirm-need-submit"
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={confirm.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ rating: 5, comment: "" }}
        onFinish={(v) => {
          const parsed = confirmNeedBody.safeParse({ rating: v.rating, comment: v.comment?.trim() || undefined });
          if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
          confirm.mutate(
            { id: props.need.id, body: parsed.data },
            {
              onSuccess: () => {
                void message.success(t("help.need.done"));
                props.onClose();
              },
              onError: (e) => showApiError(e, message, { instance: form, fields: ["rating", "comment"] }),
            },
          );
        }}
      >
        <Form.Item
          name="rating"
          label={t("help.need.ratingLabel")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Rate allowClear={false} style={{ fontSize: 32 }} data-testid="confirm-rating" />
        </Form.Item>
        <Form.Item name="comment" label={t("help.need.commentLabel")}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="confirm-comment" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
