import { createNeedBody, type Need, needCategories, updateNeedBody, urgencies, visibilities } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { PhotoInput, type UploadedPhoto } from "../../../components/PhotoInput.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateNeed } from "../api/create-need.ts";
import { helpQueries } from "../api/queries.ts";
import { useUpdateNeed } from "../api/update-need.ts";
import { chinaToday, yuanToFen } from "../components/format.ts";

interface Values {
  orgId: number | null;
  category: Need["category"] | null;
  title: string;
  description: string;
  expectedOutcome: string;
  budgetYuan: number | null;
  deadline: string;
  urgency: Need["urgency"];
  visibility: Need["visibility"];
  photos: UploadedPhoto[];
  draft: boolean;
}

const shape = createNeedBody.shape;
/** The form's field for each body field the server may name in an error. */
const formField: Record<string, string> = { budgetFen: "budgetYuan", attachmentIds: "photos" };
const serverFields = Object.keys(shape);

function NeedForm(props: { need?: Need }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs();
  const create = useCreateNeed();
  const update = useUpdateNeed();
  const { need } = props;
  const draft = Form.useWatch("draft", form);

  const initialValues: Partial<Values> = need
    ? {
        orgId: need.org.id,
        category: need.category,
        title: need.title,
        description: need.description,
        expectedOutcome: need.expectedOutcome ?? "",
        budgetYuan: need.budgetFen === null ? null : need.budgetFen / 100,
        deadline: need.deadline ?? "",
        urgency: need.urgency,
        visibility: need.visibility,
        photos: need.attachmentIds.map((id, i) => ({ id, name: String(i + 1) })),
        draft: false,
      }
    : {
        orgId: orgs[0]?.id ?? null,
        category: null,
        urgency: "normal",
        visibility: "region",
        photos: [],
        draft: false,
        deadline: "",
      };

  const onFinish = (v: Values) => {
    const fields = {
      category: v.category ?? undefined,
      title: v.title?.trim(),
      description: v.description?.trim(),
      expectedOutcome: v.expectedOutcome?.trim() || null,
      budgetFen: yuanToFen(v.budgetYuan),
      deadline: v.deadline || null,
      urgency: v.urgency,
      visibility: v.visibility,
      attachmentIds: (v.photos ?? []).map((p) => p.id),
    };
    const onError = (error: unknown) => {
      // The server names body fields; two of them are other fields on this form.
      const e = error as { field?: string };
      if (e.field && formField[e.field]) e.field = formField[e.field];
      showApiError(error, message, { instance: form, fields: [...serverFields, "budgetYuan", "photos"] });
    };
    const showIssues = (issues: Parameters<typeof setIssuesOnForm>[1]) =>
      setIssuesOnForm(
        form,
        issues.map((i) => ({
          ...i,
          path: [formField[String(i.path[0])] ?? String(i.path[0] ?? ""), ...i.path.slice(1)],
        })),
        t,
      );
    if (need) {
      const parsed = updateNeedBody.safeParse(fields);
      if (!parsed.success) return showIssues(parsed.error.issues);
      update.mutate(
        { id: need.id, body: parsed.data },
        {
          onSuccess: (saved) => {
            void message.success(t("help.post.updated"));
            navigate(`/needs/${saved.id}`);
          },
          onError,
        },
      );
      return;
    }
    const parsed = createNeedBody.safeParse({ ...fields, orgId: v.orgId ?? undefined, draft: v.draft || undefined });
    if (!parsed.success) return showIssues(parsed.error.issues);
    create.mutate(parsed.data, {
      onSuccess: (saved) => {
        void message.success(t(saved.status === "draft" ? "help.post.draftSaved" : "help.post.saved"));
        navigate(`/needs/${saved.id}`);
      },
      onError,
    });
  };

  return (
    <Card style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {need ? t("help.post.editTitle") : t("help.post.title")}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        initialValues={initialValues}
        onFinish={onFinish}
        requiredMark="optional"
        scrollToFirstError
        data-testid="need-form"
      >
        {need ? null : (
          <Form.Item
            name="orgId"
            label={t("help.need.fields.orgId")}
            extra={t("help.post.orgHint")}
            required
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <OwnOrgSelect options={orgs} />
          </Form.Item>
        )}
        <Form.Item
          name="category"
          label={t("help.need.fields.category")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select options={needCategories.map((c) => ({ value: c, label: t(`help.need.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t("help.need.fields.title")} required rules={[zodRule(shape.title, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("help.need.fields.description")}
          required
          rules={[zodRule(shape.description, t)]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="expectedOutcome"
          label={t("help.need.fields.expectedOutcome")}
          rules={[zodRule(shape.expectedOutcome, t, { optional: true })]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="budgetYuan" label={t("help.need.fields.budgetFen")} extra={t("help.post.budgetHint")}>
          <InputNumber min={0} max={100_000_000_000} precision={2} inputMode="decimal" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="deadline" label={t("help.need.fields.deadline")}>
          <Input type="date" min={chinaToday()} />
        </Form.Item>
        <Form.Item name="urgency" label={t("help.need.fields.urgency")} required>
          <Radio.Group
            optionType="button"
            options={urgencies.map((u) => ({ value: u, label: t(`help.need.urgency.${u}`) }))}
          />
        </Form.Item>
        <Form.Item name="visibility" label={t("help.need.fields.visibility")} required>
          <Radio.Group>
            <Flex vertical gap={8}>
              {visibilities.map((v) => (
                <Radio key={v} value={v}>
                  {t(`help.need.visibility.${v}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="photos" label={t("help.post.photos")}>
          <PhotoInput />
        </Form.Item>
        {need ? null : (
          <Form.Item name="draft" valuePropName="checked">
            <Checkbox data-testid="need-draft">{t("help.post.draft")}</Checkbox>
          </Form.Item>
        )}
        <Flex gap={8} wrap>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={create.isPending || update.isPending}
            style={{ minWidth: 160 }}
            data-testid="need-submit"
          >
            {need ? t("common.save") : draft ? t("help.post.saveDraft") : t("help.post.submit")}
          </Button>
          <Link to={need ? `/needs/${need.id}` : "/needs/hall"}>
            <Button size="large">{t("common.cancel")}</Button>
          </Link>
        </Flex>
      </Form>
    </Card>
  );
}

/** /needs/new posts a need; /needs/:id/edit edits one (draft or open). */
export default function NeedFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const need = useQuery({ ...helpQueries.need(id ?? 0), enabled: id !== undefined });
  if (id === undefined) return <NeedForm />;
  if (need.isPending) return <PageLoading />;
  if (need.isError) return <PageError error={need.error} onRetry={() => void need.refetch()} />;
  return <NeedForm need={need.data} />;
}
