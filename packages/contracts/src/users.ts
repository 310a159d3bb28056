import { z } from "zod";
import { role, roleAssignment } from "./auth.ts";
import { pageQuery } from "./common.ts";

/** Accounts, kept by the system administrator; roles, assigned by the security administrator. */
export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().int().nullable(),
  disabled: z.boolean(),
  roles: z.array(roleAssignment),
});
export type User = z.infer<typeof user>;

export const userListQuery = pageQuery
  .extend({
    /** Username or display name contains. */
    q: z.string().trim().max(64).optional(),
    role: role.optional(),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuery>;

/** At least 10 characters mixing at least three of: lower case, upper case, digits, symbols. */
export const newPassword = z
  .string()
  .min(10, { message: "password.weak" })
  .max(256)
  .refine((p) => [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(p)).length >= 3, {
    message: "password.weak",
  });

export const createUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_.-]{1,64}$/, { message: "username.format" }),
    displayName: z.string().trim().min(1).max(50),
    password: newPassword,
    memberId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(50),
    password: newPassword,
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const assignRoleBody = z
  .object({
    role,
    /** Required for coordinator, secretary, member and leader; absent for the three administrators. */
    orgId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type AssignRoleBody = z.infer<typeof assignRoleBody>;
