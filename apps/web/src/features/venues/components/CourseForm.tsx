import {
  type Course,
  type CourseDetail,
  type CourseKind,
  courseKinds,
  createCourseBody,
  updateCourseBody,
  type VenueOpening,
} from "@huzhu/contracts";
import { App, Button, Flex, Form, Input, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateCourse } from "../api/create-course.ts";
import { useUpdateCourse } from "../api/update-course.ts";
import { OpeningField, OwnerField } from "./OwnerAndOpening.tsx";

interface Values {
  orgId: number | null;
  kind: CourseKind | null;
  title: string;
  summary: string;
  body: string;
  url: string;
  minutes: number | null;
  openTo: VenueOpening;
}

const shape = createCourseBody.shape;
const FIELDS = Object.keys(shape);
/** Kinds with an address (a video's or a link's) and kinds with a text (a write-up, a document's). */
const withUrl: readonly CourseKind[] = ["video", "link"];
const withBody: readonly CourseKind[] = ["experience", "document"];

/**
 * Shares a course or an experience write-up in the name of one of the user's organizations (new),
 * or changes one (edit, `course` given). Checked with the contracts' schema before it is sent.
 */
export function CourseForm(props: { course?: CourseDetail; onSaved: (course: Course) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs();
  const create = useCreateCourse();
  const update = useUpdateCourse();
  const c = props.course;
  const kind = Form.useWatch("kind", form) ?? c?.kind ?? null;
  const showUrl = kind !== null && withUrl.includes(kind);
  const showBody = kind !== null && withBody.includes(kind);
  const f = (k: string) => t(`venues.courseForm.${k}` as "venues.courseForm.title");

  const onFinish = (values: Values) => {
    const fields = {
      kind: values.kind ?? undefined,
      title: values.title?.trim(),
      summary: values.summary?.trim() || null,
      body: showBody ? values.body?.trim() || null : null,
      url: showUrl ? values.url?.trim() || null : null,
      minutes: values.minutes ?? undefined,
      openTo: values.openTo,
    };
    const onError = (e: unknown) => showApiError(e, message, { instance: form, fields: FIELDS });
    const onSuccess = (saved: Course) => {
      void message.success(t("venues.form.saved"));
      props.onSaved(saved);
    };
    if (c) {
      const parsed = updateCourseBody.safeParse(fields);
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      update.mutate({ id: c.id, body: parsed.data }, { onSuccess, onError });
    } else {
      const parsed = createCourseBody.safeParse({ orgId: values.orgId ?? undefined, ...fields });
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess, onError });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      style={{ maxWidth: 720 }}
      data-testid="course-form"
      initialValues={{
        orgId: orgs[0]?.id ?? null,
        kind: c?.kind ?? null,
        title: c?.title ?? "",
        summary: c?.summary ?? "",
        body: c?.body ?? "",
        url: c?.url ?? "",
        minutes: c?.minutes ?? null,
        openTo: c?.openTo ?? "region",
      }}
    >
      {c ? null : <OwnerField label={f("orgId")} orgs={orgs} />}
      <Form.Item name="kind" label={f("kind")} required rules={[{ required: true, message: t("validation.required") }]}>
        <Select options={courseKinds.map((k) => ({ value: k, label: t(`venues.courseKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={f("title")} required rules={[zodRule(shape.title, t)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="summary" label={f("summary")} rules={[zodRule(shape.summary, t, { optional: true })]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {showUrl ? (
        <Form.Item
          name="url"
          label={f("url")}
          extra={t("venues.courseForm.urlHint")}
          rules={[zodRule(shape.url, t, { optional: true })]}
        >
          <Input type="url" inputMode="url" maxLength={500} placeholder="https://" />
        </Form.Item>
      ) : null}
      {showBody ? (
        <Form.Item
          name="body"
          label={f(kind === "experience" ? "experienceBody" : "body")}
          rules={[zodRule(shape.body, t, { optional: true })]}
        >
          <Input.TextArea rows={8} maxLength={50_000} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="minutes"
        label={f("minutes")}
        required
        extra={t("venues.courseForm.minutesHint")}
        rules={[zodRule(shape.minutes, t)]}
      >
        <InputNumber min={1} max={6000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <OpeningField label={f("openTo")} />
      <Flex gap={8} wrap>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="course-save"
        >
          {t("common.save")}
        </Button>
        {props.onCancel ? <Button onClick={props.onCancel}>{t("common.cancel")}</Button> : null}
      </Flex>
    </Form>
  );
}
