import type { MobileContactBody, MobileMember } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries } from "./queries.ts";

/** Receive at the destination, record a contact, or close (the member returned). */
export type MobileStep =
  | { id: number; action: "receive" }
  | { id: number; action: "close" }
  | { id: number; action: "contact"; body: MobileContactBody };

export function mobileStep(input: MobileStep): Promise<MobileMember> {
  return api.post<MobileMember>(
    `/api/mobile-members/${input.id}/${input.action}`,
    "body" in input ? input.body : undefined,
  );
}

export function useMobileStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mobileStep,
    onSuccess: (m) => {
      queryClient.setQueryData(motionQueries.mobileMember(m.id).queryKey, m);
      return queryClient.invalidateQueries({ queryKey: motionQueries.mobile() });
    },
  });
}
