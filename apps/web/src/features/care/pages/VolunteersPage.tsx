import { type ServiceRequest, serviceRequestStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Flex, List, Row, Select, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { careQueries } from "../api/queries.ts";
import { RequestCard } from "../components/RequestCard.tsx";
import { RequestForm } from "../components/RequestForm.tsx";
import { ClaimDialog, CompleteDialog, FeedbackDialog } from "../components/StepDialogs.tsx";
import { TeamForm } from "../components/TeamForm.tsx";

const PAGE_SIZE = 10;

/** 志愿服务: service requests (ask, claim, complete with hours, rate) and the volunteer teams. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const tab = params.get("tab") === "teams" ? "teams" : "requests";
  return (
    <Flex vertical gap={12} data-testid="volunteers">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("care.volunteers.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === "teams" ? "teams" : null, page: null })}
        items={[
          { key: "requests", label: t("care.request.title"), children: <Requests canWrite={can(me, "help.write")} /> },
          { key: "teams", label: t("care.team.title"), children: <Teams canWrite={can(me, "help.write")} /> },
        ]}
      />
    </Flex>
  );
}

function Requests(props: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const status = serviceRequestStatuses.find((s) => s === params.get("status"));
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(careQueries.requestList({ status, page, pageSize: PAGE_SIZE }));
  const teams = useQuery({ ...careQueries.teamList(), enabled: props.canWrite });
  const [asking, setAsking] = useState(false);
  const [step, setStep] = useState<{ kind: "claim" | "complete" | "feedback"; request: ServiceRequest } | null>(null);
  const manageable = (teams.data?.items ?? []).filter((x) => x.abilities.manage);
  return (
    <Flex vertical gap={12}>
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("care.status")}
            onChange={(v) => update({ status: v || null, page: null })}
            options={[
              { value: "", label: t("care.allStatuses") },
              ...serviceRequestStatuses.map((s) => ({ value: s, label: t(`care.request.status.${s}`) })),
            ]}
          />
        </Col>
        {props.canWrite ? (
          <Col>
            <Button type="primary" size="large" onClick={() => setAsking(true)} data-testid="request-new">
              {t("care.request.new")}
            </Button>
          </Col>
        ) : null}
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("care.request.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((r) => (
              <Col key={r.id} xs={24} md={12}>
                <RequestCard
                  request={r}
                  onClaim={manageable.length ? () => setStep({ kind: "claim", request: r }) : undefined}
                  onComplete={() => setStep({ kind: "complete", request: r })}
                  onFeedback={() => setStep({ kind: "feedback", request: r })}
                />
              </Col>
            ))}
          </Row>
          <CardsPagination
            total={list.data.total}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => update({ page: p })}
          />
        </>
      )}
      {asking ? <RequestForm selfMemberId={null} onDone={() => setAsking(false)} /> : null}
      {step?.kind === "claim" ? (
        <ClaimDialog request={step.request} teams={manageable} onDone={() => setStep(null)} />
      ) : null}
      {step?.kind === "complete" ? (
        <CompleteDialog
          request={step.request}
          team={teams.data?.items.find((x) => x.id === step.request.team?.id)}
          onDone={() => setStep(null)}
        />
      ) : null}
      {step?.kind === "feedback" ? <FeedbackDialog request={step.request} onDone={() => setStep(null)} /> : null}
    </Flex>
  );
}

function Teams(props: { canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useQuery(careQueries.teamList());
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      {props.canWrite ? (
        <div>
          <Button type="primary" size="large" onClick={() => setAdding(true)}>
            {t("care.team.new")}
          </Button>
        </div>
      ) : null}
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("care.team.empty")} />
      ) : (
        <Row gutter={[12, 12]}>
          {list.data.items.map((team) => (
            <Col key={team.id} xs={24} md={12}>
              <Card size="small" title={team.name} extra={team.org.name} data-testid="team-card">
                {team.description ? <Typography.Paragraph>{team.description}</Typography.Paragraph> : null}
                <List
                  size="small"
                  dataSource={team.members}
                  renderItem={(m) => (
                    <List.Item>
                      <span>
                        {m.name}
                        {m.skills ? `（${m.skills}）` : ""}
                      </span>
                      <span>{t("care.hours", { hours: m.hours })}</span>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {adding ? <TeamForm onDone={() => setAdding(false)} /> : null}
    </Flex>
  );
}
