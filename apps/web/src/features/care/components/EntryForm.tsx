import { hardshipEntryBody, hardshipEntryKinds } from "@huzhu/contracts";
import { App, Button, Form, Input, InputNumber, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { chinaToday } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useRecordHardshipEntry } from "../api/hardship.ts";

interface Values {
  kind: string;
  occurredOn: string;
  note: string;
  givenBy: string;
  valueYuan: number | null;
}
const FIELDS = ["kind", "occurredOn", "note", "givenBy", "valueFen"];

/** A visit, help given (by whom, what, value in yuan — stored in fen) or a follow-up. */
export function EntryForm(props: { caseId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<string>("visit");
  const record = useRecordHardshipEntry(props.caseId);
  const onFinish = () => {
    const v = form.getFieldsValue();
    const help = v.kind === "help";
    const parsed = hardshipEntryBody.safeParse({
      kind: v.kind,
      occurredOn: v.occurredOn,
      note: v.note?.trim() ?? "",
      ...(help && v.givenBy?.trim() ? { givenBy: v.givenBy.trim() } : {}),
      ...(help && v.valueYuan != null ? { valueFen: Math.round(v.valueYuan * 100) } : {}),
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    record.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.hardship.recorded"));
        form.resetFields(["note", "givenBy", "valueYuan"]);
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="hardship-entry-form"
      initialValues={{ kind: "visit", occurredOn: chinaToday() }}
      onFinish={onFinish}
    >
      <Form.Item name="kind" label={t("care.hardship.entryKind")}>
        <Select
          size="large"
          onChange={setKind}
          options={hardshipEntryKinds.map((k) => ({ value: k, label: t(`care.hardship.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="occurredOn" label={t("care.date")} required>
        <Input type="date" size="large" max={chinaToday()} />
      </Form.Item>
      <Form.Item name="note" label={t("care.hardship.note")} required>
        <Input.TextArea rows={2} maxLength={1000} data-testid="hardship-entry-note" />
      </Form.Item>
      {kind === "help" ? (
        <>
          <Form.Item name="givenBy" label={t("care.hardship.givenBy")}>
            <Input size="large" maxLength={100} />
          </Form.Item>
          <Form.Item name="valueYuan" label={t("care.hardship.valueYuan")}>
            <InputNumber size="large" min={0} step={1} precision={2} style={{ width: "100%" }} />
          </Form.Item>
        </>
      ) : null}
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="hardship-entry-submit">
        {t("care.hardship.record")}
      </Button>
    </Form>
  );
}
