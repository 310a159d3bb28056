import type { PasswordResetRequest } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { userKeys } from "./keys.ts";

export interface PasswordResetPage {
  items: PasswordResetRequest[];
  total: number;
}

/**
 * GET /api/password-resets?status=pending: resets of administrators' passwords or second factors
 * that wait for the security administrator. A handful at most, so one page of 100 holds them.
 */
export function listPendingResets(signal?: AbortSignal): Promise<PasswordResetPage> {
  return api.get<PasswordResetPage>("/api/password-resets", { status: "pending", pageSize: 100 }, signal);
}

export function usePendingResets() {
  return useQuery({
    queryKey: userKeys.pendingResets(),
    queryFn: ({ signal }) => listPendingResets(signal),
  });
}
