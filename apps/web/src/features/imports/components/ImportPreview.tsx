import { CheckOutlined, DownloadOutlined } from "@ant-design/icons";
import type { ImportDetail, ImportRow } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Flex, List, Pagination, Segmented, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload } from "../../../lib/api/client.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { importsQueries } from "../api/queries.ts";

type Only = "all" | "errors" | "changes";

const outcomeColor: Record<ImportRow["outcome"], string> = {
  new: "green",
  changed: "blue",
  unchanged: "default",
  bad: "red",
};

export const statusColor: Record<ImportDetail["status"], string> = {
  validating: "processing",
  validated: "green",
  invalid: "red",
  committing: "processing",
  committed: "success",
  failed: "red",
};

/** A row's problems, or what it changes. */
function RowNotes(props: { row: ImportRow }) {
  const { t } = useTranslation();
  const r = props.row;
  if (r.errors.length) {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
        {r.errors.map((e) => (
          <li key={`${e.column}-${e.code}`} data-testid="import-error">
            <Typography.Text strong>{e.column}</Typography.Text>
            {t("imports.colon")}
            <Typography.Text type="danger">{e.message}</Typography.Text>
          </li>
        ))}
      </ul>
    );
  }
  return r.changes.length ? <span>{t("imports.changes", { columns: r.changes.join("、") })}</span> : null;
}

/** On a phone the preview's rows read as short entries, not a table scrolling sideways. */
function PhoneRows(props: {
  rows: ImportRow[];
  loading: boolean;
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="import-rows-phone">
      <List<ImportRow>
        loading={props.loading}
        dataSource={props.rows}
        rowKey="row"
        renderItem={(r) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: "100%" }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{t("imports.rowN", { n: r.row })}</Typography.Text>
                <Tag color={outcomeColor[r.outcome]}>{t(`imports.outcomes.${r.outcome}`)}</Tag>
                <span>{r.name}</span>
                <Typography.Text type="secondary">{r.idNumberMasked}</Typography.Text>
              </Flex>
              {r.orgName ? <Typography.Text type="secondary">{r.orgName}</Typography.Text> : null}
              <RowNotes row={r} />
            </Flex>
          </List.Item>
        )}
      />
      <Pagination
        simple
        size="small"
        current={props.page}
        pageSize={20}
        total={props.total}
        onChange={props.onPage}
        align="center"
      />
    </Flex>
  );
}

/** Counts in words, for the history and the preview. */
export const countsText = (t: TFunction, d: Pick<ImportDetail, "counts">) => t("imports.countsText", { ...d.counts });

/**
 * The preview of one import: its status and counts, the rows (all, only errors, only the rows that
 * will be written) with each problem's column and reason, the workbook with an error column, and
 * the commit (offered only when every row is right).
 */
export function ImportPreview(props: { detail: ImportDetail; committing: boolean; onCommit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { detail } = props;
  const phone = useIsPhone();
  const [only, setOnly] = useState<Only>(detail.counts.bad > 0 ? "errors" : "all");
  const [page, setPage] = useState(1);
  const ready = detail.status !== "validating";
  const rows = useQuery({
    ...importsQueries.rows(detail.id, { page, pageSize: 20, ...(only === "all" ? {} : { only }) }),
    enabled: ready && detail.counts.total > 0,
  });

  return (
    <Flex vertical gap={12} data-testid="import-preview" data-status={detail.status}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
        <Descriptions.Item label={t("imports.file")}>{detail.fileName}</Descriptions.Item>
        <Descriptions.Item label={t("imports.statusLabel")}>
          <Tag color={statusColor[detail.status]} data-testid="import-status">
            {t(`imports.status.${detail.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("imports.counts")}>
          <span data-testid="import-counts">{countsText(t, detail)}</span>
        </Descriptions.Item>
      </Descriptions>
      {detail.message ? <Alert type="error" showIcon title={detail.message} data-testid="import-message" /> : null}
      {detail.status === "invalid" && detail.counts.bad > 0 ? (
        <Alert type="warning" showIcon title={t("imports.fixAndUpload", { bad: detail.counts.bad })} />
      ) : null}
      {detail.status === "committed" ? (
        <Alert
          type="success"
          showIcon
          title={t(detail.kind === "members" ? "imports.committedText" : "imports.committedRecords", {
            ...detail.counts,
          })}
          data-testid="import-done"
        />
      ) : null}
      {ready && detail.counts.total > 0 ? (
        <>
          <Flex gap={8} wrap justify="space-between">
            <Segmented<Only>
              aria-label={t("imports.filter")}
              value={only}
              onChange={(value) => {
                setOnly(value);
                setPage(1);
              }}
              options={[
                { value: "all", label: t("imports.filterAll") },
                { value: "errors", label: t("imports.filterErrors", { n: detail.counts.bad }) },
                {
                  value: "changes",
                  label: t("imports.filterChanges", { n: detail.counts.new + detail.counts.changed }),
                },
              ]}
            />
            <Flex gap={8}>
              {detail.counts.bad > 0 ? (
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void apiDownload(`/api/imports/${detail.id}/errors.xlsx`, {}, "errors.xlsx").catch((e: Error) =>
                      message.error(e.message),
                    )
                  }
                  data-testid="import-errors-download"
                >
                  {t("imports.downloadErrors")}
                </Button>
              ) : null}
              {detail.status === "validated" ? (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={props.committing}
                  onClick={props.onCommit}
                  data-testid="import-commit"
                >
                  {t("imports.commit", { n: detail.counts.new + detail.counts.changed })}
                </Button>
              ) : null}
            </Flex>
          </Flex>
          {phone ? (
            <PhoneRows
              rows={rows.data?.items ?? []}
              loading={rows.isFetching}
              page={page}
              total={rows.data?.total ?? 0}
              onPage={setPage}
            />
          ) : (
            <Table<ImportRow>
              rowKey="row"
              size="small"
              loading={rows.isFetching}
              dataSource={rows.data?.items ?? []}
              scroll={{ x: true }}
              data-testid="import-rows"
              pagination={{
                current: page,
                pageSize: 20,
                total: rows.data?.total ?? 0,
                showSizeChanger: false,
                onChange: setPage,
              }}
              columns={[
                { title: t("imports.row"), dataIndex: "row", width: 64 },
                {
                  title: t("imports.outcome"),
                  dataIndex: "outcome",
                  width: 90,
                  render: (o: ImportRow["outcome"]) => <Tag color={outcomeColor[o]}>{t(`imports.outcomes.${o}`)}</Tag>,
                },
                { title: t(`imports.columns.${detail.kind}.name`), dataIndex: "name" },
                ...(detail.kind === "members" || detail.kind === "orgs"
                  ? [{ title: t(`imports.columns.${detail.kind}.idNumber`), dataIndex: "idNumberMasked" }]
                  : []),
                { title: t(`imports.columns.${detail.kind}.org`), dataIndex: "orgName" },
                {
                  title: t("imports.problems"),
                  key: "problems",
                  render: (_: unknown, r: ImportRow) => <RowNotes row={r} />,
                },
              ]}
            />
          )}
        </>
      ) : null}
    </Flex>
  );
}
