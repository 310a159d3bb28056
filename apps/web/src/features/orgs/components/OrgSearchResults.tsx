import type { Org } from "@huzhu/contracts";
import { Empty, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useOrgList } from "../api/read-orgs.ts";

/** Name search over the whole jurisdiction, shown in place of the tree while a term is entered. */
export function OrgSearchResults(props: { q: string; selectedId: number | undefined; onPick: (org: Org) => void }) {
  const { t } = useTranslation();
  const results = useOrgList({ q: props.q, page: 1, pageSize: 50 });
  if (results.isPending) return <PageLoading />;
  if (results.isError) return <PageError error={results.error} onRetry={() => void results.refetch()} />;
  const { items, total } = results.data;
  return (
    <div data-testid="org-search-results">
      <Typography.Text type="secondary">{t("org.searchResults", { count: total })}</Typography.Text>
      {items.length === 0 ? <Empty description={t("org.noResults")} /> : null}
      <Flex vertical gap={2} style={{ marginTop: 8 }}>
        {items.map((org) => (
          <button
            type="button"
            key={org.id}
            onClick={() => props.onPick(org)}
            style={{
              textAlign: "start",
              border: "none",
              borderRadius: 6,
              padding: "8px 10px",
              cursor: "pointer",
              background: org.id === props.selectedId ? "#fff1f0" : "transparent",
              font: "inherit",
            }}
          >
            <Flex justify="space-between" gap={8} align="center">
              <Typography.Text strong>{org.name}</Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>{t(`org.kind.${org.kind}`)}</Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {org.ancestors.map((a) => a.name).join(" / ") || t("common.none")}
            </Typography.Text>
          </button>
        ))}
      </Flex>
    </div>
  );
}
