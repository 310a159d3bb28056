import type { CreateTransferBody, Transfer } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries } from "./queries.ts";

export function requestTransfer(body: CreateTransferBody): Promise<Transfer> {
  return api.post<Transfer>("/api/transfers", body);
}

export function useRequestTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestTransfer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.transfers() }),
  });
}
