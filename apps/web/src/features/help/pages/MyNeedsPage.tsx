import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { needStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Col, Empty, Flex, Input, List, Row, Select, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { JobProgressModal } from "../../../components/JobProgressModal.tsx";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { useStartNeedExport } from "../api/export-needs.ts";
import { helpQueries } from "../api/queries.ts";
import { formatChinaTime } from "../components/format.ts";
import { NeedCard } from "../components/NeedCard.tsx";

const PAGE_SIZE = 12;

/** The needs posted in the user's organizations (a coordinator: the whole jurisdiction), any status. */
function OwnNeeds() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const exporting = useStartNeedExport();
  const [exportJob, setExportJob] = useState<string | null>(null);
  const orgs = useOwnOrgs();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const within = Number(params.get("within") ?? orgs[0]?.id ?? 0) || undefined;
  const status = params.get("status") ?? undefined;
  const q = params.get("q") ?? "";
  const page = Number(params.get("page") ?? 1) || 1;
  const [typed, setTyped] = useState(q);
  const list = useQuery({
    ...helpQueries.needList({ within, status: status as never, q: q || undefined, page, pageSize: PAGE_SIZE }),
    enabled: within !== undefined,
  });
  /** Exports what the filters show (every page) as a background job; the workbook downloads when done. */
  const exportNeeds = () =>
    exporting.mutate(
      { within, status: status as never, q: q || undefined },
      {
        onSuccess: ({ jobId }) => setExportJob(jobId),
        onError: (error) => void message.error(error.message),
      },
    );
  return (
    <Flex vertical gap={12}>
      {can(me, "help.write") ? (
        <Flex justify="flex-end">
          <Button
            size="large"
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            disabled={within === undefined}
            onClick={exportNeeds}
            data-testid="needs-export"
          >
            {t("help.mine.export")}
          </Button>
        </Flex>
      ) : null}
      {exportJob ? (
        <JobProgressModal
          jobId={exportJob}
          title={t("help.mine.exportTitle")}
          fallbackFileName="needs.xlsx"
          onDownloaded={() => void message.success(t("help.mine.exported"))}
          onClose={() => setExportJob(null)}
        />
      ) : null}
      <Row gutter={[8, 8]}>
        {orgs.length > 1 ? (
          <Col xs={24} md={8}>
            <Select
              size="large"
              style={{ width: "100%" }}
              value={within}
              aria-label={t("help.need.fields.orgId")}
              onChange={(v) => update({ within: v })}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Col>
        ) : null}
        <Col xs={24} md={8}>
          <Input.Search
            allowClear
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            aria-label={t("help.hall.keyword")}
            placeholder={t("help.hall.keywordPlaceholder")}
            data-testid="mine-keyword"
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("help.need.fields.status")}
            onChange={(v) => update({ status: v || null })}
            options={[
              { value: "", label: t("help.mine.allStatuses") },
              ...needStatuses.map((s) => ({ value: s, label: t(`help.need.status.${s}`) })),
            ]}
          />
        </Col>
      </Row>
      <CardGrid
        query={list}
        empty={t("help.mine.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        totalTestId="mine-total"
        renderItem={(n) => <NeedCard need={n} showStatus />}
      />
    </Flex>
  );
}

const claimTone = { pending: "gold", accepted: "green", declined: "neutral", withdrawn: "neutral" } as const;

/** Claims the user's organizations made or received; `awaiting` keeps those the user must answer. */
function Claims(props: { awaiting: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery(
    helpQueries.claimList({ status: props.awaiting ? "pending" : undefined, page, pageSize: PAGE_SIZE }),
  );
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const items = props.awaiting
    ? list.data.items.filter((c) => c.abilities.accept || c.abilities.decline)
    : list.data.items;
  if (items.length === 0) return <Empty description={t("help.mine.empty")} />;
  return (
    <>
      <List
        dataSource={items}
        renderItem={(c) => (
          <List.Item data-testid="mine-claim">
            <Flex vertical gap={4} style={{ width: "100%" }}>
              <Flex wrap gap={8} justify="space-between">
                <Typography.Text strong>
                  {c.helperOrg.name} → {c.recipientOrg.name}
                </Typography.Text>
                <ToneTag tone={claimTone[c.status]}>{t(`help.claims.status.${c.status}`)}</ToneTag>
              </Flex>
              <Typography.Text type="secondary">
                {t(`help.claims.direction.${c.direction}`)} · {formatChinaTime(c.createdAt)}
              </Typography.Text>
              {c.needId ? <Link to={`/needs/${c.needId}`}>{t("help.mine.openNeed")}</Link> : null}
            </Flex>
          </List.Item>
        )}
      />
      {props.awaiting ? null : (
        <CardsPagination total={list.data.total} page={page} pageSize={PAGE_SIZE} onPage={(p) => setPage(p)} />
      )}
    </>
  );
}

/** 我的需求: what my organizations posted, and the claims made or awaiting my answer. */
export default function MyNeedsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const tab = params.get("tab") ?? "needs";
  return (
    <Flex vertical gap={12} data-testid="my-needs">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("help.mine.title")}
        </Typography.Title>
        {can(me, "help.write") ? (
          <Link to="/needs/new">
            <Button type="primary" size="large" icon={<PlusOutlined />}>
              {t("help.hall.post")}
            </Button>
          </Link>
        ) : null}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key, status: null, q: null })}
        items={[
          { key: "needs", label: t("help.mine.needs"), children: <OwnNeeds /> },
          { key: "awaiting", label: t("help.mine.awaiting"), children: <Claims awaiting /> },
          { key: "claims", label: t("help.mine.made"), children: <Claims awaiting={false} /> },
        ]}
      />
    </Flex>
  );
}
