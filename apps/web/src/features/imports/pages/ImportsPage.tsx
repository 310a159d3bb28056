import { DownloadOutlined, ExportOutlined, UploadOutlined } from "@ant-design/icons";
import type { ImportKind, Permission } from "@huzhu/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Dropdown, Flex, Segmented, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { JobProgressModal } from "../../../components/JobProgressModal.tsx";
import { PageError } from "../../../components/PageStates.tsx";
import { apiDownload } from "../../../lib/api/client.ts";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useCommitImport } from "../api/commit-import.ts";
import { useExportRecords } from "../api/export-records.ts";
import { importsQueries } from "../api/queries.ts";
import { useUploadImport } from "../api/upload-import.ts";
import { ImportHistory } from "../components/ImportHistory.tsx";
import { ImportPreview } from "../components/ImportPreview.tsx";

const kinds: readonly ImportKind[] = ["members", "orgs", "needs", "resources"];
/** What importing each kind needs: what adding one by hand needs (the server checks it again: 403). */
const kindPermission: Record<ImportKind, Permission> = {
  members: "member.write",
  orgs: "org.write",
  needs: "help.write",
  resources: "help.write",
};

/**
 * 数据导入 (issue 13): the templates, the choice of what to import (only the kinds one may write),
 * the upload of a filled-in workbook, its preview (every bad row with its column and reason; only
 * errors or only changes), the commit with its progress, and the history of one's imports.
 */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const importable = kinds.filter((k) => can(me, kindPermission[k]));
  const [chosen, setChosen] = useState<ImportKind | null>(null);
  const kind = chosen && importable.includes(chosen) ? chosen : (importable[0] ?? "members");
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get("id") ? Number(params.get("id")) : null;
  const open = (id: number) => setParams({ id: String(id) });
  const upload = useUploadImport();
  const commit = useCommitImport();
  const [commitJob, setCommitJob] = useState<string | null>(null);
  const exportRecords = useExportRecords();
  const [exportJob, setExportJob] = useState<string | null>(null);
  const detail = useQuery({ ...importsQueries.detail(selected ?? 0, 1), enabled: selected !== null });
  // The history shows the same import: when its status moves on, so does its row there.
  const status = detail.data?.status;
  useEffect(() => {
    if (status) void queryClient.invalidateQueries({ queryKey: importsQueries.lists() });
  }, [status, queryClient]);

  const template = (kind: ImportKind) =>
    void apiDownload(`/api/imports/templates/${kind}`, {}, `${t(`imports.kinds.${kind}`)}.xlsx`).catch((e: Error) =>
      message.error(e.message),
    );

  return (
    <Flex vertical gap={16}>
      <Card
        title={t("nav.imports")}
        extra={
          <Dropdown
            menu={{
              items: kinds.map((k) => ({ key: k, label: t(`imports.kinds.${k}`) })),
              onClick: ({ key }) => template(key as ImportKind),
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="import-templates">
              {t("imports.templates")}
            </Button>
          </Dropdown>
        }
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>{t("imports.intro")}</Typography.Paragraph>
          {importable.length > 1 ? (
            <Segmented<ImportKind>
              aria-label={t("imports.kindLabel")}
              value={kind}
              onChange={setChosen}
              options={importable.map((k) => ({ value: k, label: t(`imports.kindNames.${k}`) }))}
              data-testid="import-kind"
            />
          ) : null}
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} onClick={() => template(kind)} data-testid={`import-template-${kind}`}>
              {t(`imports.kindTemplate.${kind}`)}
            </Button>
            {kind !== "members" ? (
              <Button
                icon={<ExportOutlined />}
                loading={exportRecords.isPending}
                onClick={() =>
                  exportRecords.mutate(kind, {
                    onSuccess: ({ jobId }) => setExportJob(jobId),
                    onError: (error) => void message.error(error.message),
                  })
                }
                data-testid="import-export"
              >
                {t("imports.exportRecords")}
              </Button>
            ) : null}
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              maxCount={1}
              beforeUpload={(file) => {
                upload.mutate(
                  { kind, file },
                  {
                    onSuccess: ({ id }) => open(id),
                    onError: (error) => void message.error({ content: error.message, duration: 8 }),
                  },
                );
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-upload">
                {t(`imports.kindUpload.${kind}`)}
              </Button>
            </Upload>
          </Flex>
          {upload.error ? (
            <Typography.Text type="danger" role="alert" data-testid="import-upload-error">
              {upload.error.message}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {selected !== null ? (
        <Card title={t("imports.preview")}>
          {detail.isError ? (
            <PageError error={detail.error} onRetry={() => void detail.refetch()} />
          ) : detail.data ? (
            <ImportPreview
              key={`${detail.data.id}-${detail.data.status}`}
              detail={detail.data}
              committing={commit.isPending}
              onCommit={() =>
                commit.mutate(detail.data.id, {
                  onSuccess: ({ jobId }) => setCommitJob(jobId),
                  onError: (error) => void message.error(error.message),
                })
              }
            />
          ) : null}
        </Card>
      ) : null}
      {exportJob ? (
        <JobProgressModal
          jobId={exportJob}
          title={t("imports.exportTitle")}
          fallbackFileName={`${kind}.xlsx`}
          onDownloaded={() => void message.success(t("imports.exported"))}
          onClose={() => setExportJob(null)}
        />
      ) : null}
      {commitJob ? (
        <JobProgressModal
          jobId={commitJob}
          title={t("imports.committing")}
          fallbackFileName="import.xlsx"
          onClose={() => {
            setCommitJob(null);
            void queryClient.invalidateQueries({ queryKey: importsQueries.all() });
          }}
        />
      ) : null}
      <Card title={t("imports.history")}>
        <ImportHistory selected={selected} onOpen={open} />
      </Card>
    </Flex>
  );
}
