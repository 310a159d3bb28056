import type {
  CreateRegistrationBody,
  CreateServicePostBody,
  RecordHoursBody,
  Registration,
  ServiceHoursEntry,
  ServicePost,
  TakePostBody,
} from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries, type Page } from "./queries.ts";

/** The writes of in-service registrations (双报到): register, publish a post, take a post, record hours. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRegistrationBody) => api.post<Registration>("/api/registrations", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.registrations() }),
  });
}

export function usePublishPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServicePostBody) => api.post<Page<ServicePost>>("/api/service-posts", body),
    onSuccess: (page, body) => queryClient.setQueryData(motionQueries.posts(body.orgId).queryKey, page),
  });
}

export function useTakePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: TakePostBody }) =>
      api.post<Registration>(`/api/registrations/${input.id}/posts`, input.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.registrations() }),
  });
}

export function useRecordHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; body: RecordHoursBody }) =>
      api.post<Page<ServiceHoursEntry>>(`/api/registrations/${input.id}/hours`, input.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.registrations() }),
  });
}
