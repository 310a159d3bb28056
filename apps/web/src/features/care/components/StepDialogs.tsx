import {
  claimServiceRequestBody,
  completeServiceRequestBody,
  type ServiceRequest,
  serviceFeedbackBody,
  type VolunteerTeam,
} from "@huzhu/contracts";
import { App, Form, Input, InputNumber, Modal, Rate, Select } from "antd";
import { useTranslation } from "react-i18next";
import { chinaToday } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useClaimServiceRequest, useCompleteServiceRequest, useServiceFeedback } from "../api/volunteers.ts";

const modalStyle = { top: 16, maxWidth: "calc(100vw - 16px)" };

/** Claiming for one of the teams the user manages. */
export function ClaimDialog(props: { request: ServiceRequest; teams: VolunteerTeam[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ teamId: number | null }>();
  const claim = useClaimServiceRequest(props.request.id);
  const onOk = () => {
    const parsed = claimServiceRequestBody.safeParse({ teamId: form.getFieldValue("teamId") ?? undefined });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    claim.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.request.claimed"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: ["teamId"] }),
    });
  };
  return (
    <Modal
      open
      title={t("care.request.claimTitle", { title: props.request.title })}
      okText={t("care.request.claim")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "claim-submit" } as never}
      confirmLoading={claim.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={modalStyle}
    >
      <Form form={form} layout="vertical" initialValues={{ teamId: props.teams[0]?.id ?? null }}>
        <Form.Item name="teamId" label={t("care.team.label")} required>
          <Select
            size="large"
            data-testid="claim-team"
            options={props.teams.map((x) => ({ value: x.id, label: `${x.name}（${x.org.name}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Completing: the day served and each volunteer's hours (the team's members; empty means did not serve). */
export function CompleteDialog(props: {
  request: ServiceRequest;
  team: VolunteerTeam | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ servedOn: string; hours: Record<string, number | null> }>();
  const complete = useCompleteServiceRequest(props.request.id);
  const members = props.team?.members ?? [];
  const onOk = () => {
    const v = form.getFieldsValue(true) as { servedOn: string; hours?: Record<string, number | null> };
    const hours = members.flatMap((m) => {
      const h = v.hours?.[String(m.id)];
      return h ? [{ memberId: m.id, hours: h }] : [];
    });
    const parsed = completeServiceRequestBody.safeParse({ servedOn: v.servedOn, hours });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    complete.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.request.completed"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: ["servedOn"] }),
    });
  };
  return (
    <Modal
      open
      title={t("care.request.completeTitle", { title: props.request.title })}
      okText={t("care.request.complete")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "complete-submit" } as never}
      confirmLoading={complete.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={modalStyle}
    >
      <Form form={form} layout="vertical" initialValues={{ servedOn: chinaToday(), hours: {} }}>
        <Form.Item name="servedOn" label={t("care.request.servedOn")} required>
          <Input type="date" size="large" max={chinaToday()} />
        </Form.Item>
        {members.map((m) => (
          <Form.Item
            key={m.id}
            name={["hours", String(m.id)]}
            label={t("care.request.hoursOf", { name: m.name })}
            extra={m.skills ?? undefined}
          >
            <InputNumber
              size="large"
              min={0.5}
              max={24}
              step={0.5}
              style={{ width: "100%" }}
              data-testid={`complete-hours-${m.id}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** The requesting side's or the person helped's rating, once. */
export function FeedbackDialog(props: { request: ServiceRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rating: number; comment: string }>();
  const feedback = useServiceFeedback(props.request.id);
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = serviceFeedbackBody.safeParse({
      rating: v.rating,
      ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    feedback.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.request.rated"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: ["rating", "comment"] }),
    });
  };
  return (
    <Modal
      open
      title={t("care.request.feedbackTitle", { title: props.request.title })}
      okText={t("care.request.feedback")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "feedback-submit" } as never}
      confirmLoading={feedback.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={modalStyle}
    >
      <Form form={form} layout="vertical" initialValues={{ rating: 5 }}>
        <Form.Item name="rating" label={t("care.request.rating")} required>
          <Rate aria-label={t("care.request.rating")} />
        </Form.Item>
        <Form.Item name="comment" label={t("care.request.comment")}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
