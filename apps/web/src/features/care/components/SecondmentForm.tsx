import { createSecondmentBody, type Destination, secondmentKinds } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Form, Input, Modal, Select } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { api } from "../../../lib/api/client.ts";
import { chinaToday } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useCreateSecondment } from "../api/secondments.ts";

interface Values {
  memberId: number | null;
  hostOrgId: number | null;
  kind: string;
  startsOn: string;
  endsOn: string;
  plan: string;
}
const FIELDS = ["memberId", "hostOrgId", "kind", "startsOn", "endsOn", "plan"];

/** A host organization anywhere on the platform, by part of its name (names only). */
function HostSelect(props: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: ["secondments", "hosts", q] as const,
    queryFn: ({ signal }) =>
      api.get<{ items: Destination[]; total: number }>("/api/transfers/destinations", { q }, signal),
    enabled: q.length > 0,
  });
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = useMemo(() => {
    const found = (list.data?.items ?? []).map((o) => ({
      value: o.id,
      label: o.parentName ? `${o.name}（${o.parentName}）` : o.name,
    }));
    if (picked && picked.value === props.value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, picked, props.value]);
  return (
    <Select<number | null>
      id={props.id}
      size="large"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={props.value ?? null}
      onChange={(value) => {
        setPicked(options.find((o) => o.value === value) ?? null);
        props.onChange?.(value ?? null);
      }}
      placeholder={t("care.secondment.pickHost")}
      loading={list.isFetching}
      options={options}
    />
  );
}

/** Sending a cadre on a secondment: who, where, how, when, and the plan. */
export function SecondmentForm(props: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSecondment();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createSecondmentBody.safeParse({
      memberId: v.memberId ?? undefined,
      hostOrgId: v.hostOrgId ?? undefined,
      kind: v.kind,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      plan: v.plan?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.secondment.created"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("care.secondment.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "shadow_learning", startsOn: chinaToday(), endsOn: chinaToday() }}
      >
        <Form.Item name="memberId" label={t("care.secondment.cadre")} required>
          <MemberPicker />
        </Form.Item>
        <Form.Item name="hostOrgId" label={t("care.secondment.host")} required>
          <HostSelect />
        </Form.Item>
        <Form.Item name="kind" label={t("care.secondment.kind")} required>
          <Select
            size="large"
            options={secondmentKinds.map((k) => ({ value: k, label: t(`care.secondment.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="startsOn" label={t("care.secondment.startsOn")} required>
          <Input type="date" size="large" />
        </Form.Item>
        <Form.Item name="endsOn" label={t("care.secondment.endsOn")} required>
          <Input type="date" size="large" />
        </Form.Item>
        <Form.Item name="plan" label={t("care.secondment.plan")} required>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
