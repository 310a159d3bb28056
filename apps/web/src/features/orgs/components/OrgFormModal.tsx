import {
  type CreateOrgBody,
  createOrgBody,
  type Org,
  type OrgArea,
  type OrgCategory,
  type OrgKind,
  orgCategories,
  orgKinds,
  type UpdateOrgBody,
} from "@huzhu/contracts";
import { App, Form, Input, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateOrg } from "../api/create-org.ts";
import { useUpdateOrg } from "../api/update-org.ts";

interface OrgFormValues {
  name: string;
  kind: OrgKind;
  category: OrgCategory;
  area: OrgArea;
  divisionCode?: string;
  secretaryName?: string;
  units?: string;
}

const fieldNames = ["name", "kind", "category", "area", "divisionCode", "secretaryName", "units"] as const;
const shape = createOrgBody.shape;

function toBody(values: OrgFormValues): Omit<CreateOrgBody, "parentId"> {
  const units = (values.units ?? "")
    .split("\n")
    .map((u) => u.trim())
    .filter(Boolean);
  return {
    name: values.name.trim(),
    kind: values.kind,
    category: values.category,
    area: values.area,
    divisionCode: values.divisionCode?.trim() || null,
    secretaryName: values.secretaryName?.trim() || null,
    units: values.kind === "joint_branch" ? units : [],
  };
}

/**
 * Create a sub-organization under `parent`, or edit `org`. Validated with the contract schemas.
 * Mounted only while open, so the form starts from `initialValues` every time.
 */
export function OrgFormModal(props: {
  mode: { type: "create"; parent: Org } | { type: "edit"; org: Org };
  onClose: () => void;
  onSaved: (org: Org) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const kind = Form.useWatch("kind", form);
  const { mode } = props;

  const initialValues: Partial<OrgFormValues> =
    mode.type === "edit"
      ? {
          name: mode.org.name,
          kind: mode.org.kind,
          category: mode.org.category,
          area: mode.org.area,
          divisionCode: mode.org.divisionCode ?? "",
          secretaryName: mode.org.secretaryName ?? "",
          units: mode.org.units.join("\n"),
        }
      : {
          kind: "branch",
          category: mode.parent.category === "county" ? "town_street" : "village",
          area: mode.parent.area,
        };

  const onFinish = (values: OrgFormValues) => {
    const body = toBody(values);
    const parentId = mode.type === "create" ? mode.parent.id : 0;
    const parsed =
      mode.type === "create" ? createOrgBody.safeParse({ ...body, parentId }) : createOrgBody.partial().safeParse(body);
    if (!parsed.success) {
      setIssuesOnForm(form, parsed.error.issues, t, { divisionCode: "divisionCode.format" });
      return;
    }
    const handlers = {
      onSuccess: (org: Org) => {
        void message.success(t(mode.type === "create" ? "org.created" : "org.updated"));
        props.onSaved(org);
      },
      onError: (error: unknown) => showApiError(error, message, { instance: form, fields: fieldNames }),
    };
    if (mode.type === "create") create.mutate({ ...body, parentId }, handlers);
    else update.mutate({ id: mode.org.id, body: body satisfies UpdateOrgBody }, handlers);
  };

  return (
    <Modal
      open
      title={mode.type === "create" ? t("org.createChild") : t("org.edit")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        requiredMark="optional"
        scrollToFirstError
      >
        {mode.type === "create" ? (
          <Form.Item label={t("org.fields.parent")}>
            <Input value={mode.parent.name} disabled />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t("org.fields.name")} required rules={[zodRule(shape.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t("org.fields.kind")} required>
          <Select options={orgKinds.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t("org.fields.category")} required>
          <Select options={orgCategories.map((c) => ({ value: c, label: t(`org.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="area" label={t("org.fields.area")} required>
          <Radio.Group
            optionType="button"
            options={[
              { value: "rural", label: t("org.area.rural") },
              { value: "urban", label: t("org.area.urban") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t("org.fields.divisionCode")}
          rules={[zodRule(shape.divisionCode, t, { optional: true, formatKey: "divisionCode.format" })]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item
          name="secretaryName"
          label={t("org.fields.secretaryName")}
          rules={[zodRule(shape.secretaryName, t, { optional: true })]}
        >
          <Input maxLength={50} />
        </Form.Item>
        {kind === "joint_branch" ? (
          <Form.Item name="units" label={t("org.fields.units")} extra={t("org.unitsHelp")}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
