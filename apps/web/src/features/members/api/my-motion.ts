import type { MobileMember, Registration, Transfer } from "@huzhu/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/** A member's own transfers and mobile registrations (issue 11), for My record. */
export const myMotionQueries = {
  transfers: (memberId: number) =>
    queryOptions({
      queryKey: ["motion", "transfers", "mine", memberId] as const,
      queryFn: ({ signal }) =>
        api.get<{ items: Transfer[]; total: number }>("/api/transfers", { memberId, pageSize: 20 }, signal),
    }),
  registrations: (memberId: number) =>
    queryOptions({
      queryKey: ["motion", "registrations", "mine", memberId] as const,
      queryFn: ({ signal }) =>
        api.get<{ items: Registration[]; total: number }>("/api/registrations", { memberId, pageSize: 20 }, signal),
    }),
  mobile: (memberId: number) =>
    queryOptions({
      queryKey: ["motion", "mobile", "mine", memberId] as const,
      queryFn: ({ signal }) =>
        api.get<{ items: MobileMember[]; total: number }>("/api/mobile-members", { memberId, pageSize: 20 }, signal),
    }),
};
