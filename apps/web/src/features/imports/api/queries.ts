import type { ImportDetail, ImportListQuery, ImportRow, ImportRowsQuery, ImportSummary } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type ImportListParams = Partial<ImportListQuery>;
export type ImportRowsParams = Partial<ImportRowsQuery>;

export interface ImportPage {
  items: ImportSummary[];
  total: number;
}
export interface ImportRowPage {
  items: ImportRow[];
  total: number;
}

/** GET /api/imports: the signed-in user's imports, newest first. */
export function listImports(params: ImportListParams, signal?: AbortSignal): Promise<ImportPage> {
  return api.get<ImportPage>("/api/imports", { ...params }, signal);
}

/** GET /api/imports/{id}: status, counts and a page of its errors in the UI language. */
export function getImport(id: number, page: number, signal?: AbortSignal): Promise<ImportDetail> {
  return api.get<ImportDetail>(`/api/imports/${id}`, { page, pageSize: 50 }, signal);
}

/** GET /api/imports/{id}/rows: the preview's rows (masked), optionally only errors or only changes. */
export function listImportRows(id: number, params: ImportRowsParams, signal?: AbortSignal): Promise<ImportRowPage> {
  return api.get<ImportRowPage>(`/api/imports/${id}/rows`, { ...params }, signal);
}

const busy = (status: string | undefined) => status === undefined || status === "validating" || status === "committing";

export const importsQueries = {
  all: () => ["imports"] as const,
  lists: () => [...importsQueries.all(), "list"] as const,
  list: (params: ImportListParams) =>
    queryOptions({
      queryKey: [...importsQueries.lists(), params] as const,
      queryFn: ({ signal }) => listImports(params, signal),
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (query.state.data?.items.some((i) => busy(i.status)) ? 2000 : false),
    }),
  details: () => [...importsQueries.all(), "detail"] as const,
  /** One import, asked again every second while it is being checked or committed. */
  detail: (id: number, page: number) =>
    queryOptions({
      queryKey: [...importsQueries.details(), id, page] as const,
      queryFn: ({ signal }) => getImport(id, page, signal),
      refetchInterval: (query) => (busy(query.state.data?.status) && !query.state.error ? 1000 : false),
    }),
  rows: (id: number, params: ImportRowsParams) =>
    queryOptions({
      queryKey: [...importsQueries.details(), id, "rows", params] as const,
      queryFn: ({ signal }) => listImportRows(id, params, signal),
      placeholderData: keepPreviousData,
    }),
};
