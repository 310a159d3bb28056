import { type ProjectDetail, parsePlanRule, updateProjectBody } from "@huzhu/contracts";
import { App, Button, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useUpdateProject } from "../api/update-project.ts";
import { FormDialog } from "./FormDialog.tsx";

interface Values {
  title: string;
  goals: string;
  planRule: string;
}

const shape = updateProjectBody.shape;

/** Plans people usually agree on (a theme day each month or quarter); any RRULE may be typed instead. */
const presets = [
  { key: "monthly", rule: "FREQ=MONTHLY" },
  { key: "quarterly", rule: "FREQ=MONTHLY;INTERVAL=3" },
  { key: "halfYear", rule: "FREQ=MONTHLY;INTERVAL=6" },
  { key: "yearly", rule: "FREQ=YEARLY" },
  { key: "none", rule: "" },
] as const;

/** A plan in words (每 3 个月一次), or null when the rule is empty or not one the contracts accept. */
export function usePlanWords() {
  const { t } = useTranslation();
  return (rule: string | null | undefined): string | null => {
    const plan = rule ? parsePlanRule(rule) : null;
    return plan ? t(`help.projects.every.${plan.freq}`, { count: plan.interval }) : null;
  };
}

/**
 * 编辑目标和计划: a party edits the project's title, goals and its plan of joint activities, an
 * RRULE checked with the contracts' parsePlanRule (the server's check), shown in words as it is typed.
 */
export function ProjectEditModal(props: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateProject();
  const words = usePlanWords();
  const rule = Form.useWatch("planRule", form) ?? props.project.planRule ?? "";
  const p = props.project;
  const onFinish = (v: Values) => {
    const parsed = updateProjectBody.safeParse({
      title: v.title?.trim(),
      goals: v.goals?.trim() || null,
      planRule: v.planRule?.trim() || null,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    update.mutate(
      { id: p.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("help.projects.saved"));
          props.onClose();
        },
        onError: (e) => showApiError(e, message, { instance: form, fields: ["title", "goals", "planRule"] }),
      },
    );
  };
  const meaning = words(rule.trim());
  return (
    <FormDialog
      title={t("help.projects.editTitle")}
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={update.isPending}
      okTestId="project-edit-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        initialValues={{ title: p.title, goals: p.goals ?? "", planRule: p.planRule ?? "" }}
        data-testid="project-edit-form"
      >
        <Form.Item name="title" label={t("help.projects.name")} required rules={[zodRule(shape.title, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="goals" label={t("help.projects.goals")} rules={[zodRule(shape.goals, t, { optional: true })]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="project-goals" />
        </Form.Item>
        <Form.Item
          name="planRule"
          label={t("help.projects.planRule")}
          extra={
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              <span>{t("help.projects.planHelp")}</span>
              {meaning ? (
                <Typography.Text data-testid="plan-meaning">
                  {t("help.projects.planMeans", { text: meaning })}
                </Typography.Text>
              ) : null}
            </Flex>
          }
          rules={[zodRule(shape.planRule.unwrap().unwrap(), t, { optional: true })]}
        >
          <Input maxLength={200} spellCheck={false} autoCapitalize="characters" data-testid="project-plan" />
        </Form.Item>
        <Flex vertical gap={6} role="group" aria-label={t("help.projects.planPresets")}>
          <Typography.Text style={{ color: "rgba(0, 0, 0, 0.65)" }}>{t("help.projects.planPresets")}</Typography.Text>
          <Flex wrap gap={8}>
            {presets.map((preset) => (
              <Button
                key={preset.key}
                aria-pressed={rule.trim() === preset.rule}
                type={rule.trim() === preset.rule ? "primary" : "default"}
                ghost={rule.trim() === preset.rule}
                onClick={() => {
                  form.setFieldValue("planRule", preset.rule);
                  void form.validateFields(["planRule"]);
                }}
              >
                {t(`help.projects.presets.${preset.key}`)}
              </Button>
            ))}
          </Flex>
        </Flex>
      </Form>
    </FormDialog>
  );
}
