import type { ImportSummary } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, List, Pagination, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { importsQueries } from "../api/queries.ts";
import { countsText, statusColor } from "./ImportPreview.tsx";

/** 导入记录: who, when, which file and kind, the counts and the result; a row opens its preview. */
export function ImportHistory(props: { selected: number | null; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery(importsQueries.list({ page, pageSize: 10 }));
  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
  const phone = useIsPhone();
  if (phone) {
    return (
      <Flex vertical gap={8} data-testid="import-history">
        <List<ImportSummary>
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          rowKey="id"
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button
                  key="open"
                  size="small"
                  onClick={() => props.onOpen(r.id)}
                  aria-label={t("imports.openOne", { file: r.fileName })}
                >
                  {t("imports.open")}
                </Button>,
              ]}
            >
              <Flex vertical gap={2}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{r.fileName}</Typography.Text>
                  <Tag>{t(`imports.kindNames.${r.kind}`)}</Tag>
                  <Tag color={statusColor[r.status]}>{t(`imports.status.${r.status}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {time(r.createdAt)} · {r.createdBy}
                </Typography.Text>
                <span>{countsText(t, r)}</span>
              </Flex>
            </List.Item>
          )}
        />
        <Pagination
          simple
          size="small"
          current={page}
          pageSize={10}
          total={list.data?.total ?? 0}
          onChange={setPage}
          align="center"
        />
      </Flex>
    );
  }
  return (
    <Table<ImportSummary>
      rowKey="id"
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={{ x: true }}
      data-testid="import-history"
      pagination={{
        current: page,
        pageSize: 10,
        total: list.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
      }}
      rowClassName={(r) => (r.id === props.selected ? "ant-table-row-selected" : "")}
      columns={[
        { title: t("imports.when"), dataIndex: "createdAt", render: time },
        { title: t("imports.who"), dataIndex: "createdBy" },
        { title: t("imports.file"), dataIndex: "fileName" },
        {
          title: t("imports.kindLabel"),
          dataIndex: "kind",
          render: (k: ImportSummary["kind"]) => t(`imports.kindNames.${k}`),
        },
        { title: t("imports.counts"), key: "counts", render: (_: unknown, r: ImportSummary) => countsText(t, r) },
        {
          title: t("imports.statusLabel"),
          dataIndex: "status",
          render: (s: ImportSummary["status"]) => <Tag color={statusColor[s]}>{t(`imports.status.${s}`)}</Tag>,
        },
        {
          title: t("imports.open"),
          key: "open",
          render: (_: unknown, r: ImportSummary) => (
            <Button
              size="small"
              onClick={() => props.onOpen(r.id)}
              aria-label={t("imports.openOne", { file: r.fileName })}
            >
              {t("imports.open")}
            </Button>
          ),
        },
      ]}
    />
  );
}
