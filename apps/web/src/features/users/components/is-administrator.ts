import { adminRoles, type User } from "@huzhu/contracts";

/** Resets of an administrator's password or second factor wait for the security administrator. */
export function isAdministrator(user: Pick<User, "roles">): boolean {
  return user.roles.some((r) => (adminRoles as readonly string[]).includes(r.role));
}
