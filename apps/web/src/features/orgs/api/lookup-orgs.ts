import type { OrgLookupQuery, OrgOption } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgKeys } from "./keys.ts";

export interface OrgOptionPage {
  items: OrgOption[];
  total: number;
}

/**
 * GET /api/orgs/lookup: organizations by name for a picker. Unlike GET /api/orgs it also answers
 * the security administrator (role.manage, no org.read), across the whole tree.
 */
export function lookupOrgs(params: OrgLookupQuery, signal?: AbortSignal): Promise<OrgOptionPage> {
  return api.get<OrgOptionPage>("/api/orgs/lookup", { ...params }, signal);
}

/** Runs only with a search term: the server wants one. */
export function useOrgLookup(params: OrgLookupQuery) {
  return useQuery({
    queryKey: orgKeys.lookup(params),
    queryFn: ({ signal }) => lookupOrgs(params, signal),
    placeholderData: keepPreviousData,
    enabled: params.q.length > 0,
  });
}
