import { contributionKinds, type ProjectDetail, recordContributionBody } from "@huzhu/contracts";
import { App, Form, Input, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useRecordContribution } from "../api/record-contribution.ts";
import { FormDialog } from "./FormDialog.tsx";
import { yuanToFen } from "./format.ts";

type Kind = (typeof contributionKinds)[number];

interface Values {
  giverOrgId: number | null;
  receiverOrgId: number | null;
  kind: Kind;
  yuan: number | null;
  hours: number | null;
  description: string;
}

/** Records what one party gave the other (either side may give); the receiver confirms it later. */
export function ContributionModal(props: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const parties = [...props.project.helpers, ...props.project.recipients];
  const own = useOwnOrgs(parties.map((o) => o.id));
  const record = useRecordContribution();
  const kind = Form.useWatch("kind", form) ?? "money";
  const giver = Form.useWatch("giverOrgId", form);
  const onFinish = (v: Values) => {
    const amount = yuanToFen(v.yuan) ?? undefined;
    const parsed = recordContributionBody.safeParse({
      giverOrgId: v.giverOrgId ?? undefined,
      receiverOrgId: v.receiverOrgId ?? undefined,
      kind: v.kind,
      amountFen: v.kind === "money" ? amount : undefined,
      valueFen: v.kind === "goods" ? amount : undefined,
      hours: v.kind === "volunteer_hours" || v.kind === "cadre_days" ? (v.hours ?? undefined) : undefined,
      description: v.description?.trim() || undefined,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    record.mutate(
      { projectId: props.project.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("help.projects.contributionSaved"));
          props.onClose();
        },
        onError: (e) =>
          showApiError(e, message, { instance: form, fields: ["giverOrgId", "receiverOrgId", "kind", "description"] }),
      },
    );
  };
  const firstGiver = own[0]?.id ?? null;
  const firstReceiver = parties.find((p) => p.id !== firstGiver)?.id ?? null;
  return (
    <FormDialog
      title={t("help.projects.recordContribution")}
      okTestId="contribution-submit"
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={record.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        initialValues={{ giverOrgId: firstGiver, receiverOrgId: firstReceiver, kind: "money" }}
        data-testid="contribution-form"
      >
        <Form.Item
          name="giverOrgId"
          label={t("help.projects.contribution.giverOrgId")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OwnOrgSelect options={own} />
        </Form.Item>
        <Form.Item
          name="receiverOrgId"
          label={t("help.projects.contribution.receiverOrgId")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OwnOrgSelect options={parties.filter((p) => p.id !== giver)} />
        </Form.Item>
        <Form.Item name="kind" label={t("help.projects.contribution.kind")} required>
          <Select
            options={contributionKinds.map((k) => ({ value: k, label: t(`help.projects.contribution.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === "money" || kind === "goods" ? (
          <Form.Item
            name="yuan"
            label={t(kind === "money" ? "help.projects.contribution.amount" : "help.projects.contribution.value")}
            required
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <InputNumber min={0} precision={2} inputMode="decimal" style={{ width: "100%" }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="hours"
            label={t("help.projects.contribution.hours")}
            required
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <InputNumber min={0} precision={2} inputMode="decimal" style={{ width: "100%" }} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t("help.projects.contribution.description")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
