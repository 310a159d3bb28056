import { CheckOutlined } from "@ant-design/icons";
import { type SecurityAlertDto, type SecurityAlertKind, securityAlertKinds } from "@huzhu/contracts";
import { App, Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { tablePagination } from "../../../components/ListPagination.tsx";
import { ListTitle } from "../../../components/ListTitle.tsx";
import { PageError } from "../../../components/PageStates.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { useAcknowledgeAlert } from "../api/acknowledge-alert.ts";
import { useAlerts } from "../api/list-alerts.ts";

const time = (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm:ss");
const isKnownKind = (kind: string): kind is SecurityAlertKind =>
  (securityAlertKinds as readonly string[]).includes(kind);
// Kinds and detail texts are looked up by codes that come from the server at run time.
const tr = (t: TFunction, key: string, params?: Record<string, unknown>) =>
  (t as (k: string, p?: Record<string, unknown>) => string)(key, params);

/** What happened, in words, from the alert's ids and counts; an unknown kind shows its detail as recorded. */
function detailText(alert: SecurityAlertDto, t: TFunction): string {
  const d = alert.detail;
  if (alert.kind === "member.idNumberProbing") {
    const key = d.via === "search" ? "alerts.detail.search" : "alerts.detail.duplicate";
    return tr(t, key, { attempts: d.attempts, minutes: d.windowMinutes });
  }
  if (typeof d.failures === "number") return tr(t, "alerts.detail.failures", { failures: d.failures });
  return Object.keys(d).length ? JSON.stringify(d) : t("common.none");
}

/**
 * 安全告警, the security administrator's page: what the platform flagged (someone probing for ID
 * numbers, sign-in attacks), newest first, each acknowledged once it has been looked into.
 */
export default function SecurityAlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const open = params.get("open") === "true";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSize = [10, 20, 50, 100].find((s) => s === Number(params.get("pageSize"))) ?? 20;
  const list = useAlerts({ page, pageSize, ...(open ? { open: true } : {}) });
  const acknowledge = useAcknowledgeAlert();

  const onAcknowledge = (alert: SecurityAlertDto) =>
    acknowledge.mutate(alert.id, {
      onSuccess: () => void message.success(t("alerts.acknowledgeDone")),
      onError: (error) => showApiError(error, message),
    });

  const columns: TableColumnsType<SecurityAlertDto> = [
    { key: "at", title: t("alerts.columns.at"), width: 170, render: (_, a) => <span>{time(a.at)}</span> },
    {
      key: "kind",
      title: t("alerts.columns.kind"),
      width: 190,
      render: (_, a) => (
        <Tag color={a.acknowledgedAt ? "default" : "volcano"} data-testid="alert-kind">
          {isKnownKind(a.kind) ? tr(t, `alerts.kinds.${a.kind}`) : a.kind}
        </Tag>
      ),
    },
    {
      key: "account",
      title: t("alerts.columns.account"),
      width: 170,
      render: (_, a) =>
        a.user ? (
          <span data-testid="alert-account">
            {a.user.displayName}
            <Typography.Text type="secondary"> ({a.user.username})</Typography.Text>
          </span>
        ) : (
          t("common.none")
        ),
    },
    { key: "detail", title: t("alerts.columns.detail"), render: (_, a) => detailText(a, t) },
    {
      key: "status",
      title: t("alerts.columns.status"),
      width: 210,
      render: (_, a) =>
        a.acknowledgedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t("alerts.acknowledgedBy", {
              name: a.acknowledgedBy?.displayName ?? t("common.none"),
              at: time(a.acknowledgedAt),
            })}
          </Typography.Text>
        ) : (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={acknowledge.isPending && acknowledge.variables === a.id}
            onClick={() => onAcknowledge(a)}
            data-testid="alert-acknowledge"
          >
            {t("alerts.acknowledge")}
          </Button>
        ),
    },
  ];

  return (
    <Card title={<ListTitle title={t("alerts.title")} total={list.data?.total} testId="alert-total" />}>
      <Flex vertical gap={12}>
        <Segmented
          value={open ? "open" : "all"}
          onChange={(v) => update({ open: v === "open" ? "true" : undefined })}
          options={[
            { value: "all", label: t("common.all") },
            { value: "open", label: t("alerts.openOnly") },
          ]}
          style={{ alignSelf: "flex-start" }}
        />
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<SecurityAlertDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 860 }}
            locale={{ emptyText: t("alerts.empty") }}
            pagination={tablePagination(
              { page, pageSize, total: list.data?.total, onPage: (p, s) => update({ page: p, pageSize: s }) },
              t,
            )}
            data-testid="alert-table"
          />
        )}
      </Flex>
    </Card>
  );
}
