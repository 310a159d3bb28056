import type { Job } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/**
 * Background jobs (exports, imports, pairing rounds) are a kernel service, so their one hook lives
 * here rather than in a feature: any feature that starts a job shows its progress the same way.
 */
export const jobQueryKey = (id: string) => ["jobs", id] as const;

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get<Job>(`/api/jobs/${id}`, undefined, signal);
}

/** One of the user's jobs, asked again every second while it waits or runs. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: jobQueryKey(id ?? ""),
    queryFn: ({ signal }) => getJob(id ?? "", signal),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "queued" || status === "running" || status === undefined ? 1000 : false;
    },
  });
}
