import type { Me } from "@huzhu/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { setCsrfToken } from "../../../lib/api/client.ts";
import { meQueryKey } from "../../auth/api/get-me.ts";

/**
 * Puts a Me answered by a gate or password route into the cache: the shell re-renders from it,
 * so the next gate (or the app with its menu) appears without another round trip.
 */
export function storeMe(queryClient: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQueryKey, me);
}

/** Reads Me again after a change that answers something else (enrolment, turning two-factor off). */
export function refreshMe(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: meQueryKey });
}
