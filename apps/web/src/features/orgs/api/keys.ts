import type { OrgListQuery, OrgLookupQuery } from "@huzhu/contracts";

export type OrgListParams = Partial<OrgListQuery>;

export const orgKeys = {
  all: ["orgs"] as const,
  lists: () => [...orgKeys.all, "list"] as const,
  list: (params: OrgListParams) => [...orgKeys.lists(), params] as const,
  detail: (id: number) => [...orgKeys.all, "detail", id] as const,
  lookup: (params: OrgLookupQuery) => [...orgKeys.all, "lookup", params] as const,
};
