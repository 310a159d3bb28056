import { z } from "zod";

export const roles = [
  "coordinator",
  "secretary",
  "member",
  "leader",
  "system_admin",
  "security_admin",
  "audit_admin",
] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** The three separated administrator roles (三权分立): nobody may hold two of them. */
export const adminRoles = ["system_admin", "security_admin", "audit_admin"] as const;

export const permissions = [
  "org.read",
  "org.write",
  "member.read",
  "member.write",
  "member.reveal",
  "member.export",
  "audit.read",
  "user.manage",
  "role.manage",
] as const;
export const permission = z.enum(permissions);
export type Permission = z.infer<typeof permission>;

export const loginBody = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBody>;

export const roleAssignment = z.object({
  id: z.number().int(),
  role,
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof roleAssignment>;

export const me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    memberId: z.number().int().nullable(),
  }),
  roles: z.array(roleAssignment),
  /** What the user may do anywhere; the web shows navigation and buttons from this. */
  permissions: z.array(permission),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const loginResponse = me;
export type LoginResponse = Me;
