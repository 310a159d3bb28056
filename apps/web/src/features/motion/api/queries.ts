import type {
  Destination,
  MobileActivity,
  MobileMember,
  MobileMemberListQuery,
  Registration,
  RegistrationListQuery,
  ServiceHoursEntry,
  ServicePost,
  Transfer,
  TransferListQuery,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type TransferListParams = Partial<TransferListQuery>;
export type MobileListParams = Partial<Omit<MobileMemberListQuery, "outOfContact">> & {
  outOfContact?: boolean | undefined;
};

export type RegistrationListParams = Partial<RegistrationListQuery>;

export interface Page<T> {
  items: T[];
  total: number;
}

/** Members in motion (issue 11): membership transfers and mobile members. */
export const motionQueries = {
  all: () => ["motion"] as const,
  transfers: () => [...motionQueries.all(), "transfers"] as const,
  transferList: (params: TransferListParams) =>
    queryOptions({
      queryKey: [...motionQueries.transfers(), "list", params] as const,
      queryFn: ({ signal }) => api.get<Page<Transfer>>("/api/transfers", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
  transfer: (id: number) =>
    queryOptions({
      queryKey: [...motionQueries.transfers(), "detail", id] as const,
      queryFn: ({ signal }) => api.get<Transfer>(`/api/transfers/${id}`, undefined, signal),
    }),
  destinations: (q: string) =>
    queryOptions({
      queryKey: [...motionQueries.all(), "destinations", q] as const,
      queryFn: ({ signal }) => api.get<Page<Destination>>("/api/transfers/destinations", { q }, signal),
      enabled: q.length > 0,
    }),
  mobile: () => [...motionQueries.all(), "mobile"] as const,
  mobileList: (params: MobileListParams) =>
    queryOptions({
      queryKey: [...motionQueries.mobile(), "list", params] as const,
      queryFn: ({ signal }) => api.get<Page<MobileMember>>("/api/mobile-members", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
  mobileMember: (id: number) =>
    queryOptions({
      queryKey: [...motionQueries.mobile(), "detail", id] as const,
      queryFn: ({ signal }) => api.get<MobileMember>(`/api/mobile-members/${id}`, undefined, signal),
    }),
  activities: (id: number) =>
    queryOptions({
      queryKey: [...motionQueries.mobile(), "activities", id] as const,
      queryFn: ({ signal }) => api.get<Page<MobileActivity>>(`/api/mobile-members/${id}/activities`, undefined, signal),
    }),
  registrations: () => [...motionQueries.all(), "registrations"] as const,
  registrationList: (params: RegistrationListParams) =>
    queryOptions({
      queryKey: [...motionQueries.registrations(), "list", params] as const,
      queryFn: ({ signal }) => api.get<Page<Registration>>("/api/registrations", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
  hours: (id: number) =>
    queryOptions({
      queryKey: [...motionQueries.registrations(), "hours", id] as const,
      queryFn: ({ signal }) => api.get<Page<ServiceHoursEntry>>(`/api/registrations/${id}/hours`, undefined, signal),
    }),
  posts: (orgId: number) =>
    queryOptions({
      queryKey: [...motionQueries.registrations(), "posts", orgId] as const,
      queryFn: ({ signal }) => api.get<Page<ServicePost>>("/api/service-posts", { orgId }, signal),
    }),
};
