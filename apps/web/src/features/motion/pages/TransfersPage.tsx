import { transferStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Empty, Flex, Row, Segmented, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { can, hasRole } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { motionQueries } from "../api/queries.ts";
import { TransferCard } from "../components/TransferCard.tsx";
import { TransferForm } from "../components/TransferForm.tsx";

const PAGE_SIZE = 10;

/** 组织关系转接: transfers to and from the user's organizations (or their own), filters, the request form. */
export default function TransfersPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const [asking, setAsking] = useState(false);
  const direction = params.get("direction") === "incoming" || params.get("direction") === "outgoing";
  const dir = direction ? (params.get("direction") as "incoming" | "outgoing") : undefined;
  const status = transferStatuses.find((s) => s === params.get("status"));
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(motionQueries.transferList({ direction: dir, status, page, pageSize: PAGE_SIZE }));
  const manager = can(me, "member.write");
  const selfMemberId = !manager && hasRole(me, "member") ? (me?.user.memberId ?? null) : null;
  return (
    <Flex vertical gap={12} data-testid="transfers">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("motion.transfer.title")}
        </Typography.Title>
        {manager || selfMemberId !== null ? (
          <Button type="primary" data-testid="transfer-new" onClick={() => setAsking(true)}>
            {t("motion.transfer.new")}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[8, 8]} align="middle">
        {manager ? (
          <Col xs={24} md={12}>
            <Segmented
              block
              value={dir ?? "all"}
              onChange={(v) => update({ direction: v === "all" ? null : String(v), page: null })}
              options={[
                { value: "all", label: t("motion.transfer.all") },
                { value: "incoming", label: t("motion.transfer.incoming") },
                { value: "outgoing", label: t("motion.transfer.outgoing") },
              ]}
              aria-label={t("motion.transfer.direction")}
            />
          </Col>
        ) : null}
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("motion.transfer.statusLabel")}
            onChange={(v) => update({ status: v || null, page: null })}
            options={[
              { value: "", label: t("motion.transfer.allStatuses") },
              ...transferStatuses.map((s) => ({ value: s, label: t(`motion.transfer.status.${s}`) })),
            ]}
          />
        </Col>
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("motion.transfer.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((x) => (
              <Col key={x.id} xs={24} md={12}>
                <TransferCard transfer={x} />
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
      {asking ? <TransferForm selfMemberId={selfMemberId} onDone={() => setAsking(false)} /> : null}
    </Flex>
  );
}
