import type {
  HardshipCase,
  HardshipListQuery,
  HardshipSummary,
  Member,
  ServiceRequest,
  ServiceRequestListQuery,
  VolunteerHours,
  VolunteerTeam,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export interface Page<T> {
  items: T[];
  total: number;
}

/** Care (issue 11): members in difficulty, volunteer teams, service requests, one's own hours. */
export const careQueries = {
  all: () => ["care"] as const,
  hardship: () => [...careQueries.all(), "hardship"] as const,
  hardshipList: (params: Partial<HardshipListQuery>) =>
    queryOptions({
      queryKey: [...careQueries.hardship(), "list", params] as const,
      queryFn: ({ signal }) => api.get<Page<HardshipSummary>>("/api/hardship-cases", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
  /** The details: every fetch is an audited read, so it runs only when the user asks (enabled). */
  hardshipCase: (id: number, enabled: boolean) =>
    queryOptions({
      queryKey: [...careQueries.hardship(), "detail", id] as const,
      queryFn: ({ signal }) => api.get<HardshipCase>(`/api/hardship-cases/${id}`, undefined, signal),
      enabled,
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
    }),
  teams: () => [...careQueries.all(), "teams"] as const,
  teamList: () =>
    queryOptions({
      queryKey: [...careQueries.teams(), "list"] as const,
      queryFn: ({ signal }) => api.get<Page<VolunteerTeam>>("/api/volunteer-teams", { pageSize: 100 }, signal),
    }),
  requests: () => [...careQueries.all(), "requests"] as const,
  requestList: (params: Partial<ServiceRequestListQuery>) =>
    queryOptions({
      queryKey: [...careQueries.requests(), "list", params] as const,
      queryFn: ({ signal }) => api.get<Page<ServiceRequest>>("/api/service-requests", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
  myHours: () =>
    queryOptions({
      queryKey: [...careQueries.all(), "hours"] as const,
      queryFn: ({ signal }) => api.get<VolunteerHours>("/api/volunteer-hours", undefined, signal),
    }),
  members: (q: string) =>
    queryOptions({
      queryKey: [...careQueries.all(), "members", q] as const,
      queryFn: ({ signal }) => api.get<Page<Member>>("/api/members", { q, page: 1, pageSize: 30 }, signal),
      enabled: q.length > 0,
    }),
};
