import { CopyOutlined, DownloadOutlined, PlayCircleOutlined, SendOutlined } from "@ant-design/icons";
import type { PairingRoundResult, RoundPair, ScoreFactorCode } from "@huzhu/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Flex, Row, Select, Skeleton, Tabs, Typography } from "antd";
import { lazy, Suspense, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { apiDownload, isApiError } from "../../../lib/api/client.ts";
import { chinaDateOf } from "../../../lib/china-time.ts";
import {
  copyRound,
  editRound,
  pairingQueries,
  problemPath,
  publishRound,
  type RoundEdit,
  runRound,
} from "../api/queries.ts";
import { CoverageFigures, figuresOf, type RunFigures } from "../components/CoverageFigures.tsx";
import { type PairAction, PairList } from "../components/PairList.tsx";
import { PreviewPanel } from "../components/PreviewPanel.tsx";
import { RunProgress } from "../components/RunProgress.tsx";
import { statusTone } from "../components/status.ts";
import { UncoveredList } from "../components/UncoveredList.tsx";

/** A test id on a confirmation's button (ButtonProps has no data-* index). */
const testId = (id: string) => ({ "data-testid": id }) as Record<string, string>;

// ECharts is large: its chunk loads only when the graph tab is opened.
const PairingGraph = lazy(() => import("../components/PairingGraph.tsx"));

/**
 * A pairing round: its parameters, the preview of the candidate set, running it (a job with a
 * progress bar), the result (coverage beside the previous solve's, the pairs with why in words, a
 * graph by town, the uncovered and why), what-if edits that solve again at once (lock, forbid,
 * demand, capacity), another round's figures side by side, publishing, and the problem document.
 */
export default function RoundPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const round = useQuery({ ...pairingQueries.round(id), enabled: valid });
  const preview = useQuery({ ...pairingQueries.preview(id), enabled: valid && round.isSuccess });
  const solved = round.data?.summary != null;
  const result = useQuery({ ...pairingQueries.result(id), enabled: valid && solved });
  const [jobId, setJobId] = useState<string | null>(null);
  const [previous, setPrevious] = useState<RunFigures | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tab, setTab] = useState("pairs");
  const [compareId, setCompareId] = useState<number | null>(null);
  const others = useQuery({
    ...pairingQueries.roundList({ orgId: round.data?.org.id, page: 1, pageSize: 50 }),
    enabled: round.isSuccess,
  });
  const compared = useQuery({ ...pairingQueries.result(compareId ?? 0), enabled: compareId !== null });

  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pairingQueries.round(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: pairingQueries.result(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: pairingQueries.preview(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: [...pairingQueries.rounds(), "list"] }),
      ]),
    [queryClient, id],
  );

  const run = useMutation({
    mutationFn: () => runRound(id),
    onSuccess: ({ jobId }) => {
      if (result.data) setPrevious(figuresOf(result.data));
      setJobId(jobId);
    },
    onError: (e) => void message.error(e.message),
  });
  const onFinished = useCallback(
    (ok: boolean) => {
      void refresh();
      if (ok) void message.success(t("pairing.round.solved"));
    },
    [refresh, message, t],
  );

  const edit = useMutation({
    mutationFn: (e: { edit: RoundEdit; key: string }) => editRound(id, e.edit),
    onMutate: ({ key }) => {
      setBusy(key);
      if (result.data) setPrevious(figuresOf(result.data));
    },
    onSuccess: (next: PairingRoundResult) => {
      queryClient.setQueryData(pairingQueries.result(id).queryKey, next);
      void queryClient.invalidateQueries({ queryKey: pairingQueries.round(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: pairingQueries.preview(id).queryKey });
      void message.success(t("pairing.result.resolved", { ms: Math.round(next.solveMs) }));
    },
    onError: (e) => void message.error(e.message),
    onSettled: () => setBusy(null),
  });

  const publish = useMutation({
    mutationFn: () => publishRound(id),
    onSuccess: (res) => {
      void refresh();
      void queryClient.invalidateQueries({ queryKey: pairingQueries.pairings() });
      void message.success(t("pairing.round.published", { count: res.pairingIds.length }));
    },
    onError: (e) => void message.error(e.message),
  });

  const copy = useMutation({
    mutationFn: () => copyRound(id),
    onSuccess: (copied) => {
      void queryClient.invalidateQueries({ queryKey: pairingQueries.rounds() });
      navigate(`/pairing-rounds/${copied.id}`);
    },
    onError: (e) => void message.error(e.message),
  });

  if (!valid) return <NotFound />;
  if (round.isPending) return <PageLoading />;
  if (round.isError) return <PageError error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  const editable = r.abilities.update && r.status !== "published";
  const shownJob = jobId ?? (!solved && r.lastJobId ? r.lastJobId : null);

  const onPair = (action: PairAction, pair: RoundPair) => {
    const ref = { helperOrgId: pair.helperOrg.id, recipientOrgId: pair.recipientOrg.id };
    const key = `${ref.helperOrgId}:${ref.recipientOrgId}`;
    if (action === "forbid") {
      modal.confirm({
        title: t("pairing.result.forbidConfirm"),
        content: t("pairing.result.forbidWhat", { helper: pair.helperOrg.name, recipient: pair.recipientOrg.name }),
        okText: t("pairing.result.forbid"),
        okButtonProps: { danger: true, ...testId("forbid-confirm") },
        cancelText: t("common.cancel"),
        onOk: () => edit.mutateAsync({ edit: { kind: "forbid", pair: ref }, key }),
      });
      return;
    }
    edit.mutate({ edit: { kind: action, pair: ref }, key });
  };

  const confirmPublish = () =>
    modal.confirm({
      title: t("pairing.round.publishConfirm"),
      content: t("pairing.round.publishWhat", { count: result.data?.pairs.length ?? r.summary?.assigned ?? 0 }),
      okText: t("pairing.round.publish"),
      okButtonProps: testId("publish-confirm"),
      cancelText: t("common.cancel"),
      onOk: () => publish.mutateAsync(),
    });

  const names = new Map<number, string>();
  for (const o of [...(preview.data?.recipients ?? []), ...(preview.data?.helpers ?? [])]) names.set(o.id, o.name);
  const forbids = result.data?.forbids ?? r.forbids;
  const otherRounds = (others.data?.items ?? []).filter((o) => o.id !== id && o.summary !== null);

  return (
    <Flex vertical gap={16} data-testid="round-page" data-status={r.status}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="round-name">
            {r.name}
          </Typography.Title>
          <Flex gap={6} wrap align="center">
            <ToneTag tone={statusTone(r.status)} data-testid="round-status">
              {t(`pairing.roundStatus.${r.status}`)}
            </ToneTag>
            <Typography.Text type="secondary">{r.org.name}</Typography.Text>
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          {r.abilities.run && r.status !== "published" ? (
            <Button
              type={solved ? "default" : "primary"}
              size="large"
              icon={<PlayCircleOutlined />}
              loading={run.isPending}
              onClick={() => run.mutate()}
              data-testid="round-run-button"
            >
              {solved ? t("pairing.round.runAgain") : t("pairing.round.run")}
            </Button>
          ) : null}
          {r.abilities.publish && r.status === "solved" ? (
            <Button
              type="primary"
              size="large"
              icon={<SendOutlined />}
              loading={publish.isPending}
              onClick={confirmPublish}
              data-testid="round-publish"
            >
              {t("pairing.round.publish")}
            </Button>
          ) : null}
          <Button
            size="large"
            icon={<DownloadOutlined />}
            onClick={() =>
              void apiDownload(problemPath(id), {}, `pairing-round-${id}.json`).catch((e: Error) =>
                message.error(e.message),
              )
            }
            data-testid="round-problem"
          >
            {t("pairing.round.problem")}
          </Button>
          <Button size="large" icon={<CopyOutlined />} loading={copy.isPending} onClick={() => copy.mutate()}>
            {t("pairing.round.copy")}
          </Button>
        </Flex>
      </Flex>
      {r.status === "published" ? (
        <Card size="small" data-testid="round-published">
          <Typography.Text>
            {t("pairing.round.publishedAt", { at: r.publishedAt ? chinaDateOf(r.publishedAt) : "" })}{" "}
            <Link to={`/pairings?roundId=${r.id}`} data-testid="round-pairings-link">
              {t("pairing.round.seePairings")}
            </Link>
          </Typography.Text>
        </Card>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("pairing.round.parameters", {
          forms: r.parameters.forms.map((f) => t(`pairing.form.${f}`)).join(t("common.listSeparator")),
          years: r.parameters.years,
        })}{" "}
        {(Object.entries(r.parameters.weights) as [ScoreFactorCode, number][])
          .map(([k, w]) => `${t(`pairing.factor.${k}`)} ${w}`)
          .join(t("common.listSeparator"))}
      </Typography.Paragraph>

      {/* This page's run, or (opened again while it runs) the round's last one before it is solved. */}
      {shownJob ? <RunProgress key={shownJob} jobId={shownJob} onFinished={onFinished} /> : null}

      {solved ? (
        result.isPending ? (
          <Skeleton active />
        ) : result.isError ? (
          isApiError(result.error) && result.error.status === 409 ? null : (
            <PageError error={result.error} onRetry={() => void result.refetch()} />
          )
        ) : (
          <Flex vertical gap={16} data-testid="round-result">
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={compared.data ? 12 : 24}>
                <CoverageFigures current={figuresOf(result.data)} previous={previous} solveMs={result.data.solveMs} />
              </Col>
              {compared.data ? (
                <Col xs={24} xl={12}>
                  <Typography.Text strong>{otherRounds.find((o) => o.id === compareId)?.name ?? ""}</Typography.Text>
                  <CoverageFigures current={figuresOf(compared.data)} previous={figuresOf(result.data)} />
                </Col>
              ) : null}
            </Row>
            {otherRounds.length > 0 ? (
              <Flex gap={8} align="center" wrap>
                <Typography.Text>{t("pairing.result.compareWith")}</Typography.Text>
                <Select<number | null>
                  allowClear
                  style={{ minWidth: 200, maxWidth: "100%" }}
                  value={compareId}
                  onChange={(v) => setCompareId(v ?? null)}
                  placeholder={t("pairing.result.comparePlaceholder")}
                  options={otherRounds.map((o) => ({ value: o.id, label: o.name }))}
                  data-testid="round-compare"
                />
              </Flex>
            ) : null}
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: "pairs",
                  label: t("pairing.result.pairs", { count: result.data.pairs.length }),
                  children: <PairList pairs={result.data.pairs} editable={editable} busy={busy} onAction={onPair} />,
                },
                {
                  key: "graph",
                  label: t("pairing.result.graph"),
                  children:
                    tab === "graph" ? (
                      <Suspense fallback={<Skeleton active />}>
                        <PairingGraph pairs={result.data.pairs} />
                      </Suspense>
                    ) : null,
                },
                {
                  key: "uncovered",
                  label: t("pairing.result.uncovered", { count: result.data.uncovered.length }),
                  children: <UncoveredList uncovered={result.data.uncovered} />,
                },
              ]}
            />
            {forbids.length > 0 ? (
              <Card size="small" title={t("pairing.result.forbidden")} data-testid="round-forbids">
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {forbids.map((f) => {
                    const key = `${f.helperOrgId}:${f.recipientOrgId}`;
                    return (
                      <li key={key}>
                        {names.get(f.helperOrgId) ?? f.helperOrgId} → {names.get(f.recipientOrgId) ?? f.recipientOrgId}{" "}
                        {editable ? (
                          <Button
                            type="link"
                            size="small"
                            loading={busy === key}
                            onClick={() => edit.mutate({ edit: { kind: "allow", pair: f }, key })}
                          >
                            {t("pairing.result.allow")}
                          </Button>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </Card>
            ) : null}
          </Flex>
        )
      ) : (
        <Typography.Paragraph type="secondary" data-testid="round-not-run">
          {t("pairing.round.notRun")}
        </Typography.Paragraph>
      )}

      {preview.isPending ? (
        <Skeleton active />
      ) : preview.isError ? (
        <PageError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <PreviewPanel
          preview={preview.data}
          editable={editable && solved}
          busy={edit.isPending}
          onDemand={(orgId, demand) => edit.mutate({ edit: { kind: "demand", orgId, demand }, key: `d${orgId}` })}
          onCapacity={(orgId, capacity) =>
            edit.mutate({ edit: { kind: "capacity", orgId, capacity }, key: `c${orgId}` })
          }
        />
      )}
    </Flex>
  );
}
