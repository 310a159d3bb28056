import { recordMobileActivityBody } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useMobileStep } from "../api/mobile-step.ts";
import { motionQueries } from "../api/queries.ts";
import { useRecordActivity } from "../api/record-activity.ts";
import { MobileCard } from "../components/MobileCard.tsx";

/** The China date today (YYYY-MM-DD). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function ActivityForm(props: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ occurredOn: string; description: string }>();
  const record = useRecordActivity();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ occurredOn: chinaToday(), description: "" }}
      data-testid="activity-form"
      onFinish={(v) => {
        const parsed = recordMobileActivityBody.safeParse({
          occurredOn: v.occurredOn,
          description: v.description?.trim() ?? "",
        });
        if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
        record.mutate(
          { id: props.id, body: parsed.data },
          {
            onSuccess: () => {
              form.setFieldValue("description", "");
              void message.success(t("motion.mobile.activityRecorded"));
            },
            onError: (e) => showApiError(e, message, { instance: form, fields: ["occurredOn", "description"] }),
          },
        );
      }}
    >
      <Form.Item name="occurredOn" label={t("motion.mobile.activityDate")} required>
        <Input type="date" data-testid="activity-date" />
      </Form.Item>
      <Form.Item name="description" label={t("motion.mobile.activityDescription")} required>
        <Input.TextArea rows={3} maxLength={500} data-testid="activity-description" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="activity-submit">
        {t("motion.mobile.recordActivity")}
      </Button>
    </Form>
  );
}

/** One mobile member: details, the steps the user may take, and the activity log both sides read. */
export default function MobileMemberPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const q = useQuery(motionQueries.mobileMember(id));
  const activities = useQuery(motionQueries.activities(id));
  const step = useMobileStep();
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const onError = (e: unknown) => showApiError(e, message);
  const done = () => void message.success(t("motion.mobile.saved"));
  return (
    <Flex vertical gap={12} style={{ maxWidth: 820 }} data-testid="mobile-member">
      <Link to="/mobile-members">{t("motion.mobile.back")}</Link>
      <MobileCard mobile={m} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "contact", label: t("motion.mobile.contact"), children: m.contact },
          { key: "return", label: t("motion.mobile.expectedReturn"), children: m.expectedReturn ?? "—" },
          {
            key: "flag",
            label: t("motion.mobile.outOfContactAfter"),
            children: t("motion.mobile.days", { count: m.outOfContactDays }),
          },
        ]}
      />
      <Flex gap={8} wrap>
        {m.abilities.receive ? (
          <Button
            type="primary"
            data-testid="mobile-receive"
            loading={step.isPending}
            onClick={() => step.mutate({ id, action: "receive" }, { onSuccess: done, onError })}
          >
            {t("motion.mobile.receive")}
          </Button>
        ) : null}
        {m.abilities.contact ? (
          <Button
            data-testid="mobile-contact-today"
            loading={step.isPending}
            onClick={() =>
              step.mutate({ id, action: "contact", body: { contactedOn: chinaToday() } }, { onSuccess: done, onError })
            }
          >
            {t("motion.mobile.contactedToday")}
          </Button>
        ) : null}
        {m.abilities.close ? (
          <Button
            data-testid="mobile-close"
            loading={step.isPending}
            onClick={() => step.mutate({ id, action: "close" }, { onSuccess: done, onError })}
          >
            {t("motion.mobile.close")}
          </Button>
        ) : null}
      </Flex>
      <Card title={t("motion.mobile.activities")} size="small">
        {m.abilities.recordActivity ? <ActivityForm id={id} /> : null}
        {activities.isPending ? null : activities.isError ? (
          <PageError error={activities.error} onRetry={() => void activities.refetch()} />
        ) : activities.data.items.length === 0 ? (
          <Empty description={t("motion.mobile.noActivities")} />
        ) : (
          <List
            data-testid="activity-list"
            dataSource={activities.data.items}
            renderItem={(a) => (
              <List.Item data-testid="activity-item">
                <Flex vertical>
                  <Typography.Text>{a.description}</Typography.Text>
                  <Typography.Text type="secondary">
                    {a.occurredOn} · {a.org.name} · {a.by}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
