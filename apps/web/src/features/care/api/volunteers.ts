import type {
  ClaimServiceRequestBody,
  CompleteServiceRequestBody,
  CreateServiceRequestBody,
  CreateVolunteerTeamBody,
  ServiceFeedbackBody,
  ServiceRequest,
  VolunteerTeam,
} from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { careQueries } from "./queries.ts";

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVolunteerTeamBody) => api.post<VolunteerTeam>("/api/volunteer-teams", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careQueries.teams() }),
  });
}

/** Every step of a service request refreshes the lists, the teams' hours and one's own ledger. */
function useRequestWrite<V>(write: (v: V) => Promise<ServiceRequest>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careQueries.all() }),
  });
}

export const useCreateServiceRequest = () =>
  useRequestWrite((body: CreateServiceRequestBody) => api.post<ServiceRequest>("/api/service-requests", body));
export const useClaimServiceRequest = (id: number) =>
  useRequestWrite((body: ClaimServiceRequestBody) =>
    api.post<ServiceRequest>(`/api/service-requests/${id}/claim`, body),
  );
export const useCompleteServiceRequest = (id: number) =>
  useRequestWrite((body: CompleteServiceRequestBody) =>
    api.post<ServiceRequest>(`/api/service-requests/${id}/complete`, body),
  );
export const useServiceFeedback = (id: number) =>
  useRequestWrite((body: ServiceFeedbackBody) =>
    api.post<ServiceRequest>(`/api/service-requests/${id}/feedback`, body),
  );
