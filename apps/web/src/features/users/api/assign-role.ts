import type { AssignRoleBody, User } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { refreshAfterUserChange } from "./refresh.ts";

/**
 * POST /api/users/:id/roles: grants a role (security administrator). Refused with 409
 * `role.separationOfDuties` when the account already holds another administrator role.
 */
export function assignRole(input: { userId: number; body: AssignRoleBody }): Promise<User> {
  return api.post<User>(`/api/users/${input.userId}/roles`, input.body);
}

export function useAssignRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignRole,
    onSuccess: (user) => refreshAfterUserChange(queryClient, user.id),
  });
}
