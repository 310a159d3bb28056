import type { Me } from "@huzhu/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { meQueryKey } from "../../auth/api/get-me.ts";
import { userKeys } from "./keys.ts";

/**
 * After any account or role change: the lists, and the signed-in user when the change was to
 * their own account (a new display name or role shows in the header at once).
 */
export function refreshAfterUserChange(queryClient: QueryClient, userId: number): Promise<void> {
  const me = queryClient.getQueryData<Me>(meQueryKey);
  if (me?.user.id === userId) void queryClient.invalidateQueries({ queryKey: meQueryKey });
  return queryClient.invalidateQueries({ queryKey: userKeys.lists() });
}
