import { hardshipCategories, hardshipStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Flex, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { chinaDateOf } from "../../../lib/china-time.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { careQueries } from "../api/queries.ts";
import { HardshipForm } from "../components/HardshipForm.tsx";

const PAGE_SIZE = 12;

/** 生活困难党员: the cases the user keeps (no details here), filters, the form to record one. */
export default function HardshipCasesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const [adding, setAdding] = useState(false);
  const status = hardshipStatuses.find((s) => s === params.get("status"));
  const category = hardshipCategories.find((c) => c === params.get("category"));
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(careQueries.hardshipList({ status, category, page, pageSize: PAGE_SIZE }));
  return (
    <Flex vertical gap={12} data-testid="hardship-cases">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("care.hardship.title")}
        </Typography.Title>
        <Button type="primary" data-testid="hardship-new" onClick={() => setAdding(true)}>
          {t("care.hardship.new")}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t("care.hardship.privacy")}</Typography.Text>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("care.status")}
            onChange={(v) => update({ status: v || null, page: null })}
            options={[
              { value: "", label: t("care.allStatuses") },
              ...hardshipStatuses.map((s) => ({ value: s, label: t(`care.hardship.status.${s}`) })),
            ]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={category ?? ""}
            aria-label={t("care.hardship.category")}
            onChange={(v) => update({ category: v || null, page: null })}
            options={[
              { value: "", label: t("care.hardship.allCategories") },
              ...hardshipCategories.map((c) => ({ value: c, label: t(`care.hardship.categories.${c}`) })),
            ]}
          />
        </Col>
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t("care.hardship.empty")} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((c) => (
              <Col key={c.id} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  title={<Link to={`/hardship-cases/${c.id}`}>{c.member.name}</Link>}
                  extra={
                    <ToneTag tone={c.status === "open" ? "orange" : "neutral"}>
                      {t(`care.hardship.status.${c.status}`)}
                    </ToneTag>
                  }
                  data-testid="hardship-card"
                >
                  <Flex vertical gap={4}>
                    <span>{t(`care.hardship.categories.${c.category}`)}</span>
                    <Typography.Text type="secondary">{c.org.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t("care.hardship.entriesCount", { count: c.entries })} · {chinaDateOf(c.createdAt)}
                    </Typography.Text>
                  </Flex>
                </Card>
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
      {adding ? <HardshipForm onDone={() => setAdding(false)} /> : null}
    </Flex>
  );
}
