import type { Org } from "@huzhu/contracts";
import { Empty, Tree, type TreeDataNode, Typography } from "antd";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import type { OrgPage } from "../../../lib/orgs/queries.ts";
import type { OrgTreeState } from "./use-org-tree.ts";

const moreKeyPrefix = "more:";

function OrgTitle(props: { org: Org }) {
  const { t } = useTranslation();
  return (
    <span>
      {props.org.name}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        {t("org.memberCountShort", { count: props.org.memberCount })}
      </Typography.Text>
    </span>
  );
}

/** The jurisdiction as an antd Tree whose nodes load their children when opened. */
export function OrgTree(props: { tree: OrgTreeState; selectedId: number | undefined; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const { tree } = props;
  const { roots, children } = tree;

  const treeData = useMemo(() => {
    const build = (page: OrgPage, parentId: number | null): TreeDataNode[] => {
      const nodes: TreeDataNode[] = page.items.map((org) => {
        const loaded = children[org.id];
        return {
          key: String(org.id),
          title: <OrgTitle org={org} />,
          isLeaf: org.childCount === 0,
          children: loaded ? build(loaded, org.id) : undefined,
        };
      });
      if (parentId !== null && page.items.length < page.total) {
        nodes.push({
          key: `${moreKeyPrefix}${parentId}`,
          title: (
            <Typography.Link>{t("org.loadMore", { loaded: page.items.length, total: page.total })}</Typography.Link>
          ),
          isLeaf: true,
        });
      }
      return nodes;
    };
    return roots.data ? build(roots.data, null) : [];
  }, [roots.data, children, t]);

  // Keep the selected organization in view, e.g. after it was picked from search results.
  const wrapper = useRef<HTMLDivElement>(null);
  const selectedId = props.selectedId;
  const selectedLoaded = treeData.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the path to the selection opens.
  useEffect(() => {
    if (selectedId === undefined || !selectedLoaded) return;
    const timer = window.setTimeout(() => {
      wrapper.current?.querySelector(".ant-tree-treenode-selected")?.scrollIntoView({ block: "nearest" });
    }, 100);
    return () => window.clearTimeout(timer);
  }, [selectedId, selectedLoaded, tree.expandedKeys]);

  if (roots.isPending) return <PageLoading />;
  if (roots.isError) return <PageError error={roots.error} onRetry={() => void roots.refetch()} />;
  if (treeData.length === 0) return <Empty />;

  return (
    <div ref={wrapper}>
      <Tree
        blockNode
        showLine={{ showLeafIcon: false }}
        treeData={treeData}
        expandedKeys={tree.expandedKeys}
        onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
        loadedKeys={Object.keys(children)}
        loadData={(node) => tree.loadChildren(Number(node.key))}
        selectedKeys={props.selectedId === undefined ? [] : [String(props.selectedId)]}
        onSelect={(_keys, info) => {
          const key = String(info.node.key);
          if (key.startsWith(moreKeyPrefix)) void tree.loadMore(Number(key.slice(moreKeyPrefix.length)));
          else props.onSelect(Number(key));
        }}
        data-testid="org-tree"
      />
    </div>
  );
}
