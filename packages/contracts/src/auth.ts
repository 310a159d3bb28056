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
  "pairing.solve",
  "help.read",
  "help.write",
  "help.assign",
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

/**
 * What a session must do before anything else works:
 * - second_factor: the password was right, the TOTP (or a recovery) code is still to come;
 * - password_change: an administrator set the password, so it is a one-time password;
 * - second_factor_enrolment: the user's role needs two-factor sign-in and it is not set up yet.
 * While any is pending only the routes that settle it, /api/me and sign-out answer.
 */
export const sessionGates = ["second_factor", "password_change", "second_factor_enrolment"] as const;
export const sessionGate = z.enum(sessionGates);
export type SessionGate = z.infer<typeof sessionGate>;

/** At least 10 characters mixing at least three of: lower case, upper case, digits, symbols. */
export const newPassword = z
  .string()
  .min(10, { message: "password.weak" })
  .max(256)
  .refine((p) => [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(p)).length >= 3, {
    message: "password.weak",
  });

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword,
  })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

/** A 6-digit TOTP code, or a recovery code ("k7m2-p9xq-4t") at sign-in. */
export const secondFactorBody = z.object({ code: z.string().trim().min(6).max(20) }).strict();
export type SecondFactorBody = z.infer<typeof secondFactorBody>;

export const totpCodeBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: "totp.format" }),
  })
  .strict();
export type TotpCodeBody = z.infer<typeof totpCodeBody>;

export const disableSecondFactorBody = z
  .object({
    currentPassword: z.string().min(1).max(256),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: "totp.format" }),
  })
  .strict();
export type DisableSecondFactorBody = z.infer<typeof disableSecondFactorBody>;

/** Enrolment: the secret once, as text and as a QR code for an authenticator app. */
export const totpSetup = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** data:image/svg+xml URL */
  qrCode: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetup>;

/** Shown once; each works once in place of a TOTP code. */
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodes>;

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
    /** Two-factor sign-in is set up. */
    secondFactor: z.boolean(),
    /** The user's roles require two-factor sign-in here (HUZHU_REQUIRE_2FA). */
    secondFactorRequired: z.boolean(),
  }),
  /** Steps this session must take first; empty once it may work. Roles and permissions are empty until then. */
  gates: z.array(sessionGate),
  roles: z.array(roleAssignment),
  /** What the user may do anywhere; the web shows navigation and buttons from this. */
  permissions: z.array(permission),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const loginResponse = me;
export type LoginResponse = Me;
