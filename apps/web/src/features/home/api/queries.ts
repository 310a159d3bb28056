import type { HomePage } from "@huzhu/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/** GET /api/home: the cards of the signed-in user's 工作台. */
export function getHome(signal?: AbortSignal): Promise<HomePage> {
  return api.get<HomePage>("/api/home", undefined, signal);
}

export const homeQueries = {
  /** ["home"] is also what the notification stream invalidates (features/notifications). */
  all: () => ["home"] as const,
  page: () =>
    queryOptions({
      queryKey: [...homeQueries.all(), "page"] as const,
      queryFn: ({ signal }) => getHome(signal),
      // Running jobs move on by themselves: look again while any is still queued or running.
      refetchInterval: (query) =>
        query.state.data?.cards.some((c) => c.id === "todos" && c.jobs.length > 0) ? 5000 : false,
    }),
};
