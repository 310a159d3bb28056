import type { CreateVenueBody, Venue } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { venuesQueries } from "./queries.ts";

/** An owner opens a venue or facility of their organization to others (阵地共享). */
export function createVenue(body: CreateVenueBody): Promise<Venue> {
  return api.post<Venue>("/api/venues", body);
}

export function useCreateVenue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createVenue,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venuesQueries.venues() }),
  });
}
