import type { QueryClient } from "@tanstack/react-query";
import { authQueries } from "../../../lib/auth/me.ts";
import { usersQueries } from "./queries.ts";

/**
 * After any account or role change: the lists, and the signed-in user when the change was to
 * their own account (a new display name or role shows in the header at once).
 */
export function refreshAfterUserChange(queryClient: QueryClient, userId: number): Promise<void> {
  const me = queryClient.getQueryData(authQueries.me().queryKey);
  if (me?.user.id === userId) void queryClient.invalidateQueries({ queryKey: authQueries.me().queryKey });
  return queryClient.invalidateQueries({ queryKey: usersQueries.lists() });
}
