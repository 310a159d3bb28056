import { activityTypes, type ProjectDetail, recordActivityBody } from "@huzhu/contracts";
import { App, Form, Input, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PhotoInput, type UploadedPhoto } from "../../../components/PhotoInput.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useRecordActivity } from "../api/record-activity.ts";
import { FormDialog } from "./FormDialog.tsx";
import { chinaToday } from "./format.ts";

interface Values {
  occurredOn: string;
  type: ProjectDetail["activities"][number]["type"];
  description: string;
  participants: number | null;
  hours: number | null;
  orgId: number | null;
  photos: UploadedPhoto[];
}

const shape = recordActivityBody.shape;

/** Records a joint activity, photos from the phone's camera included; one column on a phone. */
export function ActivityModal(props: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const parties = [...props.project.helpers, ...props.project.recipients].map((o) => o.id);
  const orgs = useOwnOrgs(parties);
  const record = useRecordActivity();
  const onFinish = (v: Values) => {
    const parsed = recordActivityBody.safeParse({
      occurredOn: v.occurredOn,
      type: v.type,
      description: v.description?.trim(),
      participants: v.participants ?? undefined,
      hours: v.hours ?? undefined,
      orgId: v.orgId ?? undefined,
      photoIds: (v.photos ?? []).map((p) => p.id),
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    record.mutate(
      { projectId: props.project.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("help.projects.activitySaved"));
          props.onClose();
        },
        onError: (e) => showApiError(e, message, { instance: form, fields: Object.keys(shape) }),
      },
    );
  };
  return (
    <FormDialog
      title={t("help.projects.recordActivity")}
      okTestId="activity-submit"
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={record.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        initialValues={{ occurredOn: chinaToday(), type: "theme_day", orgId: orgs[0]?.id ?? null, photos: [] }}
        data-testid="activity-form"
      >
        <Form.Item
          name="occurredOn"
          label={t("help.projects.activity.occurredOn")}
          required
          rules={[zodRule(shape.occurredOn, t)]}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="type" label={t("help.projects.activity.type")} required>
          <Select options={activityTypes.map((a) => ({ value: a, label: t(`help.projects.activity.types.${a}`) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("help.projects.activity.description")}
          required
          rules={[zodRule(shape.description, t)]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="participants" label={t("help.projects.activity.participants")}>
          <InputNumber min={0} max={100_000} precision={0} inputMode="numeric" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="hours" label={t("help.projects.activity.hours")}>
          <InputNumber min={0} max={1_000_000} precision={2} inputMode="decimal" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t("help.projects.activity.orgId")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OwnOrgSelect options={orgs} />
        </Form.Item>
        <Form.Item name="photos" label={t("help.projects.activity.photos")}>
          <PhotoInput testId="activity-photo-input" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
