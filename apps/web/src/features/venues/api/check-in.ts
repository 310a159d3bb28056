import type { Booking } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** 签到 with the token from the QR link (409 booking.checkInWindow, 403 booking.notOwnPeople). */
export function checkIn(input: { id: number; token: string }): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${input.id}/check-in`, { token: input.token });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkIn,
    onSuccess: (booking) => {
      queryClient.setQueryData(venuesQueries.booking(booking.id).queryKey, booking);
      return queryClient.invalidateQueries({ queryKey: venuesQueries.bookings() });
    },
  });
}
