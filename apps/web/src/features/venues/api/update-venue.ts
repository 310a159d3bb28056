import type { UpdateVenueBody, Venue } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

export function updateVenue(input: { id: number; body: UpdateVenueBody }): Promise<Venue> {
  return api.patch<Venue>(`/api/venues/${input.id}`, input.body);
}

export function useUpdateVenue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateVenue,
    onSuccess: (venue) => {
      queryClient.setQueryData(venuesQueries.detail(venue.id).queryKey, venue);
      return queryClient.invalidateQueries({ queryKey: venuesQueries.venues() });
    },
  });
}
