import { type CreateMemberBody, createMemberBody, educations, type Member, updateMemberBody } from "@huzhu/contracts";
import { idNumberBirthDate, idNumberGender, idNumberProblem } from "@huzhu/domain";
import { App, DatePicker, Form, type FormRule, Input, Modal, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { issueMessage, setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateMember } from "../api/create-member.ts";
import { useUpdateMember } from "../api/update-member.ts";

interface MemberFormValues {
  name: string;
  gender: Member["gender"];
  ethnicity: string;
  birthDate: Dayjs | null;
  idNumber: string;
  phone: string;
  education: Member["education"];
  joinDate: Dayjs | null;
  status: Member["status"];
  primaryOrgId: number | null;
  coOrgId: number | null;
}

const fieldNames = Object.keys(createMemberBody.shape);
const shape = createMemberBody.shape;
const formatKeys = { idNumber: "idNumber.format", phone: "phone.format" };
/** Stored as written in the roster (data, not UI text), so the same in every language. */
const defaultEthnicity = "汉族";

const toIso = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);
const normalizeId = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);

/** The contract's format check, then the GB 11643 check digit and birth date (shared with the server). */
function idNumberRule(t: TFunction, optional: boolean): FormRule {
  return {
    validator: async (_rule, raw: unknown) => {
      const value = normalizeId(raw);
      if (value === undefined || value === null || value === "") {
        if (optional) return;
        throw new Error(t("validation.required"));
      }
      const parsed = shape.idNumber.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(issue ? issueMessage(issue, t, "idNumber.format") : t("validation.invalid"));
      }
      const problem = idNumberProblem(parsed.data);
      if (problem) throw new Error(t(`validation.idNumber.${problem}`));
    },
  };
}

/**
 * Create a member, or edit one. Personal fields of an existing member are masked (the birth date
 * too: only its year is shown, the full date is in the details through an audited reveal), so
 * blank means "keep".
 */
export function MemberFormModal(props: { member?: Member; onClose: () => void; onSaved: (member: Member) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const create = useCreateMember();
  const update = useUpdateMember();
  const { member } = props;
  const editing = member !== undefined;

  const initialValues: Partial<MemberFormValues> = member
    ? {
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        birthDate: null,
        idNumber: "",
        phone: "",
        education: member.education,
        joinDate: dayjs(member.joinDate),
        status: member.status,
        primaryOrgId: member.primaryOrg.id,
        coOrgId: member.coOrg?.id ?? null,
      }
    : { ethnicity: defaultEthnicity, status: "probationary", idNumber: "", phone: "", coOrgId: null };

  // A valid ID number already says the birth date and gender: fill them in when still empty.
  const onIdNumberChange = (raw: string) => {
    const id = raw.trim().toUpperCase();
    if (idNumberProblem(id) !== null) return;
    const birth = idNumberBirthDate(id);
    const current = form.getFieldsValue(["birthDate", "gender"]);
    const patch: Partial<MemberFormValues> = {};
    if (!current.birthDate && birth) patch.birthDate = dayjs(birth);
    if (!current.gender) patch.gender = idNumberGender(id);
    if (Object.keys(patch).length > 0) form.setFieldsValue(patch);
  };

  const onFinish = (values: MemberFormValues) => {
    const full = {
      name: values.name?.trim(),
      gender: values.gender,
      ethnicity: values.ethnicity?.trim(),
      birthDate: toIso(values.birthDate),
      idNumber: values.idNumber?.trim().toUpperCase() || undefined,
      phone: values.phone?.trim() || (editing ? undefined : null),
      education: values.education,
      joinDate: toIso(values.joinDate),
      status: values.status,
      primaryOrgId: values.primaryOrgId ?? undefined,
      coOrgId: values.coOrgId ?? null,
    };
    const handlers = {
      onSuccess: (saved: Member) => {
        void message.success(t(editing ? "member.saved" : "member.created"));
        props.onSaved(saved);
      },
      onError: (error: unknown) => showApiError(error, message, { instance: form, fields: fieldNames }),
    };
    if (member) {
      // Send only what changed; blank ID number / phone keep the stored values.
      const body = Object.fromEntries(
        Object.entries(full).filter(([key, value]) => value !== undefined && !unchanged(member, key, value)),
      );
      const parsed = updateMemberBody.safeParse(body);
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t, formatKeys);
      if (Object.keys(parsed.data).length === 0) return props.onClose();
      update.mutate({ id: member.id, body: parsed.data }, handlers);
    } else {
      const parsed = createMemberBody.safeParse(full);
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t, formatKeys);
      create.mutate(parsed.data satisfies CreateMemberBody, handlers);
    }
  };

  const notFuture = (d: Dayjs) => d.isAfter(dayjs(), "day");

  return (
    <Modal
      open
      title={editing ? t("member.edit") : t("member.create")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending || update.isPending}
      width={640}
    >
      <Form<MemberFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        requiredMark="optional"
        scrollToFirstError
        data-testid="member-form"
      >
        <Form.Item name="name" label={t("member.fields.name")} required rules={[zodRule(shape.name, t)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t("member.fields.idNumber")}
          required={!editing}
          rules={[idNumberRule(t, editing)]}
          extra={member ? t("member.keepMasked", { masked: member.idNumberMasked }) : undefined}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input maxLength={18} autoComplete="off" onChange={(e) => onIdNumberChange(e.target.value)} />
        </Form.Item>
        <Form.Item
          name="gender"
          label={t("member.fields.gender")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: "male", label: t("member.gender.male") },
              { value: "female", label: t("member.gender.female") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t("member.fields.birthDate")}
          required={!editing}
          dependencies={["idNumber"]}
          extra={member ? t("member.keepBirthDate", { year: member.birthYear }) : undefined}
          rules={[
            { required: !editing, message: t("validation.required") },
            ({ getFieldValue }) => ({
              warningOnly: true,
              validator: async (_rule, value: Dayjs | null) => {
                const id = normalizeId(getFieldValue("idNumber"));
                if (!value || typeof id !== "string" || idNumberProblem(id) !== null) return;
                if (idNumberBirthDate(id) !== toIso(value)) throw new Error(t("validation.idNumber.birthDateMismatch"));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="ethnicity" label={t("member.fields.ethnicity")} required rules={[zodRule(shape.ethnicity, t)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("member.fields.phone")}
          rules={[zodRule(shape.phone, t, { optional: true, formatKey: "phone.format" })]}
          extra={member?.phoneMasked ? t("member.keepMasked", { masked: member.phoneMasked }) : undefined}
        >
          <Input inputMode="tel" maxLength={11} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="education"
          label={t("member.fields.education")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select options={educations.map((e) => ({ value: e, label: t(`member.education.${e}`) }))} />
        </Form.Item>
        <Form.Item
          name="joinDate"
          label={t("member.fields.joinDate")}
          required
          dependencies={["birthDate"]}
          rules={[
            { required: true, message: t("validation.required") },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: Dayjs | null) => {
                const birth: Dayjs | null = getFieldValue("birthDate");
                if (value && birth && value.isBefore(birth, "day")) throw new Error(t("validation.joinBeforeBirth"));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="status" label={t("member.fields.status")} required>
          <Radio.Group
            optionType="button"
            options={[
              { value: "probationary", label: t("member.status.probationary") },
              { value: "full", label: t("member.status.full") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="primaryOrgId"
          label={t("member.fields.primaryOrg")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OrgSelect current={member?.primaryOrg ?? null} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="coOrgId" label={t("member.fields.coOrg")}>
          <OrgSelect current={member?.coOrg ?? null} allowClear style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Whether a form value equals what the member already has (so PATCH carries only real changes). */
function unchanged(member: Member, key: string, value: unknown): boolean {
  switch (key) {
    case "primaryOrgId":
      return value === member.primaryOrg.id;
    case "coOrgId":
      return value === (member.coOrg?.id ?? null);
    case "idNumber":
    case "phone":
      return false;
    default:
      return (member as unknown as Record<string, unknown>)[key] === value;
  }
}
