import { secondmentKinds } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Empty, Flex, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { secondmentQueries } from "../api/secondments.ts";
import { SecondmentCard } from "../components/SecondmentCard.tsx";
import { SecondmentForm } from "../components/SecondmentForm.tsx";

const PAGE_SIZE = 10;

/** 干部交流: secondments of the user's organizations, either side; the form to send a cadre. */
export default function SecondmentsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const [adding, setAdding] = useState(false);
  const kind = secondmentKinds.find((k) => k === params.get("kind"));
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(secondmentQueries.list({ kind, page, pageSize: PAGE_SIZE }));
  return (
    <Flex vertical gap={12} data-testid="secondments">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("care.secondment.title")}
        </Typography.Title>
        {can(me, "member.write") ? (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t("care.secondment.new")}
          </Button>
        ) : null}
      </Flex>
      <Row>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={kind ?? ""}
            aria-label={t("care.secondment.kind")}
            onChange={(v) => update({ kind: v || null, page: null })}
            options={[
              { value: "", label: t("care.secondment.allKinds") },
              ...secondmentKinds.map((k) => ({ value: k, label: t(`care.secondment.kinds.${k}`) })),
            ]}
          />
        </Col>
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("care.secondment.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((s) => (
              <Col key={s.id} xs={24} md={12}>
                <SecondmentCard secondment={s} />
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
      {adding ? <SecondmentForm onDone={() => setAdding(false)} /> : null}
    </Flex>
  );
}
