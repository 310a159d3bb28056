import type { Job, TodosCard as Todos } from "@huzhu/contracts";
import { Button, Card, Flex, Progress, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { JobProgressModal } from "../../../components/JobProgressModal.tsx";

/** The drawer of the header's bell opens on this search parameter (features/notifications). */
const notificationsLink = "?notifications";

function jobTitle(t: TFunction, kind: string): string {
  // Named per kind (a dot in a key would read as nesting); kinds this page does not know yet are "a job".
  if (kind === "member.export") return t("home.todos.jobKind.member_export");
  if (kind === "need.export") return t("home.todos.jobKind.need_export");
  if (kind === "import.validate") return t("home.todos.jobKind.import_validate");
  if (kind === "import.commit") return t("home.todos.jobKind.import_commit");
  if (kind === "import.export") return t("home.todos.jobKind.import_export");
  return t("home.todos.jobKind.other");
}

function JobRow(props: { job: Job; onOpen: () => void }) {
  const { t } = useTranslation();
  const { job } = props;
  const title = jobTitle(t, job.kind);
  return (
    <li style={{ listStyle: "none", marginBottom: 12 }} data-testid="home-job">
      <Flex wrap align="center" justify="space-between" gap={8}>
        <Typography.Text>
          {title}
          {" · "}
          {t(`home.todos.jobStatus.${job.status}`)}
        </Typography.Text>
        <Button size="small" onClick={props.onOpen} aria-label={t("home.todos.openJob", { title })}>
          {t("home.todos.viewJob")}
        </Button>
      </Flex>
      <Progress percent={Math.round(job.progress * 100)} size="small" aria-label={t("jobs.progress")} />
    </li>
  );
}

/** What waits for the user: unread notifications and their jobs still to finish. */
export function TodosCard(props: { card: Todos }) {
  const { t } = useTranslation();
  const { card } = props;
  const [openJob, setOpenJob] = useState<Job | null>(null);
  const nothing = card.unread === 0 && card.jobs.length === 0;
  return (
    <Card
      title={t("home.todos.title")}
      data-testid="home-card-todos"
      extra={<Link to={notificationsLink}>{t("home.todos.allNotifications")}</Link>}
    >
      {nothing ? <Typography.Paragraph type="secondary">{t("home.todos.nothing")}</Typography.Paragraph> : null}
      {card.unread > 0 ? (
        <section aria-labelledby="home-todos-unread">
          <Typography.Title level={5} id="home-todos-unread" style={{ marginTop: 0 }} data-testid="home-unread">
            {t("home.todos.unread", { count: card.unread })}
          </Typography.Title>
          <ul style={{ margin: "0 0 16px", padding: 0 }}>
            {card.notifications.map((n) => (
              <li key={n.id} style={{ listStyle: "none", marginBottom: 8 }} data-testid="home-notification">
                <Typography.Text>{n.title}</Typography.Text>
              </li>
            ))}
          </ul>
          <Link to={notificationsLink}>{t("home.todos.readNotifications")}</Link>
        </section>
      ) : null}
      {card.jobs.length > 0 ? (
        <section aria-labelledby="home-todos-jobs" style={{ marginTop: card.unread > 0 ? 16 : 0 }}>
          <Typography.Title level={5} id="home-todos-jobs" style={{ marginTop: 0 }}>
            {t("home.todos.jobs", { count: card.jobs.length })}
          </Typography.Title>
          <ul style={{ margin: 0, padding: 0 }}>
            {card.jobs.map((job) => (
              <JobRow key={job.id} job={job} onOpen={() => setOpenJob(job)} />
            ))}
          </ul>
        </section>
      ) : null}
      <Link to="/jobs" style={{ display: "inline-block", marginTop: 16 }} data-testid="home-all-jobs">
        {t("jobs.allJobs")}
      </Link>
      {openJob ? (
        <JobProgressModal
          jobId={openJob.id}
          title={jobTitle(t, openJob.kind)}
          fallbackFileName={`${openJob.kind.replaceAll(".", "-")}.xlsx`}
          onClose={() => setOpenJob(null)}
        />
      ) : null}
    </Card>
  );
}
