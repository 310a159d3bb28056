import type { Booking, DecideBookingBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

export function declineBooking(input: { id: number; body: DecideBookingBody }): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${input.id}/decline`, input.body);
}

export function useDeclineBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declineBooking,
    onSuccess: (booking) => {
      queryClient.setQueryData(venuesQueries.booking(booking.id).queryKey, booking);
      return queryClient.invalidateQueries({ queryKey: venuesQueries.bookings() });
    },
  });
}
