import type { UpdateUserBody, User } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { refreshAfterUserChange } from "./refresh.ts";

/**
 * PATCH /api/users/:id: rename, reset the password or disable/enable. A new password or disabling
 * ends every session of that account on the server.
 */
export function updateUser(input: { id: number; body: UpdateUserBody }): Promise<User> {
  return api.patch<User>(`/api/users/${input.id}`, input.body);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: (user) => refreshAfterUserChange(queryClient, user.id),
  });
}
