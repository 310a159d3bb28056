import { useQuery } from "@tanstack/react-query";
import { type OrgListParams, orgsQueries } from "../../../lib/orgs/queries.ts";

export function useOrgList(params: OrgListParams, options: { enabled?: boolean } = {}) {
  return useQuery({ ...orgsQueries.list(params), enabled: options.enabled ?? true });
}

/** The roots of the caller's jurisdiction (a secretary: their branch; the county coordinator: the county). */
export const rootParams: OrgListParams = { page: 1, pageSize: 200 };

export function useJurisdictionRoots() {
  return useOrgList(rootParams);
}

export function useOrg(id: number | undefined) {
  return useQuery({ ...orgsQueries.detail(id ?? 0), enabled: id !== undefined });
}
