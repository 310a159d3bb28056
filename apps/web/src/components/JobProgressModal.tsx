import { Alert, Button, Modal, Progress, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload } from "../lib/api/client.ts";
import { useJob } from "../lib/api/jobs.ts";

/**
 * The progress of a background job the user just started, with its message; when it is done,
 * its file downloads once by itself (and can be downloaded again from the button). Closing the
 * dialog does not stop the job: its owner is notified when it finishes.
 */
export function JobProgressModal(props: {
  jobId: string;
  title: string;
  fallbackFileName: string;
  onDownloaded?: (fileName: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const job = useJob(props.jobId);
  const downloaded = useRef(false);
  const data = job.data;
  const onDownloaded = props.onDownloaded;
  const fallback = props.fallbackFileName;

  useEffect(() => {
    if (data?.status !== "succeeded" || !data.resultUrl || downloaded.current) return;
    downloaded.current = true;
    void apiDownload(data.resultUrl, {}, fallback).then((name) => onDownloaded?.(name));
  }, [data, fallback, onDownloaded]);

  const percent = Math.round((data?.progress ?? 0) * 100);
  const status = data?.status === "failed" ? "exception" : data?.status === "succeeded" ? "success" : "active";
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      footer={[
        data?.status === "succeeded" && data.resultUrl ? (
          <Button
            key="download"
            type="primary"
            onClick={() => data.resultUrl && void apiDownload(data.resultUrl, {}, fallback)}
            data-testid="job-download"
          >
            {t("jobs.downloadAgain")}
          </Button>
        ) : null,
        <Button key="close" onClick={props.onClose}>
          {data?.status === "queued" || data?.status === "running" ? t("jobs.closeKeepsRunning") : t("common.close")}
        </Button>,
      ]}
    >
      <Progress
        percent={percent}
        status={status}
        aria-label={t("jobs.progress")}
        data-testid="job-progress"
        data-status={data?.status ?? "queued"}
      />
      <Typography.Paragraph type="secondary" aria-live="polite" data-testid="job-message" style={{ marginTop: 8 }}>
        {data?.message ?? t("jobs.starting")}
      </Typography.Paragraph>
      {job.isError ? <Alert type="error" showIcon title={job.error.message} /> : null}
    </Modal>
  );
}
