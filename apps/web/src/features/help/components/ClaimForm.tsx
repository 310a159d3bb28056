import { claimNeedBody, type Need } from "@huzhu/contracts";
import { App, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useClaimNeed } from "../api/claim-need.ts";
import { OwnOrgSelect, useOwnOrgs } from "./OwnOrgSelect.tsx";

interface Values {
  orgId: number | null;
  message: string;
}

/** 我要认领: one of the user's own organizations offers to help, with a word to the other side. */
export function ClaimForm(props: { need: Need }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs().filter((o) => o.id !== props.need.org.id);
  const claim = useClaimNeed();
  const onFinish = (values: Values) => {
    const parsed = claimNeedBody.safeParse({
      orgId: values.orgId ?? undefined,
      message: values.message?.trim() || undefined,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    claim.mutate(
      { needId: props.need.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("help.claims.form.sent"));
          form.resetFields(["message"]);
        },
        onError: (e) => showApiError(e, message, { instance: form, fields: ["orgId", "message"] }),
      },
    );
  };
  return (
    <Card title={t("help.claims.form.title")} size="small" data-testid="claim-form">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ orgId: orgs[0]?.id ?? null, message: "" }}
      >
        <Form.Item
          name="orgId"
          label={t("help.claims.form.org")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OwnOrgSelect options={orgs} />
        </Form.Item>
        <Form.Item
          name="message"
          label={t("help.claims.form.message")}
          rules={[zodRule(claimNeedBody.shape.message, t, { optional: true })]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={t("help.claims.form.messagePlaceholder")}
            data-testid="claim-message"
          />
        </Form.Item>
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          loading={claim.isPending}
          block
          data-testid="claim-submit"
        >
          {t("help.claims.form.submit")}
        </Button>
      </Form>
    </Card>
  );
}
