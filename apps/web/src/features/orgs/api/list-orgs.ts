import type { Org } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { type OrgListParams, orgKeys } from "./keys.ts";

export interface OrgPage {
  items: Org[];
  total: number;
}

/**
 * GET /api/orgs: with `parentId`, that organization's direct children; with `q`, a name search over
 * the whole jurisdiction; with neither, the roots of the caller's jurisdiction.
 */
export function listOrgs(params: OrgListParams, signal?: AbortSignal): Promise<OrgPage> {
  return api.get<OrgPage>("/api/orgs", { ...params }, signal);
}

export function useOrgList(params: OrgListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.list(params),
    queryFn: ({ signal }) => listOrgs(params, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The roots of the caller's jurisdiction (a secretary: their branch; the county coordinator: the county). */
export const rootParams: OrgListParams = { page: 1, pageSize: 200 };

export function useJurisdictionRoots() {
  return useOrgList(rootParams);
}
