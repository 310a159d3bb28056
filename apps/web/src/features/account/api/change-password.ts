import type { ChangePasswordBody, Me } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { storeMe } from "../../../lib/auth/me.ts";

/**
 * POST /api/me/password: 修改密码, with the current password. Settles the `password_change` gate
 * and ends the user's other sessions. Common passwords, ones containing the username or name,
 * and the same password again are refused with a 400 naming `newPassword`.
 */
export function changePassword(body: ChangePasswordBody): Promise<Me> {
  return api.post<Me>("/api/me/password", body);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (me) => storeMe(queryClient, me),
  });
}
