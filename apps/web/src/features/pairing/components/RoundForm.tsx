import {
  createPairingRoundBody,
  defaultRoundParameters,
  type PairingForm,
  type PairingRound,
  pairingForms,
  type RoundWeights,
} from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Collapse, Flex, Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { createRound, pairingQueries } from "../api/queries.ts";
import { WeightsInput } from "./WeightsInput.tsx";

interface Values {
  orgId: number | null;
  name: string;
  forms: PairingForm[];
  weights: RoundWeights;
  years: number | null;
  goals: string;
}

const shape = createPairingRoundBody.shape;
const FIELDS = Object.keys(shape);

/**
 * Starts a pairing round over an organization of the coordinator's jurisdiction (their own by
 * default) with a name; the forms, weights, period and goals have defaults and can be changed.
 * Checked with the contracts' schema before it is sent.
 */
export function RoundForm(props: { onCreated: (round: PairingRound) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const own = useOwnOrgs();
  const create = useMutation({
    mutationFn: createRound,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pairingQueries.rounds() }),
  });
  const first = own[0] ?? null;

  const onFinish = (values: Values) => {
    const parsed = createPairingRoundBody.safeParse({
      orgId: values.orgId ?? undefined,
      name: values.name?.trim(),
      forms: values.forms,
      weights: values.weights,
      years: values.years ?? undefined,
      goals: values.goals?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: (round) => {
        void message.success(t("pairing.round.created"));
        props.onCreated(round);
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      style={{ maxWidth: 720 }}
      data-testid="round-form"
      initialValues={{
        orgId: first?.id ?? null,
        name: "",
        forms: [...defaultRoundParameters.forms],
        weights: { ...defaultRoundParameters.weights },
        years: defaultRoundParameters.years,
        goals: "",
      }}
    >
      <Form.Item
        name="orgId"
        label={t("pairing.round.fields.org")}
        extra={t("pairing.round.fields.orgHint")}
        required
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <OrgSelect id="orgId" current={first} style={{ width: "100%" }} data-testid="round-org" />
      </Form.Item>
      <Form.Item name="name" label={t("pairing.round.fields.name")} required rules={[zodRule(shape.name, t)]}>
        <Input maxLength={100} placeholder={t("pairing.round.fields.namePlaceholder")} data-testid="round-name-input" />
      </Form.Item>
      <Collapse
        ghost
        style={{ marginBottom: 16 }}
        items={[
          {
            key: "more",
            label: t("pairing.round.fields.more"),
            forceRender: true,
            children: (
              <>
                <Form.Item
                  name="forms"
                  label={t("pairing.round.fields.forms")}
                  rules={[{ required: true, type: "array", min: 1, message: t("pairing.round.fields.formsRequired") }]}
                >
                  <Checkbox.Group options={pairingForms.map((f) => ({ value: f, label: t(`pairing.form.${f}`) }))} />
                </Form.Item>
                <Form.Item name="weights" label={t("pairing.round.fields.weights")}>
                  <WeightsInput />
                </Form.Item>
                <Form.Item
                  name="years"
                  label={t("pairing.round.fields.years")}
                  rules={[zodRule(shape.years, t, { optional: true })]}
                >
                  <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item
                  name="goals"
                  label={t("pairing.round.fields.goals")}
                  extra={t("pairing.round.fields.goalsHint")}
                  rules={[zodRule(shape.goals, t, { optional: true })]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </>
            ),
          },
        ]}
      />
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="round-create">
          {t("pairing.round.create")}
        </Button>
        {props.onCancel ? <Button onClick={props.onCancel}>{t("common.cancel")}</Button> : null}
      </Flex>
    </Form>
  );
}
