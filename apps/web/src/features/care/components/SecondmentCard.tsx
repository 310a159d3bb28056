import {
  type Secondment,
  type SecondmentSide,
  secondmentEvaluationBody,
  secondmentLogBody,
  secondmentSides,
} from "@huzhu/contracts";
import { App, Button, Card, Flex, Form, Input, Rate, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { chinaToday } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useEvaluateSecondment, useLogSecondment } from "../api/secondments.ts";

/** One secondment: who, where, when, the plan, the log, both sides' evaluations, and the forms to add to them. */
export function SecondmentCard(props: { secondment: Secondment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const s = props.secondment;
  const [mode, setMode] = useState<"log" | "evaluate" | null>(null);
  const [logForm] = Form.useForm<{ loggedOn: string; content: string }>();
  const [evalForm] = Form.useForm<{ side: SecondmentSide; rating: number; comment: string }>();
  const log = useLogSecondment(s.id);
  const evaluate = useEvaluateSecondment(s.id);
  const open = secondmentSides.filter((side) => s.evaluations[side] === null);
  const submitLog = () => {
    const parsed = secondmentLogBody.safeParse({
      loggedOn: logForm.getFieldValue("loggedOn"),
      content: (logForm.getFieldValue("content") ?? "").trim(),
    });
    if (!parsed.success) return setIssuesOnForm(logForm, parsed.error.issues, t);
    log.mutate(parsed.data, {
      onSuccess: () => setMode(null),
      onError: (e) => showApiError(e, message, { instance: logForm, fields: ["loggedOn", "content"] }),
    });
  };
  const submitEvaluation = () => {
    const v = evalForm.getFieldsValue();
    const parsed = secondmentEvaluationBody.safeParse({ ...v, comment: v.comment?.trim() ?? "" });
    if (!parsed.success) return setIssuesOnForm(evalForm, parsed.error.issues, t);
    evaluate.mutate(parsed.data, {
      onSuccess: () => setMode(null),
      onError: (e) => showApiError(e, message, { instance: evalForm, fields: ["side", "rating", "comment"] }),
    });
  };
  return (
    <Card
      size="small"
      title={s.member.name}
      extra={<ToneTag tone="blue">{t(`care.secondment.kinds.${s.kind}`)}</ToneTag>}
      data-testid="secondment-card"
    >
      <Flex vertical gap={6}>
        <span>{t("care.secondment.route", { from: s.homeOrg.name, to: s.hostOrg.name })}</span>
        <Typography.Text type="secondary">
          {s.startsOn} — {s.endsOn}
        </Typography.Text>
        <span style={{ whiteSpace: "pre-wrap" }}>
          <strong>{t("care.secondment.plan")}：</strong>
          {s.plan}
        </span>
        {s.logs.length ? (
          <Flex vertical gap={2}>
            <strong>{t("care.secondment.logs")}</strong>
            {s.logs.map((l) => (
              <span key={l.id}>
                {l.loggedOn} {l.content}（{l.by}）
              </span>
            ))}
          </Flex>
        ) : null}
        {secondmentSides.map((side) => {
          const e = s.evaluations[side];
          return e ? (
            <Flex key={side} gap={8} align="center" wrap>
              <strong>{t(`care.secondment.sides.${side}`)}</strong>
              <Rate disabled value={e.rating} aria-label={t("care.request.rating")} />
              <span>{e.comment}</span>
            </Flex>
          ) : null;
        })}
        <Flex gap={8} wrap>
          {s.abilities.log ? <Button onClick={() => setMode("log")}>{t("care.secondment.addLog")}</Button> : null}
          {s.abilities.evaluate && open.length ? (
            <Button onClick={() => setMode("evaluate")}>{t("care.secondment.evaluate")}</Button>
          ) : null}
        </Flex>
        {mode === "log" ? (
          <Form form={logForm} layout="vertical" initialValues={{ loggedOn: chinaToday() }} onFinish={submitLog}>
            <Form.Item name="loggedOn" label={t("care.date")} required>
              <Input type="date" size="large" max={chinaToday()} />
            </Form.Item>
            <Form.Item name="content" label={t("care.secondment.content")} required>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={log.isPending}>
              {t("common.save")}
            </Button>
          </Form>
        ) : null}
        {mode === "evaluate" ? (
          <Form
            form={evalForm}
            layout="vertical"
            initialValues={{ side: open[0], rating: 5 }}
            onFinish={submitEvaluation}
          >
            <Form.Item name="side" label={t("care.secondment.side")} required>
              <Select size="large" options={open.map((x) => ({ value: x, label: t(`care.secondment.sides.${x}`) }))} />
            </Form.Item>
            <Form.Item name="rating" label={t("care.request.rating")} required>
              <Rate aria-label={t("care.request.rating")} />
            </Form.Item>
            <Form.Item name="comment" label={t("care.secondment.comment")} required>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={evaluate.isPending}>
              {t("common.save")}
            </Button>
          </Form>
        ) : null}
      </Flex>
    </Card>
  );
}
