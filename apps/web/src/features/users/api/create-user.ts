import type { CreateUserBody, User } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { refreshAfterUserChange } from "./refresh.ts";

/** POST /api/users: a new account, without roles (the security administrator grants those). */
export function createUser(body: CreateUserBody): Promise<User> {
  return api.post<User>("/api/users", body);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: (user) => refreshAfterUserChange(queryClient, user.id),
  });
}
