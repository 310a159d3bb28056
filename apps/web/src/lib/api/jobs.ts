import type { Job } from "@huzhu/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/**
 * Background jobs (exports, imports, pairing rounds) are a kernel service, so their one hook lives
 * here rather than in a feature: any feature that starts a job shows its progress the same way.
 */
export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get<Job>(`/api/jobs/${id}`, undefined, signal);
}

export const jobsQueries = {
  all: () => ["jobs"] as const,
  /** One of the user's jobs, asked again every second while it waits or runs. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...jobsQueries.all(), id] as const,
      queryFn: ({ signal }) => getJob(id, signal),
      refetchInterval: (query) => {
        const status = query.state.data?.status;
        return status === "queued" || status === "running" || status === undefined ? 1000 : false;
      },
    }),
};

export function useJob(id: string | null) {
  return useQuery({ ...jobsQueries.detail(id ?? ""), enabled: id !== null });
}
