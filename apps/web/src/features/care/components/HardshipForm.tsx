import { createHardshipBody, hardshipCategories } from "@huzhu/contracts";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useCreateHardship } from "../api/hardship.ts";

interface Values {
  memberId: number | null;
  category: string | null;
  details: string;
}
const FIELDS = ["memberId", "category", "details"];

/** Recording a member in difficulty: who, which kind, the details (stored encrypted). */
export function HardshipForm(props: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateHardship();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createHardshipBody.safeParse({
      memberId: v.memberId ?? undefined,
      category: v.category ?? undefined,
      details: v.details?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: (c) => {
        void message.success(t("care.hardship.created"));
        props.onDone();
        navigate(`/hardship-cases/${c.id}`, { state: { shown: true } });
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("care.hardship.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "hardship-submit" } as never}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical" data-testid="hardship-form">
        <Form.Item name="memberId" label={t("care.member")} required>
          <MemberPicker data-testid="hardship-member" />
        </Form.Item>
        <Form.Item name="category" label={t("care.hardship.category")} required>
          <Select
            size="large"
            data-testid="hardship-category"
            options={hardshipCategories.map((c) => ({ value: c, label: t(`care.hardship.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="details" label={t("care.hardship.details")} extra={t("care.hardship.encrypted")} required>
          <Input.TextArea rows={4} maxLength={2000} data-testid="hardship-details" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
