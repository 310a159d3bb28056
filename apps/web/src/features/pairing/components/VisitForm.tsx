import { recordVisitBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { chinaToday } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { pairingQueries, recordVisit } from "../api/queries.ts";

interface Values {
  visitedOn: string;
  notes: string;
}

const shape = recordVisitBody.shape;
const FIELDS = Object.keys(shape);

/** Records a joint activity or visit of a pairing (the date and what was done): the rhythm starts again. */
export function VisitForm(props: { pairingId: number; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (body: { visitedOn: string; notes: string }) => recordVisit(props.pairingId, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(pairingQueries.pairing(props.pairingId).queryKey, detail);
      void queryClient.invalidateQueries({ queryKey: ["home"] });
    },
  });
  const onFinish = (values: Values) => {
    const parsed = recordVisitBody.safeParse({ visitedOn: values.visitedOn, notes: values.notes?.trim() });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    save.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("pairing.visit.saved"));
        form.resetFields();
        props.onDone?.();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ visitedOn: chinaToday(), notes: "" }}
      data-testid="visit-form"
    >
      <Form.Item name="visitedOn" label={t("pairing.visit.date")} required rules={[zodRule(shape.visitedOn, t)]}>
        <Input type="date" max={chinaToday()} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="notes" label={t("pairing.visit.notes")} required rules={[zodRule(shape.notes, t)]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t("pairing.visit.notesPlaceholder")} />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="visit-save">
          {t("pairing.visit.save")}
        </Button>
      </Flex>
    </Form>
  );
}
