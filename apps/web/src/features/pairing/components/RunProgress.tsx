import { Alert, Progress, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useJob } from "../../../lib/api/jobs.ts";

/**
 * A round's solving job as it runs (the kernel's job, polled each second): its progress bar and
 * message; `onFinished` is called once when it has succeeded or failed.
 */
export function RunProgress(props: { jobId: string; onFinished: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const job = useJob(props.jobId);
  const data = job.data;
  const told = useRef(false);
  const onFinished = props.onFinished;
  useEffect(() => {
    if (told.current || (data?.status !== "succeeded" && data?.status !== "failed" && data?.status !== "cancelled"))
      return;
    told.current = true;
    onFinished(data.status === "succeeded");
  }, [data, onFinished]);

  const percent = Math.round((data?.progress ?? 0) * 100);
  const status = data?.status === "failed" ? "exception" : data?.status === "succeeded" ? "success" : "active";
  return (
    <div data-testid="round-run" data-job={props.jobId} data-percent={percent} data-status={data?.status ?? "queued"}>
      <Progress
        percent={percent}
        status={status}
        aria-label={t("jobs.progress")}
        data-testid="round-progress"
        data-status={data?.status ?? "queued"}
      />
      <Typography.Text type="secondary" aria-live="polite" data-testid="round-progress-message">
        {data?.message ?? t("jobs.starting")}
      </Typography.Text>
      {job.isError ? <Alert type="error" showIcon style={{ marginTop: 8 }} title={job.error.message} /> : null}
    </div>
  );
}
