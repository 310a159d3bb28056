import { cancelProjectBody, type ProjectDetail } from "@huzhu/contracts";
import { Alert, App, Flex, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCancelProject } from "../api/cancel-project.ts";
import { FormDialog } from "./FormDialog.tsx";

interface Values {
  outcome: "cancelled" | "completed";
  reason: string;
}

/**
 * 结束项目: a party ends the project early, with the reason the other parties are shown: cancelled,
 * or concluded as done. Only projects of their own (a resource's) have it; a need's project ends
 * with its need (the server's `cancel` ability is false there, so the page offers no button).
 */
export function EndProjectModal(props: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const end = useCancelProject();
  const onFinish = (v: Values) => {
    const parsed = cancelProjectBody.safeParse({ reason: v.reason?.trim(), outcome: v.outcome });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    end.mutate(
      { id: props.project.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("help.projects.end.done"));
          props.onClose();
        },
        onError: (e) => showApiError(e, message, { instance: form, fields: ["reason", "outcome"] }),
      },
    );
  };
  return (
    <FormDialog
      title={t("help.projects.end.title")}
      okText={t("help.projects.end.confirm")}
      danger
      okTestId="project-end-confirm"
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={end.isPending}
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t("help.projects.end.intro")} />
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={onFinish}
          initialValues={{ outcome: "cancelled", reason: "" }}
          data-testid="project-end-form"
        >
          <Form.Item name="outcome" label={t("help.projects.end.outcome")}>
            <Radio.Group>
              <Flex vertical gap={8}>
                <Radio value="cancelled">{t("help.projects.end.cancelled")}</Radio>
                <Radio value="completed">{t("help.projects.end.completed")}</Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("help.projects.end.reason")}
            required
            rules={[zodRule(cancelProjectBody.shape.reason, t)]}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              placeholder={t("help.projects.end.reasonPlaceholder")}
              data-testid="project-end-reason"
            />
          </Form.Item>
        </Form>
      </Flex>
    </FormDialog>
  );
}
