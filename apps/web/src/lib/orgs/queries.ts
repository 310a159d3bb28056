import type { Org, OrgListQuery, OrgLookupQuery, OrgOption } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../api/client.ts";

/**
 * Reading organizations is shared: the orgs feature shows the tree, and the pickers in
 * components/org-pickers serve the members and users features. The writes stay in features/orgs.
 */
export type OrgListParams = Partial<OrgListQuery>;

export interface OrgPage {
  items: Org[];
  total: number;
}

export interface OrgOptionPage {
  items: OrgOption[];
  total: number;
}

/**
 * GET /api/orgs: with `parentId`, that organization's direct children; with `q`, a name search over
 * the whole jurisdiction; with neither, the roots of the caller's jurisdiction.
 */
export function listOrgs(params: OrgListParams, signal?: AbortSignal): Promise<OrgPage> {
  return api.get<OrgPage>("/api/orgs", { ...params }, signal);
}

export function getOrg(id: number, signal?: AbortSignal): Promise<Org> {
  return api.get<Org>(`/api/orgs/${id}`, undefined, signal);
}

/**
 * GET /api/orgs/lookup: organizations by name for a picker. Unlike GET /api/orgs it also answers
 * the security administrator (role.manage, no org.read), across the whole tree.
 */
export function lookupOrgs(params: OrgLookupQuery, signal?: AbortSignal): Promise<OrgOptionPage> {
  return api.get<OrgOptionPage>("/api/orgs/lookup", { ...params }, signal);
}

export const orgsQueries = {
  /** Everything about organizations: a move or dissolution changes paths and counts across it. */
  all: () => ["orgs"] as const,
  lists: () => [...orgsQueries.all(), "list"] as const,
  list: (params: OrgListParams) =>
    queryOptions({
      queryKey: [...orgsQueries.lists(), params] as const,
      queryFn: ({ signal }) => listOrgs(params, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...orgsQueries.all(), "detail", id] as const,
      queryFn: ({ signal }) => getOrg(id, signal),
    }),
  /** Runs only with a search term: the server wants one. */
  lookup: (params: OrgLookupQuery) =>
    queryOptions({
      queryKey: [...orgsQueries.all(), "lookup", params] as const,
      queryFn: ({ signal }) => lookupOrgs(params, signal),
      placeholderData: keepPreviousData,
      enabled: params.q.length > 0,
    }),
};
