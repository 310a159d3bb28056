import type { Me } from "@huzhu/contracts";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { api, setCsrfToken } from "../api/client.ts";

/**
 * The signed-in user is read by the shell and by most features (abilities, own account), so its
 * query lives here rather than in features/auth.
 */
export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>("/api/me", undefined, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export const authQueries = {
  /** The signed-in user, roles, permissions and CSRF token. Fetched once per session. */
  me: () =>
    queryOptions({
      queryKey: ["me"] as const,
      queryFn: ({ signal }) => getMe(signal),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    }),
};

export function useMe() {
  return useQuery(authQueries.me());
}

/**
 * Puts a Me answered by a sign-in, gate or password route into the cache: the shell re-renders from
 * it, so the next gate (or the app with its menu) appears without another round trip.
 */
export function storeMe(queryClient: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(authQueries.me().queryKey, me);
}

/** Reads Me again after a change that answers something else (enrolment, turning two-factor off). */
export function refreshMe(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: authQueries.me().queryKey });
}
