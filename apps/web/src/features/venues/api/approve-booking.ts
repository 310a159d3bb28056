import type { Booking } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

export function approveBooking(input: { id: number }): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${input.id}/approve`, undefined);
}

export function useApproveBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveBooking,
    onSuccess: (booking) => {
      queryClient.setQueryData(venuesQueries.booking(booking.id).queryKey, booking);
      return queryClient.invalidateQueries({ queryKey: venuesQueries.bookings() });
    },
  });
}
