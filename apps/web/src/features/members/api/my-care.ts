import type { ServiceFeedbackBody, ServiceRequest, VolunteerHours } from "@huzhu/contracts";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/** My record's care (issue 11): one's volunteer hours and one's own requests for help. */
export const myCareQueries = {
  all: () => ["my-care"] as const,
  hours: () =>
    queryOptions({
      queryKey: [...myCareQueries.all(), "hours"] as const,
      queryFn: ({ signal }) => api.get<VolunteerHours>("/api/volunteer-hours", undefined, signal),
    }),
  requests: () =>
    queryOptions({
      queryKey: [...myCareQueries.all(), "requests"] as const,
      queryFn: ({ signal }) =>
        api.get<{ items: ServiceRequest[]; total: number }>(
          "/api/service-requests",
          { mine: "true", pageSize: 20 },
          signal,
        ),
    }),
};

/** Asking for help for oneself, and rating the help received. */
export function useAskForMyself() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { memberId: number; title: string; description: string }) =>
      api.post<ServiceRequest>("/api/service-requests", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myCareQueries.all() }),
  });
}

export function useRateHelp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ServiceFeedbackBody }) =>
      api.post<ServiceRequest>(`/api/service-requests/${id}/feedback`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myCareQueries.all() }),
  });
}
