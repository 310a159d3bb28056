import type { Job, JobListQuery } from "@huzhu/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, isApiError } from "./client.ts";

/**
 * Background jobs (exports, imports, pairing rounds) are a kernel service, so their one hook lives
 * here rather than in a feature: any feature that starts a job shows its progress the same way.
 */
export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api.get<Job>(`/api/jobs/${id}`, undefined, signal);
}

export type JobListParams = Partial<JobListQuery>;

export interface JobPage {
  items: Job[];
  total: number;
}

/** GET /api/jobs: one page of the signed-in user's own jobs, newest first. */
export function listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPage> {
  return api.get<JobPage>("/api/jobs", { ...params }, signal);
}

const unfinished = (job: Job | undefined) => job?.status === "queued" || job?.status === "running";

export const jobsQueries = {
  all: () => ["jobs"] as const,
  lists: () => [...jobsQueries.all(), "list"] as const,
  /**
   * A page of the user's jobs (我的任务), asked again every 2.5 s while one of them waits or runs,
   * and never again once all have finished.
   */
  list: (params: JobListParams) =>
    queryOptions({
      queryKey: [...jobsQueries.lists(), params] as const,
      queryFn: ({ signal }) => listJobs(params, signal),
      placeholderData: keepPreviousData,
      // Jobs start elsewhere (the roster's export button): always ask again when the page opens.
      staleTime: 0,
      refetchInterval: (query) => (query.state.data?.items.some(unfinished) ? 2500 : false),
    }),
  /**
   * One of the user's jobs, asked again every second while it waits or runs (or has not answered
   * yet); not again once it is refused (another user's job, or none, is a 404 for good).
   */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...jobsQueries.all(), "detail", id] as const,
      queryFn: ({ signal }) => getJob(id, signal),
      refetchInterval: (query) => {
        const { data, error } = query.state;
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return data === undefined || unfinished(data) ? 1000 : false;
      },
    }),
};

export function useJob(id: string | null) {
  return useQuery({ ...jobsQueries.detail(id ?? ""), enabled: id !== null });
}
