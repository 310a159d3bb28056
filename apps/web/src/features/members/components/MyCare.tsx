import { createServiceRequestBody } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Empty, Flex, Form, Input, List, Rate, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { myCareQueries, useAskForMyself, useRateHelp } from "../api/my-care.ts";

/** My record's volunteer hours, and my requests for help: ask for myself, rate the help received. */
export function MyCare(props: { memberId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const hours = useQuery(myCareQueries.hours());
  const mine = useQuery(myCareQueries.requests());
  const ask = useAskForMyself();
  const rate = useRateHelp();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ title: string; description: string }>();
  const submit = () => {
    const v = form.getFieldsValue();
    const parsed = createServiceRequestBody.safeParse({
      memberId: props.memberId,
      title: v.title?.trim() ?? "",
      description: v.description?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    ask.mutate(
      { memberId: props.memberId, title: parsed.data.title, description: parsed.data.description },
      {
        onSuccess: () => {
          void message.success(t("care.request.created"));
          form.resetFields();
          setAsking(false);
        },
        onError: (e) => showApiError(e, message, { instance: form, fields: ["title", "description"] }),
      },
    );
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Card title={t("care.my.hoursTitle")} size="small" data-testid="my-hours">
        <Flex vertical gap={8}>
          <Typography.Text strong data-testid="my-hours-total">
            {t("care.my.total", { hours: hours.data?.total ?? 0 })}
          </Typography.Text>
          {(hours.data?.entries.length ?? 0) === 0 ? (
            <Empty description={t("care.my.noHours")} />
          ) : (
            <List
              size="small"
              dataSource={hours.data?.entries ?? []}
              renderItem={(e) => (
                <List.Item data-testid="my-hours-entry">
                  <span>
                    {e.servedOn} · {e.title}（{e.team}）
                  </span>
                  <span>{t("care.hours", { hours: e.hours })}</span>
                </List.Item>
              )}
            />
          )}
        </Flex>
      </Card>
      <Card
        title={t("care.my.requestsTitle")}
        size="small"
        data-testid="my-requests"
        extra={
          asking ? null : (
            <Button onClick={() => setAsking(true)} data-testid="my-ask-help">
              {t("care.request.askForSelf")}
            </Button>
          )
        }
      >
        {asking ? (
          <Form form={form} layout="vertical" onFinish={submit} data-testid="my-ask-form">
            <Form.Item name="title" label={t("care.request.titleLabel")} required>
              <Input size="large" maxLength={100} data-testid="my-ask-title" />
            </Form.Item>
            <Form.Item name="description" label={t("care.request.description")} required>
              <Input.TextArea rows={3} maxLength={1000} data-testid="my-ask-description" />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={ask.isPending} data-testid="my-ask-submit">
                {t("care.request.submit")}
              </Button>
              <Button onClick={() => setAsking(false)}>{t("common.cancel")}</Button>
            </Flex>
          </Form>
        ) : null}
        {(mine.data?.items.length ?? 0) === 0 ? (
          <Empty description={t("care.my.noRequests")} />
        ) : (
          <List
            dataSource={mine.data?.items ?? []}
            renderItem={(r) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: "100%" }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <strong>{r.title}</strong>
                    <Tag>{t(`care.request.status.${r.status}`)}</Tag>
                  </Flex>
                  {r.team ? (
                    <Typography.Text type="secondary">
                      {t("care.request.byTeam", { team: r.team.name })}
                    </Typography.Text>
                  ) : null}
                  {r.abilities.feedback ? (
                    <Flex gap={8} align="center" wrap>
                      <span>{t("care.request.feedback")}</span>
                      <Rate
                        aria-label={t("care.request.rating")}
                        onChange={(rating) =>
                          rate.mutate(
                            { id: r.id, body: { rating } },
                            {
                              onSuccess: () => void message.success(t("care.request.rated")),
                              onError: (e) => showApiError(e, message),
                            },
                          )
                        }
                      />
                    </Flex>
                  ) : r.rating !== null ? (
                    <Rate disabled value={r.rating} aria-label={t("care.request.rating")} />
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
