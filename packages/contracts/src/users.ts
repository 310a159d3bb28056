import { z } from "zod";
import { newPassword, role, roleAssignment } from "./auth.ts";
import { humanText, pageQuery } from "./common.ts";

/** Accounts, kept by the system administrator; roles, assigned by the security administrator. */
export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().int().nullable(),
  disabled: z.boolean(),
  /** The password was set by an administrator and must be changed at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** Two-factor sign-in is set up. */
  secondFactor: z.boolean(),
  /** A reset of this administrator's password or second factor awaiting the security administrator. */
  pendingReset: z.object({ id: z.number().int(), requestedAt: z.string() }).nullable(),
  roles: z.array(roleAssignment),
});
export type User = z.infer<typeof user>;

export const userListQuery = pageQuery
  .extend({
    /** Username or display name contains. */
    q: humanText({ min: 0, max: 64 }).optional(),
    role: role.optional(),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuery>;

export const createUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_.-]{1,64}$/, { message: "username.format" }),
    displayName: humanText({ max: 50 }),
    password: newPassword,
    memberId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: humanText({ max: 50 }),
    /** A one-time password: its owner must choose a new one at the next sign-in. */
    password: newPassword,
    disabled: z.boolean(),
    /** Clears two-factor sign-in (a lost phone); the owner enrols again at the next sign-in. */
    resetSecondFactor: z.literal(true),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "validation.emptyUpdate" });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const assignRoleBody = z
  .object({
    role,
    /** Required for coordinator, secretary, member and leader; absent for the three administrators. */
    orgId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type AssignRoleBody = z.infer<typeof assignRoleBody>;

/**
 * The system administrator's reset of another administrator's password or second factor waits
 * for the security administrator (two people), so neither alone can take over an administrator.
 */
export const passwordResetStatus = z.enum(["pending", "approved", "rejected", "expired"]);
export const passwordResetRequest = z.object({
  id: z.number().int(),
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
  requestedBy: z.object({ id: z.number().int(), username: z.string() }),
  password: z.boolean(),
  resetSecondFactor: z.boolean(),
  status: passwordResetStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequest>;

export const passwordResetListQuery = pageQuery.extend({ status: passwordResetStatus.optional() }).strict();
export type PasswordResetListQuery = z.infer<typeof passwordResetListQuery>;
