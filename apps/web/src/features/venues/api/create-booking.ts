import type { CreateBookingBody, CreateBookingResponse } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** 预约: confirmed at once, or requested when the venue needs approval; 409 booking.conflict on a clash. */
export function createBooking(body: CreateBookingBody): Promise<CreateBookingResponse> {
  return api.post<CreateBookingResponse>("/api/bookings", body);
}

export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venuesQueries.bookings() }),
  });
}
