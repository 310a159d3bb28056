import { roles } from "@huzhu/contracts";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { listPageSizes } from "../../../components/ListPagination.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import type { UserListParams } from "../api/queries.ts";

const positive = (raw: string | null) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The account list's search, role filter and page live in the URL (links and the back button keep them). */
export function useUserFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo((): UserListParams & { page: number; pageSize: number } => {
    const size = positive(params.get("pageSize"));
    return {
      q: params.get("q")?.trim() || undefined,
      role: roles.find((r) => r === params.get("role")),
      page: positive(params.get("page")) ?? 1,
      pageSize: listPageSizes.find((s) => s === size) ?? 20,
    };
  }, [params]);

  /** Changes filters; any change other than the page itself goes back to page 1. */
  const setFilters: (patch: Partial<UserListParams>) => void = useSearchUpdate();
  const reset = useCallback(() => setParams({}), [setParams]);

  return { filters, setFilters, reset };
}
