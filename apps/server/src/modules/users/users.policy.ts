import { defineAction, definePolicy } from "../../platform/policy.ts";
import { type UserRow, usersRepository } from "./users.repository.ts";

/**
 * Accounts are the administrators' (三权分立): the system administrator keeps accounts, the
 * security administrator grants roles and decides password resets. Both read the list. Their
 * scope is global (an administrator's work is not about one jurisdiction), so the reach of an
 * account is empty: nobody else reaches one through an organization. One's own account is
 * /api/me (auth.policy.ts).
 */
export const userPolicy = definePolicy<UserRow, "read" | "update" | "assignRole" | "withdrawRole">(
  {
    name: "user",
    reach: [],
    load: (db, where, ids) => usersRepository(db).findWhere(where, ids),
    id: (user) => user.id,
  },
  {
    read: { grant: ["user.manage", "role.manage"] },
    update: { grant: "user.manage" },
    assignRole: { grant: "role.manage" },
    withdrawRole: { grant: "role.manage", presented: false },
  },
);

export const userActions = {
  create: defineAction("user.create", "user.manage"),
  listPasswordResets: defineAction("passwordReset.list", "role.manage"),
  decidePasswordReset: defineAction("passwordReset.decide", "role.manage"),
};
