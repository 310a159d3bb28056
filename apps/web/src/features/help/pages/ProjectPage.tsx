import { type Contribution, type ProjectDetail, parsePlanRule } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, List, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { Photo } from "../../../components/Photo.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { useConfirmContribution } from "../api/confirm-contribution.ts";
import { helpQueries } from "../api/queries.ts";
import { ActivityModal } from "../components/ActivityModal.tsx";
import { ContributionModal } from "../components/ContributionModal.tsx";
import { EndProjectModal } from "../components/EndProjectModal.tsx";
import { formatChinaTime, formatFen } from "../components/format.ts";
import { ProjectEditModal } from "../components/ProjectEditModal.tsx";

/** antd's description labels are 0.45 black (3.4:1); these read at 5.7:1. */
const labelStyle = { color: "rgba(0, 0, 0, 0.6)" };

function contributionAmount(c: Contribution, t: TFunction): string {
  if (c.amountFen !== null) return formatFen(c.amountFen);
  if (c.valueFen !== null) return formatFen(c.valueFen);
  if (c.hours !== null) return t("help.projects.hours", { count: c.hours });
  return "";
}

/** A plan's RRULE in words (每 3 个月一次); a rule this page cannot read is shown as written. */
function planText(rule: string | null, t: TFunction): string {
  if (!rule) return t("help.projects.noPlan");
  const plan = parsePlanRule(rule);
  return plan ? t(`help.projects.every.${plan.freq}`, { count: plan.interval }) : rule;
}

/** The rhythm: days since the last joint activity, and a warning once the plan lapsed. */
function Rhythm(props: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const p = props.project;
  const text =
    p.daysSinceLastActivity === null
      ? t("help.projects.noActivity")
      : t("help.projects.lastActivity", { count: p.daysSinceLastActivity });
  return p.planLapsed ? (
    <Alert type="warning" showIcon title={t("help.projects.lapsed")} description={text} data-testid="project-lapsed" />
  ) : (
    <Typography.Text data-testid="project-rhythm">{text}</Typography.Text>
  );
}

/** How the project ended, when a party ended it (cancelled or concluded), with its reason. */
function Ended(props: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const p = props.project;
  if (p.status === "active" || !p.endedAt) return null;
  return (
    <Alert
      type={p.status === "completed" ? "success" : "info"}
      showIcon
      title={t(`help.projects.ended.${p.status}`, { date: formatChinaTime(p.endedAt) })}
      description={p.endReason ? t("help.projects.endReason", { reason: p.endReason }) : undefined}
      style={{ marginTop: 12, whiteSpace: "pre-wrap" }}
      data-testid="project-ended"
    />
  );
}

function Contributions(props: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmContribution();
  const items = props.project.contributions;
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("help.projects.noContributions")} />;
  return (
    <List
      dataSource={items}
      renderItem={(c) => (
        <List.Item data-testid="contribution">
          <Flex vertical gap={4} style={{ width: "100%" }}>
            <Flex wrap gap={8} justify="space-between" align="center">
              <Typography.Text strong>
                {c.giverOrg.name} → {c.receiverOrg.name}
              </Typography.Text>
              <ToneTag tone={c.status === "confirmed" ? "green" : "gold"} data-testid="contribution-status">
                {t(`help.projects.contribution.status.${c.status}`)}
              </ToneTag>
            </Flex>
            <Typography.Text>
              {t(`help.projects.contribution.kinds.${c.kind}`)} · {contributionAmount(c, t)}
            </Typography.Text>
            {c.description ? <Typography.Text type="secondary">{c.description}</Typography.Text> : null}
            {c.abilities.confirm ? (
              <Button
                type="primary"
                size="large"
                style={{ alignSelf: "flex-start" }}
                loading={confirm.isPending && confirm.variables === c.id}
                data-testid="contribution-confirm"
                onClick={() =>
                  confirm.mutate(c.id, {
                    onSuccess: () => void message.success(t("help.projects.contributionConfirmed")),
                    onError: (e) => showApiError(e, message),
                  })
                }
              >
                {t("help.projects.confirmContribution")}
              </Button>
            ) : null}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** A help project: parties, goals, rhythm, the timeline of joint activities and the contributions. */
export default function ProjectPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useQuery({ ...helpQueries.project(id), enabled: Number.isInteger(id) && id > 0 });
  const [recording, setRecording] = useState<"activity" | "contribution" | "edit" | "end" | null>(null);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  const names = (orgs: { name: string }[]) => orgs.map((o) => o.name).join(t("common.listSeparator"));
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }} data-testid="project-page">
      <Link to="/projects">← {t("help.projects.title")}</Link>
      <Card>
        <Flex wrap gap={8} align="center">
          <Typography.Title level={3} style={{ margin: 0, wordBreak: "break-word" }} data-testid="project-title">
            {p.title}
          </Typography.Title>
          <ToneTag tone="neutral" data-testid="project-status">
            {t(`help.projects.status.${p.status}`)}
          </ToneTag>
        </Flex>
        {p.abilities.update || p.abilities.cancel ? (
          <Flex wrap gap={8} style={{ marginTop: 12 }} data-testid="project-actions">
            {p.abilities.update ? (
              <Button size="large" onClick={() => setRecording("edit")} data-testid="project-edit">
                {t("help.projects.edit")}
              </Button>
            ) : null}
            {p.abilities.cancel ? (
              <Button size="large" danger onClick={() => setRecording("end")} data-testid="project-end">
                {t("help.projects.end.action")}
              </Button>
            ) : null}
          </Flex>
        ) : null}
        <Ended project={p} />
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          styles={{ label: labelStyle }}
          style={{ marginTop: 12 }}
          items={[
            { key: "0", label: t("help.projects.helpers"), children: <>{names(p.helpers)}</> },
            { key: "1", label: t("help.projects.recipients"), children: <>{names(p.recipients)}</> },
            { key: "2", label: t("help.projects.plan"), children: <>{planText(p.planRule, t)}</> },
            { key: "3", label: t("help.projects.started"), children: <>{p.startedOn}</> },
            ...(p.needId !== null
              ? [
                  {
                    key: "4",
                    label: t("help.projects.need"),
                    children: (
                      <>
                        <Link to={`/needs/${p.needId}`}>{t("help.mine.openNeed")}</Link>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {p.goals ? (
          <>
            <Typography.Title level={5}>{t("help.projects.goals")}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.goals}</Typography.Paragraph>
          </>
        ) : null}
      </Card>
      <Card size="small" title={t("help.projects.rhythm")}>
        <Rhythm project={p} />
      </Card>
      <Card
        size="small"
        title={t("help.projects.timeline")}
        extra={
          p.abilities.recordActivity ? (
            <Button type="primary" onClick={() => setRecording("activity")} data-testid="record-activity">
              {t("help.projects.recordActivity")}
            </Button>
          ) : null
        }
      >
        {p.activities.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("help.projects.noActivity")} />
        ) : (
          <Timeline
            items={p.activities.map((a) => ({
              key: a.id,
              content: (
                <Flex vertical gap={4} data-testid="activity">
                  <Typography.Text strong>
                    {a.occurredOn} · {t(`help.projects.activity.types.${a.type}`)}
                  </Typography.Text>
                  <Typography.Text>{a.description}</Typography.Text>
                  <Typography.Text type="secondary">
                    {[
                      a.recordedBy.name,
                      a.participants !== null ? t("help.projects.participants", { count: a.participants }) : null,
                      a.hours !== null ? t("help.projects.hours", { count: a.hours }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Typography.Text>
                  {a.photoIds.length > 0 ? (
                    <Flex wrap gap={8}>
                      {a.photoIds.map((ph, i) => (
                        <Photo key={ph} id={ph} alt={`${a.description.slice(0, 20)} ${i + 1}`} size={88} />
                      ))}
                    </Flex>
                  ) : null}
                </Flex>
              ),
            }))}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t("help.projects.contributions")}
        extra={
          p.abilities.recordContribution ? (
            <Button type="primary" onClick={() => setRecording("contribution")} data-testid="record-contribution">
              {t("help.projects.recordContribution")}
            </Button>
          ) : null
        }
      >
        <Contributions project={p} />
      </Card>
      {recording === "activity" ? <ActivityModal project={p} onClose={() => setRecording(null)} /> : null}
      {recording === "contribution" ? <ContributionModal project={p} onClose={() => setRecording(null)} /> : null}
      {recording === "edit" ? <ProjectEditModal project={p} onClose={() => setRecording(null)} /> : null}
      {recording === "end" ? <EndProjectModal project={p} onClose={() => setRecording(null)} /> : null}
    </Flex>
  );
}
