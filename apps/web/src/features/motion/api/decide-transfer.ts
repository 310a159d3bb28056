import type { RejectTransferBody, Transfer } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries } from "./queries.ts";

/** Accept (or confirm a transfer out of the platform), reject with a reason, or withdraw. */
export type TransferDecision =
  | { id: number; action: "accept" }
  | { id: number; action: "cancel" }
  | { id: number; action: "reject"; body: RejectTransferBody };

export function decideTransfer(input: TransferDecision): Promise<Transfer> {
  return api.post<Transfer>(`/api/transfers/${input.id}/${input.action}`, "body" in input ? input.body : undefined);
}

export function useDecideTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideTransfer,
    onSuccess: (transfer) => {
      queryClient.setQueryData(motionQueries.transfer(transfer.id).queryKey, transfer);
      return queryClient.invalidateQueries({ queryKey: motionQueries.transfers() });
    },
  });
}
