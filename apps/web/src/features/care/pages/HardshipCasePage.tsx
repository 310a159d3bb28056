import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { formatChinaTime } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useCloseHardship } from "../api/hardship.ts";
import { careQueries } from "../api/queries.ts";
import { EntryForm } from "../components/EntryForm.tsx";

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * One member in difficulty. The details are sensitive: nothing is fetched until the user asks
 * (“显示详情”), and that read is recorded in the audit log, as the notice says.
 */
export default function HardshipCasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const location = useLocation();
  // Just created: the answer already holds the details (that write was audited).
  const [shown, setShown] = useState(Boolean((location.state as { shown?: boolean } | null)?.shown));
  const query = useQuery(careQueries.hardshipCase(id, shown));
  const close = useCloseHardship(id);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 860 }} data-testid="hardship-case">
      <Link to="/hardship-cases">{t("care.hardship.back")}</Link>
      {!shown ? (
        <Card title={t("care.hardship.title")}>
          <Flex vertical gap={12} align="start">
            <Alert type="warning" showIcon message={t("care.hardship.auditNotice")} />
            <Button type="primary" data-testid="hardship-reveal" onClick={() => setShown(true)}>
              {t("care.hardship.showDetails")}
            </Button>
          </Flex>
        </Card>
      ) : query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Card
            title={query.data.member.name}
            extra={
              <ToneTag tone={query.data.status === "open" ? "orange" : "neutral"}>
                {t(`care.hardship.status.${query.data.status}`)}
              </ToneTag>
            }
          >
            <Flex vertical gap={6} style={{ marginBottom: 12 }}>
              <span>
                <strong>{t("care.org")}：</strong>
                {query.data.org.name}
              </span>
              <span>
                <strong>{t("care.hardship.category")}：</strong>
                {t(`care.hardship.categories.${query.data.category}`)}
              </span>
              <strong>{t("care.hardship.details")}：</strong>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="hardship-details-text">
                {query.data.details}
              </Typography.Paragraph>
            </Flex>
            {query.data.abilities.close ? (
              <Popconfirm
                title={t("care.hardship.closeConfirm")}
                okText={t("common.confirm")}
                cancelText={t("common.cancel")}
                onConfirm={() => close.mutate(undefined, { onError: (e) => showApiError(e, message) })}
              >
                <Button loading={close.isPending}>{t("care.hardship.close")}</Button>
              </Popconfirm>
            ) : null}
          </Card>
          <Card title={t("care.hardship.entries")}>
            {query.data.entryList.length === 0 ? (
              <Empty description={t("care.hardship.noEntries")} />
            ) : (
              <Timeline
                items={query.data.entryList.map((e) => ({
                  key: e.id,
                  children: (
                    <Flex vertical gap={2}>
                      <strong>
                        {e.occurredOn} · {t(`care.hardship.kinds.${e.kind}`)}
                      </strong>
                      <span style={{ whiteSpace: "pre-wrap" }}>{e.note}</span>
                      {e.kind === "help" ? (
                        <Typography.Text type="secondary">
                          {t("care.hardship.helpLine", {
                            by: e.givenBy ?? "—",
                            value: e.valueFen === null ? "—" : yuan(e.valueFen),
                          })}
                        </Typography.Text>
                      ) : null}
                      <Typography.Text type="secondary">
                        {e.by} · {formatChinaTime(e.createdAt)}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            )}
          </Card>
          {query.data.abilities.record ? (
            <Card title={t("care.hardship.record")}>
              <EntryForm caseId={id} />
            </Card>
          ) : null}
        </>
      )}
    </Flex>
  );
}
