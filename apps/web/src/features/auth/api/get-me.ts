import type { Me } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, setCsrfToken } from "../../../lib/api/client.ts";

export const meQueryKey = ["me"] as const;

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>("/api/me", undefined, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user, roles, permissions and CSRF token. Fetched once per session. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
