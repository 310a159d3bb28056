import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  StopOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import type { Job, JobStatus } from "@huzhu/contracts";
import { Button, Flex, Progress, Tag, Typography } from "antd";
import type { ReactNode, Ref } from "react";
import { useTranslation } from "react-i18next";
import { isUnfinished, jobKindLabel, jobTime, statusColours } from "./labels.ts";

const statusIcons: Record<JobStatus, ReactNode> = {
  queued: <ClockCircleOutlined />,
  running: <SyncOutlined spin />,
  succeeded: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
  cancelled: <StopOutlined />,
};

/** The job the link (a notification's) asked for: a thicker border in the link colour, and words. */
const linkedBorder = "2px solid #1d4ed8";

/**
 * One job as a card in the list: its kind and status in words, a progress bar while it waits or
 * runs, what it is doing (or why it failed), when it started and ended, and what can be done with
 * it: download a finished one's file, cancel one that has not finished.
 */
export function JobItem(props: {
  job: Job;
  linked: boolean;
  ref?: Ref<HTMLLIElement>;
  downloading: boolean;
  cancelling: boolean;
  onDownload: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { job, linked } = props;
  const title = jobKindLabel(t, job.kind);
  const statusText = t(`jobs.status.${job.status}`);
  const created = jobTime(job.createdAt);
  const unfinished = isUnfinished(job.status);
  const headingId = `job-${job.id}-title`;
  return (
    <li
      ref={props.ref}
      // Focusable from script only: the page moves focus to the linked job, and back to a job
      // whose cancel button went away.
      tabIndex={-1}
      aria-labelledby={headingId}
      aria-current={linked ? "true" : undefined}
      data-testid="job-item"
      data-job-id={job.id}
      data-status={job.status}
      data-linked={linked}
      style={{
        listStyle: "none",
        background: "#fff",
        borderRadius: 8,
        border: linked ? linkedBorder : "1px solid #f0f0f0",
        padding: linked ? "11px 15px" : "12px 16px",
        outlineOffset: 2,
        scrollMarginBlock: 80,
      }}
    >
      <Flex vertical gap={8}>
        <Flex wrap align="center" justify="space-between" gap={8}>
          <Flex wrap align="center" gap={8} style={{ minWidth: 0 }}>
            <Typography.Title level={4} id={headingId} style={{ fontSize: 15, margin: 0 }}>
              {title}
            </Typography.Title>
            <Tag
              icon={statusIcons[job.status]}
              style={{ ...statusColours[job.status], marginInlineEnd: 0 }}
              aria-live="polite"
              data-testid="job-status"
            >
              {statusText}
            </Tag>
            {linked ? (
              <Typography.Text strong style={{ color: "#1d4ed8" }} data-testid="job-linked">
                {t("jobs.linked")}
              </Typography.Text>
            ) : null}
          </Flex>
          <Flex wrap gap={8}>
            {job.status === "succeeded" && job.resultUrl ? (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={props.downloading}
                onClick={props.onDownload}
                aria-label={t("jobs.downloadOf", { title, at: created })}
                data-testid="job-download"
              >
                {t("jobs.download")}
              </Button>
            ) : null}
            {unfinished ? (
              <Button
                icon={<StopOutlined />}
                loading={props.cancelling}
                onClick={props.onCancel}
                aria-label={t("jobs.cancelOf", { title, at: created })}
                data-testid="job-cancel"
              >
                {t("jobs.cancel")}
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {unfinished ? (
          <Progress
            percent={Math.round(job.progress * 100)}
            status="active"
            aria-label={`${title} ${t("jobs.progress")}`}
            data-testid="job-item-progress"
          />
        ) : null}
        {/* The server's words for what it is doing or why it failed; "done" would only repeat the tag. */}
        {job.message && job.message !== statusText ? (
          <Typography.Text data-testid="job-item-message">{job.message}</Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <time dateTime={job.createdAt}>{t("jobs.createdAt", { at: created })}</time>
          {job.finishedAt ? (
            <>
              {" · "}
              <time dateTime={job.finishedAt}>{t("jobs.finishedAt", { at: jobTime(job.finishedAt) })}</time>
            </>
          ) : null}
        </Typography.Text>
      </Flex>
    </li>
  );
}
