import type { Org } from "@huzhu/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { type OrgPage, orgsQueries } from "../../../lib/orgs/queries.ts";
import { useJurisdictionRoots } from "../api/read-orgs.ts";

/** Children are fetched one page of this size at a time; a "load more" node fetches the next. */
export const childPageSize = 200;

export type ChildrenByParent = Readonly<Record<number, OrgPage>>;

/**
 * State of the lazily loaded organization tree: the jurisdiction's roots, then the children of
 * every node the user has opened. Nothing below an unopened node is fetched, so a province-sized
 * tree costs one request per opened node.
 */
export function useOrgTree() {
  const queryClient = useQueryClient();
  const roots = useJurisdictionRoots();
  const [children, setChildren] = useState<ChildrenByParent>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const childrenRef = useRef(children);
  useEffect(() => {
    childrenRef.current = children;
  }, [children]);

  const fetchPage = useCallback(
    (parentId: number, page: number) => {
      const params = { parentId, page, pageSize: childPageSize };
      return queryClient.fetchQuery(orgsQueries.list(params));
    },
    [queryClient],
  );

  const loadChildren = useCallback(
    async (parentId: number) => {
      const first = await fetchPage(parentId, 1);
      setChildren((prev) => ({ ...prev, [parentId]: first }));
    },
    [fetchPage],
  );

  const loadMore = useCallback(
    async (parentId: number) => {
      const current = childrenRef.current[parentId];
      if (!current) return loadChildren(parentId);
      const page = Math.floor(current.items.length / childPageSize) + 1;
      const next = await fetchPage(parentId, page);
      setChildren((prev) => {
        const before = prev[parentId]?.items ?? [];
        const seen = new Set(before.map((o) => o.id));
        return {
          ...prev,
          [parentId]: { items: [...before, ...next.items.filter((o) => !seen.has(o.id))], total: next.total },
        };
      });
    },
    [fetchPage, loadChildren],
  );

  /** After a write: refetch the roots and every opened node, dropping nodes that are gone. */
  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: orgsQueries.all() });
    const ids = Object.keys(childrenRef.current).map(Number);
    const results = await Promise.allSettled(ids.map((id) => fetchPage(id, 1)));
    const next: Record<number, OrgPage> = {};
    ids.forEach((id, i) => {
      const result = results[i];
      if (result?.status === "fulfilled") next[id] = result.value;
    });
    setChildren(next);
  }, [queryClient, fetchPage]);

  /** Opens the tree down to an organization (e.g. one picked from search results). */
  const revealPath = useCallback(
    async (org: Org) => {
      const rootIds = new Set(roots.data?.items.map((o) => o.id) ?? []);
      const chain = org.ancestors.map((a) => a.id);
      // Ancestors above the jurisdiction (e.g. the county, for a town coordinator) are not in the tree.
      const start = chain.findIndex((id) => rootIds.has(id));
      if (start < 0) return;
      const path = chain.slice(start);
      await Promise.allSettled(path.filter((id) => !childrenRef.current[id]).map((id) => loadChildren(id)));
      setExpandedKeys((prev) => [...new Set([...prev, ...path.map(String)])]);
    },
    [roots.data, loadChildren],
  );

  const expand = useCallback((id: number) => {
    setExpandedKeys((prev) => (prev.includes(String(id)) ? prev : [...prev, String(id)]));
  }, []);

  return { roots, children, expandedKeys, setExpandedKeys, loadChildren, loadMore, refresh, revealPath, expand };
}

export type OrgTreeState = ReturnType<typeof useOrgTree>;
