import type { Org } from "@huzhu/contracts";
import { Card, Col, Drawer, Empty, Input, Row } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { getOrg } from "../../../lib/orgs/queries.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { type OrgChange, OrgDetail } from "../components/OrgDetail.tsx";
import { OrgSearchResults } from "../components/OrgSearchResults.tsx";
import { OrgTree } from "../components/OrgTree.tsx";
import { useOrgTree } from "../components/use-org-tree.ts";

/** Organization tree with search on the left, the selected organization's detail on the right (a drawer on phones). */
export default function OrgsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get("id")) || undefined;
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const tree = useOrgTree();
  const roots = tree.roots.data?.items;
  const rootIds = useMemo(() => new Set(roots?.map((o) => o.id) ?? []), [roots]);

  const select = (id: number | undefined) => setParams(id === undefined ? {} : { id: String(id) });

  // A user with a single root (a secretary's branch, a town committee) starts on it.
  const onlyRoot = roots?.length === 1 ? roots[0] : undefined;
  useEffect(() => {
    if (onlyRoot && selectedId === undefined && !phone) setParams({ id: String(onlyRoot.id) }, { replace: true });
  }, [onlyRoot, selectedId, phone, setParams]);

  // Picking a search result shows it in context: the search closes and the tree opens down to it.
  const onPick = (org: Org) => {
    select(org.id);
    setSearch("");
    void tree.revealPath(org);
  };

  // Select first (the user sees the result at once), then refresh the opened parts of the tree.
  const onChanged = async (change: OrgChange, org: Org, before: Org) => {
    if (change === "created") select(org.id);
    if (change === "dissolved") select(before.parentId ?? undefined);
    await tree.refresh();
    if (change === "created") {
      tree.expand(before.id);
    } else if (change === "moved") {
      // Re-read it: the new ancestors decide which branches of the tree to open.
      const fresh = await getOrg(before.id).catch(() => null);
      if (fresh) void tree.revealPath(fresh);
    }
  };

  const detail =
    selectedId === undefined ? null : (
      <OrgDetail
        key={selectedId}
        id={selectedId}
        rootIds={rootIds}
        onSelect={select}
        onChanged={(change, org, before) => void onChanged(change, org, before)}
        bordered={!phone}
      />
    );

  const treeCard = (
    <Card
      title={t("org.tree")}
      styles={{ body: { padding: phone ? 8 : 12 } }}
      style={phone ? undefined : { position: "sticky", top: 80 }}
    >
      <Input.Search
        allowClear
        placeholder={t("org.searchPlaceholder")}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="org-search"
      />
      <div style={phone ? undefined : { maxHeight: "calc(100vh - 230px)", overflow: "auto" }}>
        {q ? (
          <OrgSearchResults q={q} selectedId={selectedId} onPick={onPick} />
        ) : (
          <OrgTree tree={tree} selectedId={selectedId} onSelect={select} />
        )}
      </div>
    </Card>
  );

  if (phone) {
    return (
      <>
        {treeCard}
        <Drawer
          open={selectedId !== undefined}
          onClose={() => select(undefined)}
          placement="right"
          size="100%"
          title={t("common.details")}
          styles={{ body: { padding: 8 } }}
        >
          {detail}
        </Drawer>
      </>
    );
  }

  return (
    <Row gutter={16} align="top">
      <Col xs={24} lg={9} xl={8}>
        {treeCard}
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {detail ?? (
          <Card>
            <Empty description={t("org.selectHint")} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
