import type { Job } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { jobsQueries } from "../../../lib/api/jobs.ts";

/**
 * POST /api/jobs/:id/cancel: stops one's own queued or running job (audited); a running one stops at
 * its next progress report. Answers the job as it is now: already finished ones stay as they were.
 * The CSRF header is added by the API client, as for every write.
 */
export function cancelJob(id: string): Promise<Job> {
  return api.post<Job>(`/api/jobs/${id}/cancel`);
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelJob,
    onSuccess: (job) => {
      queryClient.setQueryData(jobsQueries.detail(job.id).queryKey, job);
      return queryClient.invalidateQueries({ queryKey: jobsQueries.lists() });
    },
  });
}
