import type { UseQueryResult } from "@tanstack/react-query";
import { Col, Empty, Row, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CardsPagination } from "./ListPagination.tsx";
import { PageError, PageLoading } from "./PageStates.tsx";

/**
 * A page of a list as cards (one column on a phone, two or three wider): loading, error with
 * retry, empty in words, the total, the cards and the pager — the same states for every list.
 */
export function CardGrid<T extends { id: number }>(props: {
  query: UseQueryResult<{ items: T[]; total: number; totalCapped?: boolean | undefined }>;
  empty: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  renderItem: (item: T) => ReactNode;
  totalTestId?: string;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Empty description={props.empty} />;
  return (
    <>
      <Typography.Text type="secondary" data-testid={props.totalTestId}>
        {/* A capped count (the list asked it to stop) is a lower bound: "1,000+". */}
        {t(query.data.totalCapped ? "common.totalAtLeast" : "common.total", { count: query.data.total })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {query.data.items.map((item) => (
          <Col key={item.id} xs={24} md={12} xl={8}>
            {props.renderItem(item)}
          </Col>
        ))}
      </Row>
      <CardsPagination total={query.data.total} page={props.page} pageSize={props.pageSize} onPage={props.onPage} />
    </>
  );
}
