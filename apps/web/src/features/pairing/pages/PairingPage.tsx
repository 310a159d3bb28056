import { DownloadOutlined } from "@ant-design/icons";
import type { PairingParty } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Timeline, Typography, theme } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { apiDownload } from "../../../lib/api/client.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { chinaDateOf } from "../../../lib/china-time.ts";
import { agreementPath, pairingQueries } from "../api/queries.ts";
import { JointBranchCard } from "../components/JointBranchCard.tsx";
import { RhythmNote } from "../components/RhythmNote.tsx";
import { statusTone } from "../components/status.ts";
import { VisitForm } from "../components/VisitForm.tsx";

/** 中共城关社区委员会 → 城关社区: an organization's name inside another's. */
const shortName = (name: string) => name.replace(/^中共/, "").replace(/(党?总?支部委员会|委员会|党总?支部|党委)$/, "");

/**
 * A pairing's page, for either side and those above them: the partner (the other side, from the
 * viewer's organizations), form, period, goals and status, the rhythm with a warning when it
 * lapsed, the joint projects and their needs, the activities (visits) and recording one, the
 * history, and the agreement (PDF).
 */
export default function PairingPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const pairing = useQuery({ ...pairingQueries.pairing(id), enabled: valid });
  const own = useMemo(() => new Set((me?.roles ?? []).flatMap((r) => (r.orgId === null ? [] : [r.orgId]))), [me]);
  if (!valid) return <NotFound />;
  if (pairing.isPending) return <PageLoading />;
  if (pairing.isError) return <PageError error={pairing.error} onRetry={() => void pairing.refetch()} />;
  const p = pairing.data;
  const mine = (party: PairingParty) =>
    party.type === "org" ? own.has(party.id) : me?.user.memberId != null && party.id === me.user.memberId;
  const side = mine(p.helper) ? "helper" : mine(p.recipient) ? "recipient" : null;
  const partner = side === "helper" ? p.recipient : side === "recipient" ? p.helper : null;
  const download = () =>
    void apiDownload(agreementPath(p.id), {}, `pairing-agreement-${p.id}.pdf`).catch((e: Error) =>
      message.error(e.message),
    );
  return (
    <Flex vertical gap={16} data-testid="pairing-page" data-id={p.id}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="pairing-title">
          {partner ? t("pairing.page.with", { partner: partner.name }) : `${p.helper.name} → ${p.recipient.name}`}
        </Typography.Title>
        {p.hasAgreement ? (
          <Button size="large" icon={<DownloadOutlined />} onClick={download} data-testid="pairing-agreement">
            {t("pairing.page.agreement")}
          </Button>
        ) : null}
      </Flex>
      <Flex gap={6} wrap>
        <ToneTag tone={statusTone(p.status)} data-testid="pairing-status">
          {t(`pairing.status.${p.status}`)}
        </ToneTag>
        <ToneTag tone="blue">{t(`pairing.form.${p.form}`)}</ToneTag>
        {p.kind !== "pairing" ? <ToneTag tone="cyan">{t(`pairing.kind.${p.kind}`)}</ToneTag> : null}
        {p.demonstration ? <ToneTag tone="gold">{t("pairing.demonstration")}</ToneTag> : null}
        {side ? <ToneTag tone="neutral">{t(`pairing.page.side.${side}`)}</ToneTag> : null}
      </Flex>
      <RhythmNote rhythm={p.rhythm} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions column={1} size="small" styles={{ label: { color: token.colorTextSecondary } }}>
              {partner ? (
                <Descriptions.Item label={t("pairing.page.partner")}>
                  <span data-testid="pairing-partner">{partner.name}</span>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t("pairing.page.helper")}>{p.helper.name}</Descriptions.Item>
              <Descriptions.Item label={t("pairing.page.recipient")}>{p.recipient.name}</Descriptions.Item>
              <Descriptions.Item label={t("pairing.page.period")}>
                {t("pairing.period", { from: p.startsOn ?? "…", to: p.endsOn ?? "…" })}
              </Descriptions.Item>
              <Descriptions.Item label={t("pairing.page.goals")}>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }} data-testid="pairing-goals">
                  {p.goals || t("common.none")}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("pairing.page.origin")}>
                {p.origin === "round" && p.roundId !== null
                  ? t("pairing.page.fromRound", { id: p.roundId })
                  : t("pairing.page.manual")}
              </Descriptions.Item>
              {p.endReason ? (
                <Descriptions.Item label={t("pairing.page.endReason")}>{p.endReason}</Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("pairing.page.projects")} data-testid="pairing-projects">
            {p.projects.length === 0 ? (
              <Typography.Text type="secondary">{t("pairing.page.noProjects")}</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {p.projects.map((pr) => (
                  <li key={pr.id} style={{ marginBottom: 6 }}>
                    <Link to={`/projects/${pr.id}`}>{pr.title}</Link>
                    {pr.need ? (
                      <Typography.Text type="secondary">
                        {" · "}
                        {t("pairing.page.need")}
                        <Link to={`/needs/${pr.need.id}`}>{pr.need.title}</Link>
                      </Typography.Text>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
      {p.helper.type === "org" ? (
        <JointBranchCard
          pairingId={p.id}
          defaultName={t("pairing.jointBranch.defaultName", {
            helper: shortName(p.helper.name),
            recipient: shortName(p.recipient.name),
          })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t("pairing.page.activities", { count: p.visits.length })}
            data-testid="pairing-visits"
          >
            {p.visits.length === 0 ? (
              <Empty description={t("pairing.page.noActivities")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {p.visits.map((v) => (
                  <li key={v.id} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{v.visitedOn}</Typography.Text>{" "}
                    <Typography.Text type="secondary">{v.recordedBy}</Typography.Text>
                    <br />
                    <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{v.notes}</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
            {p.abilities.recordVisit ? (
              <div style={{ marginTop: 16 }}>
                <Typography.Title level={5}>{t("pairing.visit.title")}</Typography.Title>
                <VisitForm pairingId={p.id} />
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("pairing.page.history")}>
            {p.history.length === 0 ? <Typography.Text type="secondary">{t("common.none")}</Typography.Text> : null}
            <Timeline
              items={p.history.map((h) => ({
                key: `${h.at}-${h.event}`,
                content: (
                  <>
                    <Typography.Text>{t(`pairing.event.${h.event}`, { defaultValue: h.event })}</Typography.Text>{" "}
                    <Typography.Text type="secondary">{chinaDateOf(h.at)}</Typography.Text>
                    {h.reason ? (
                      <>
                        <br />
                        <Typography.Text type="secondary">{h.reason}</Typography.Text>
                      </>
                    ) : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
