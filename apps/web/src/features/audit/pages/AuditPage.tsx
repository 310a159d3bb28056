import type { AuditEntry, AuditListQuery } from "@huzhu/contracts";
import {
  AutoComplete,
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
import { type AuditListParams, useAuditLog } from "../api/list-audit.ts";
import { AuditDetail, auditSummary } from "../components/AuditDetail.tsx";
import { actionLabel, knownActions, targetLabel } from "../components/labels.ts";

const results = ["success", "failure", "denied"] as const satisfies readonly AuditListQuery["result"][];
const resultColors = { success: "green", failure: "red", denied: "orange" } as const;

function readParams(params: URLSearchParams): AuditListParams & { page: number; pageSize: number } {
  const day = (key: string) => {
    const v = params.get(key);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const page = Number(params.get("page"));
  return {
    action: params.get("action") || undefined,
    actor: params.get("actor") || undefined,
    result: results.find((r) => r === params.get("result")),
    from: day("from"),
    to: day("to"),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

/** The audit log, read-only, for the audit administrator. */
export default function AuditPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readParams(params), [params]);
  const log = useAuditLog(filters);
  const [actor, setActor] = useState(filters.actor ?? "");
  const [action, setAction] = useState(filters.action ?? "");

  const update: (patch: Partial<AuditListParams>) => void = useSearchUpdate();
  // Filters apply on an explicit step (select, Enter, leaving the box), never from a timer: the
  // router navigates asynchronously, and two writers racing would drop one filter.
  const applyAction = (value: string) => {
    const next = value.trim() || undefined;
    if (next !== filters.action) update({ action: next });
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
      render: (_, e) => <span data-testid="audit-actor">{e.actorName ?? t("audit.system")}</span>,
    },
    {
      key: "action",
      title: t("audit.fields.action"),
      width: 180,
      render: (_, e) => (
        <span data-testid="audit-action" data-action={e.action} title={e.action}>
          {actionLabel(e.action, t)}
        </span>
      ),
    },
    {
      key: "target",
      title: t("audit.fields.target"),
      responsive: ["md"],
      ellipsis: true,
      render: (_, e) => targetLabel(e, t),
    },
    {
      key: "result",
      title: t("audit.fields.result"),
      width: 90,
      render: (_, e) => <Tag color={resultColors[e.result]}>{t(`audit.result.${e.result}`)}</Tag>,
    },
    {
      key: "detail",
      title: t("audit.fields.detail"),
      responsive: ["xl"],
      ellipsis: true,
      render: (_, e) => auditSummary(e, t) || t("common.none"),
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
              {actionLabel(e.action, t)}
            </Typography.Text>
            <Tag color={resultColors[e.result]} style={{ marginInlineEnd: 0 }}>
              {t(`audit.result.${e.result}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span data-testid="audit-actor">{e.actorName ?? t("audit.system")}</span> ·{" "}
            {dayjs(e.at).format("YYYY-MM-DD HH:mm:ss")}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const width = phone ? "100%" : undefined;

  return (
    <Card title={t("nav.audit")} styles={{ body: { padding: phone ? 8 : 16 } }}>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <AutoComplete
          allowClear
          value={action}
          onChange={(value: string | undefined) => {
            setAction(value ?? "");
            if (!value) applyAction("");
          }}
          onSelect={(value: string | undefined) => applyAction(value ?? "")}
          onBlur={() => applyAction(action)}
          onKeyDown={(e) => {
            if (e.key === "Enter") applyAction(action);
          }}
          defaultActiveFirstOption={false}
          options={knownActions
            .filter((a) => !action || a.includes(action) || actionLabel(a, t).includes(action))
            .map((a) => ({ value: a, label: `${actionLabel(a, t)} (${a})` }))}
          placeholder={t("audit.actionPlaceholder")}
          style={{ width: width ?? 240 }}
          data-testid="audit-action-filter"
        />
        <Input.Search
          allowClear
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(value) => update({ actor: value.trim() || undefined })}
          placeholder={t("audit.actorPlaceholder")}
          style={{ width: width ?? 200 }}
          data-testid="audit-actor-filter"
        />
        <Select
          allowClear
          value={filters.result}
          onChange={(result) => update({ result })}
          options={results.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
          placeholder={t("audit.resultPlaceholder")}
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
            setAction("");
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
                    {entry.targetType
                      ? `${t("audit.fields.target")}: ${entry.targetType} #${entry.targetId ?? ""} · `
                      : ""}
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
