import type { Job } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Empty, Flex, Typography } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination, listPageSizes } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { apiDownload } from "../../../lib/api/client.ts";
import { jobsQueries } from "../../../lib/api/jobs.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useLanguage } from "../../../lib/i18n/LanguageProvider.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { useCancelJob } from "../api/cancel-job.ts";
import { JobItem } from "../components/JobItem.tsx";
import { jobKindLabel } from "../components/labels.ts";

const listStyle = { margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 12 } as const;

/**
 * 我的任务: the signed-in user's own background jobs (exports; later imports and reports), newest
 * first. A finished job's notification links here with `?id=<job>`: that job is marked and
 * scrolled to, and shown on its own above the list when it is not on the page shown.
 */
export default function JobsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const linkedId = params.get("id");
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSize = listPageSizes.find((s) => s === Number(params.get("pageSize"))) ?? 20;
  const list = useQuery(jobsQueries.list({ page, pageSize }));
  const items = list.data?.items;
  const linkedListed = linkedId !== null && (items?.some((j) => j.id === linkedId) ?? false);
  // Only when the list has answered without it: an older job, on another page.
  const linked = useQuery({ ...jobsQueries.detail(linkedId ?? ""), enabled: !!linkedId && !!items && !linkedListed });
  const cancel = useCancelJob();
  const [downloading, setDownloading] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const scrolledTo = useRef<string | null>(null);

  // The tab says where the user is; the app's title comes back when they leave. A language change
  // sets the app's title (lib/i18n) before the provider's language changes, so this runs after it.
  const { language } = useLanguage();
  useEffect(() => {
    document.title = `${t("jobs.title", { lng: language })} · ${t("app.name", { lng: language })}`;
    return () => {
      document.title = t("app.title");
    };
  }, [t, language]);

  // Once the linked job is on screen, bring it into view and move focus there (once per link).
  const linkedShown = linkedListed || linked.data !== undefined;
  useEffect(() => {
    if (!linkedId || !linkedShown || scrolledTo.current === linkedId) return;
    const element = itemRefs.current.get(linkedId);
    if (!element) return;
    scrolledTo.current = linkedId;
    element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
  }, [linkedId, linkedShown]);

  const refFor = (id: string) => (element: HTMLLIElement | null) => {
    if (element) itemRefs.current.set(id, element);
    else itemRefs.current.delete(id);
  };

  const onDownload = (job: Job) => {
    if (!job.resultUrl) return;
    setDownloading(job.id);
    apiDownload(job.resultUrl, {}, `${job.kind.replaceAll(".", "-")}.xlsx`)
      .then((name) => void message.success(t("jobs.downloaded", { name })))
      .catch((error: unknown) => showApiError(error, message))
      .finally(() => setDownloading(null));
  };

  const onCancel = (job: Job) => {
    const title = jobKindLabel(t, job.kind);
    modal.confirm({
      title: t("jobs.cancelTitle"),
      content: t("jobs.cancelConfirm", { title }),
      okText: t("jobs.cancel"),
      okButtonProps: { danger: true },
      cancelText: t("jobs.cancelKeep"),
      onOk: async () => {
        try {
          const now = await cancel.mutateAsync(job.id);
          void message.success(t(now.status === "cancelled" ? "jobs.cancelDone" : "jobs.alreadyFinished"));
        } catch (error) {
          showApiError(error, message);
        }
        // Its cancel button is gone: keep the keyboard on the job rather than lose it to the page.
        setTimeout(() => itemRefs.current.get(job.id)?.focus(), 0);
      },
    });
  };

  const item = (job: Job) => (
    <JobItem
      key={job.id}
      ref={refFor(job.id)}
      job={job}
      linked={job.id === linkedId}
      downloading={downloading === job.id}
      cancelling={cancel.isPending && cancel.variables === job.id}
      onDownload={() => onDownload(job)}
      onCancel={() => onCancel(job)}
    />
  );

  let body: ReactNode;
  if (list.isPending) body = <PageLoading />;
  else if (list.isError) body = <PageError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0 && page === 1)
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<Typography.Text>{t("jobs.empty")}</Typography.Text>}
        style={{ background: "#fff", borderRadius: 8, padding: 24, margin: 0 }}
        data-testid="jobs-empty"
      />
    );
  else
    body = (
      <>
        <ul style={listStyle} aria-label={t("jobs.list")} data-testid="job-list">
          {list.data.items.map(item)}
        </ul>
        {list.data.total > pageSize ? (
          <CardsPagination
            page={page}
            pageSize={pageSize}
            total={list.data.total}
            onPage={(p, s) => update({ page: p, pageSize: s })}
          />
        ) : null}
      </>
    );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("jobs.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("jobs.intro")}</Typography.Text>
        {list.data ? (
          <Typography.Text type="secondary" data-testid="job-total">
            {" "}
            {t("common.total", { count: list.data.total })}
          </Typography.Text>
        ) : null}
      </div>
      {linkedId && items && !linkedListed ? (
        linked.isError ? (
          <Alert type="warning" showIcon title={t("jobs.notFound")} data-testid="job-not-found" />
        ) : linked.data ? (
          <ul style={listStyle} aria-label={t("jobs.linked")}>
            {item(linked.data)}
          </ul>
        ) : null
      ) : null}
      {body}
    </Flex>
  );
}
