import { mobileMemberStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Empty, Flex, Row, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { can, hasRole } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { motionQueries } from "../api/queries.ts";
import { ExtensionBranchForm } from "../components/ExtensionBranchForm.tsx";
import { MobileCard } from "../components/MobileCard.tsx";
import { MobileForm } from "../components/MobileForm.tsx";

const PAGE_SIZE = 10;

/** 流动党员: those who left the user's organizations and those who came to them, with the out-of-contact flag. */
export default function MobileMembersPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const [asking, setAsking] = useState(false);
  const [branching, setBranching] = useState(false);
  const status = mobileMemberStatuses.find((s) => s === params.get("status"));
  const outOfContact = params.get("lost") === "1" ? true : undefined;
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(motionQueries.mobileList({ status, outOfContact, page, pageSize: PAGE_SIZE }));
  const manager = can(me, "member.write");
  const selfMemberId = !manager && hasRole(me, "member") ? (me?.user.memberId ?? null) : null;
  return (
    <Flex vertical gap={12} data-testid="mobile-members">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("motion.mobile.title")}
        </Typography.Title>
        <Flex gap={8} wrap>
          {can(me, "org.write") ? (
            <Button data-testid="mobile-branch" onClick={() => setBranching(true)}>
              {t("motion.mobile.extensionBranch")}
            </Button>
          ) : null}
          {manager || selfMemberId !== null ? (
            <Button type="primary" data-testid="mobile-new" onClick={() => setAsking(true)}>
              {t("motion.mobile.new")}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("motion.mobile.statusLabel")}
            onChange={(v) => update({ status: v || null, page: null })}
            options={[
              { value: "", label: t("motion.mobile.allStatuses") },
              ...mobileMemberStatuses.map((s) => ({ value: s, label: t(`motion.mobile.status.${s}`) })),
            ]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Flex gap={8} align="center">
            <Switch
              id="lost-only"
              checked={outOfContact === true}
              onChange={(v) => update({ lost: v ? "1" : null, page: null })}
              data-testid="mobile-lost-only"
            />
            <label htmlFor="lost-only">{t("motion.mobile.onlyOutOfContact")}</label>
          </Flex>
        </Col>
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("motion.mobile.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((m) => (
              <Col key={m.id} xs={24} md={12}>
                <MobileCard mobile={m} />
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
      {asking ? <MobileForm selfMemberId={selfMemberId} onDone={() => setAsking(false)} /> : null}
      {branching ? (
        <ExtensionBranchForm
          candidates={(list.data?.items ?? []).filter((m) => m.status !== "closed" && m.destOrg !== null)}
          onDone={() => setBranching(false)}
        />
      ) : null}
    </Flex>
  );
}
