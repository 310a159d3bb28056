import { DownloadOutlined } from "@ant-design/icons";
import {
  type AuditAction,
  type AuditEntry,
  type AuditListQuery,
  auditActionLabel,
  auditActions,
  auditResults,
  auditTargetText,
  auditTargetTypes,
} from "@huzhu/contracts";
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageError } from "../../../components/PageStates.tsx";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { useExportAudit } from "../api/export-audit.ts";
import { useAuditLog } from "../api/list-audit.ts";
import type { AuditListParams } from "../api/queries.ts";
import { AuditDetail, auditSummary } from "../components/AuditDetail.tsx";
import { useAuditLabels } from "../components/labels.ts";

const resultColors = { success: "green", failure: "red", denied: "orange" } as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

function readParams(params: URLSearchParams): AuditListParams & { page: number; pageSize: number } {
  const day = (key: string) => {
    const v = params.get(key);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const page = Number(params.get("page"));
  return {
    // Only what the server would accept: an address typed by hand falls back to "all".
    action: oneOf(auditActions, params.get("action")),
    actor: params.get("actor") || undefined,
    result: oneOf(auditResults, params.get("result")),
    targetType: oneOf(auditTargetTypes, params.get("targetType")),
    from: day("from"),
    to: day("to"),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

/** The target as a name with the organizations above it underneath; members by number only. */
function Target(props: { entry: AuditEntry }) {
  const labels = useAuditLabels();
  const { entry } = props;
  if (!entry.targetType) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = auditTargetText({ ...entry, targetPath: [] }, labels);
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }} title={auditTargetText(entry, labels)}>
      <span data-testid="audit-target" style={{ overflow: "hidden", textOverflow: "ellipsis" }}>
        {text}
      </span>
      {entry.targetPath.length ? (
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} data-testid="audit-target-path">
          {entry.targetPath.join(" / ")}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The audit log, read-only, for the audit administrator: filters, labelled records, an audited export. */
export default function AuditPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readParams(params), [params]);
  const log = useAuditLog(filters);
  const exporting = useExportAudit();
  const [actor, setActor] = useState(filters.actor ?? "");
  const update: (patch: Partial<AuditListParams>) => void = useSearchUpdate();

  /** Exports what the filters select (every page); the server records the export. */
  const exportLog = () => {
    const { page: _page, pageSize: _pageSize, ...current } = filters;
    exporting.mutate(current, {
      onSuccess: () => void message.success(t("audit.exported")),
      onError: (error) => void message.error(error.message),
    });
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: "at",
      title: t("audit.fields.at"),
      dataIndex: "at",
      width: 170,
      render: (at: string) => <span style={{ whiteSpace: "nowrap" }}>{dayjs(at).format("YYYY-MM-DD HH:mm:ss")}</span>,
    },
    {
      key: "actor",
      title: t("audit.fields.actor"),
      width: 130,
      render: (_, e) => <span data-testid="audit-actor">{e.actorName ?? labels.system}</span>,
    },
    {
      key: "action",
      title: t("audit.fields.action"),
      width: 180,
      render: (_, e) => (
        <span data-testid="audit-action" data-action={e.action} title={e.action}>
          {auditActionLabel(e.action, labels)}
        </span>
      ),
    },
    {
      key: "target",
      title: t("audit.fields.target"),
      responsive: ["md"],
      render: (_, e) => <Target entry={e} />,
    },
    {
      key: "result",
      title: t("audit.fields.result"),
      width: 90,
      render: (_, e) => <Tag color={resultColors[e.result]}>{labels.results[e.result]}</Tag>,
    },
    {
      key: "detail",
      title: t("audit.fields.detail"),
      responsive: ["xl"],
      ellipsis: true,
      render: (_, e) => auditSummary(e, labels) || t("common.none"),
    },
    {
      key: "ip",
      title: t("audit.fields.ip"),
      dataIndex: "ip",
      width: 140,
      responsive: ["lg"],
      render: (ip: string | null) => ip ?? t("common.none"),
    },
  ];

  // On a phone one column carries what matters (what, whether it worked, who, when); the rest unfolds.
  const phoneColumns: TableColumnsType<AuditEntry> = [
    {
      key: "summary",
      title: t("audit.fields.action"),
      render: (_, e) => (
        <Flex vertical gap={2}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong data-testid="audit-action" data-action={e.action}>
              {auditActionLabel(e.action, labels)}
            </Typography.Text>
            <Tag color={resultColors[e.result]} style={{ marginInlineEnd: 0 }}>
              {labels.results[e.result]}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span data-testid="audit-actor">{e.actorName ?? labels.system}</span> ·{" "}
            {dayjs(e.at).format("YYYY-MM-DD HH:mm:ss")}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const width = phone ? "100%" : undefined;

  return (
    <Card
      title={t("nav.audit")}
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.isPending}
          onClick={exportLog}
          title={t("audit.exportHint")}
          aria-label={t("audit.export")}
          data-testid="audit-export"
        >
          {phone ? null : t("audit.export")}
        </Button>
      }
      styles={{ body: { padding: phone ? 8 : 16 } }}
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<AuditAction>
          id="audit-action"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={filters.action}
          onChange={(action) => update({ action })}
          options={auditActions.map((a) => ({ value: a, label: labels.actions[a] }))}
          placeholder={t("audit.actionPlaceholder")}
          aria-label={t("audit.actionPlaceholder")}
          style={{ width: width ?? 220 }}
          data-testid="audit-action-filter"
        />
        <Input.Search
          allowClear
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(value) => update({ actor: value.trim() || undefined })}
          placeholder={t("audit.actorPlaceholder")}
          aria-label={t("audit.actorPlaceholder")}
          style={{ width: width ?? 200 }}
          data-testid="audit-actor-filter"
        />
        <Select<NonNullable<AuditListQuery["targetType"]>>
          allowClear
          value={filters.targetType}
          onChange={(targetType) => update({ targetType })}
          options={auditTargetTypes.map((type) => ({ value: type, label: labels.targetTypes[type] }))}
          placeholder={t("audit.targetTypePlaceholder")}
          aria-label={t("audit.targetTypePlaceholder")}
          style={{ width: width ?? 120 }}
          data-testid="audit-target-type-filter"
        />
        <Select<NonNullable<AuditListQuery["result"]>>
          allowClear
          value={filters.result}
          onChange={(result) => update({ result })}
          options={auditResults.map((r) => ({ value: r, label: labels.results[r] }))}
          placeholder={t("audit.resultPlaceholder")}
          aria-label={t("audit.resultPlaceholder")}
          style={{ width: width ?? 120 }}
        />
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          allowEmpty={[true, true]}
          placeholder={[t("common.startDate"), t("common.endDate")]}
          onChange={(range) => update({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })}
          style={{ width: width ?? 260 }}
        />
        <Button
          onClick={() => {
            setActor("");
            setParams({});
          }}
        >
          {t("common.reset")}
        </Button>
      </Flex>
      {log.isError ? (
        <PageError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size={phone ? "small" : "middle"}
          columns={phone ? phoneColumns : columns}
          dataSource={log.data?.items}
          loading={log.isFetching}
          tableLayout="fixed"
          expandable={{
            expandedRowRender: (entry) => (
              <Flex vertical gap={8}>
                {phone ? (
                  <Typography.Text type="secondary">
                    {entry.targetType ? `${t("audit.fields.target")}: ${auditTargetText(entry, labels)} · ` : ""}
                    {t("audit.fields.ip")}: {entry.ip ?? t("common.none")}
                  </Typography.Text>
                ) : null}
                <AuditDetail entry={entry} />
              </Flex>
            ),
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: false,
            simple: phone,
            showTotal: (total) => t("common.total", { count: total }),
            onChange: (page) => update({ page }),
          }}
          data-testid="audit-table"
        />
      )}
    </Card>
  );
}
