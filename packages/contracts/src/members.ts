import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";

export const gender = z.enum(["male", "female"]);
export const memberStatus = z.enum(["probationary", "full"]);
export type MemberStatus = z.infer<typeof memberStatus>;
export const educations = [
  "primary",
  "junior_high",
  "senior_high",
  "vocational",
  "associate",
  "bachelor",
  "master",
  "doctorate",
] as const;
export const education = z.enum(educations);

/** 18-character resident ID number; the GB 11643 check digit is verified on the server and in the form. */
export const idNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, { message: "idNumber.format" }));
/** Mainland mobile number. */
export const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: "phone.format" });

export const member = z.object({
  id: z.number().int(),
  name: z.string(),
  gender,
  ethnicity: z.string(),
  /**
   * The birth year, and the age as this year minus it (it does not change on the birthday, which
   * would give the date away). The full birth date is inside the encrypted ID number: reveal.
   */
  birthYear: z.number().int(),
  age: z.number().int(),
  /** Always masked, e.g. 35**************34; the full value only through reveal. */
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  education,
  joinDate: z.string(),
  status: memberStatus,
  primaryOrg: z.object({ id: z.number().int(), name: z.string() }),
  coOrg: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  abilities: z.object({ update: z.boolean(), reveal: z.boolean() }),
});
export type Member = z.infer<typeof member>;

export const memberListQuery = pageQuery
  .extend({
    /** Name (Chinese, substring) or the exact full ID number. */
    q: humanText({ min: 0, max: 50 }).optional(),
    /** Members of this organization's subtree (primary or co-managing). */
    orgId: z.coerce.number().int().positive().optional(),
    status: memberStatus.optional(),
    gender: gender.optional(),
    education: education.optional(),
    ethnicity: humanText({ max: 20 }).optional(),
    joinedFrom: isoDate.optional(),
    joinedTo: isoDate.optional(),
    /** Age band, inclusive (age as the roster shows it: this year minus the birth year). */
    ageFrom: z.coerce.number().int().min(0).max(150).optional(),
    ageTo: z.coerce.number().int().min(0).max(150).optional(),
  })
  .strict();
export type MemberListQuery = z.infer<typeof memberListQuery>;

/** The roster export takes the list's filters, without paging: it writes every matching row (up to a cap). */
export const memberExportQuery = memberListQuery.omit({ page: true, pageSize: true });
export type MemberExportQuery = z.infer<typeof memberExportQuery>;

const memberFields = {
  name: humanText({ max: 50 }),
  gender,
  ethnicity: humanText({ max: 20 }),
  birthDate: isoDate,
  idNumber,
  phone: phone.nullable().optional(),
  education,
  joinDate: isoDate,
  status: memberStatus,
  primaryOrgId: z.number().int().positive(),
  coOrgId: z.number().int().positive().nullable().optional(),
};

export const createMemberBody = z.object(memberFields).strict();
export type CreateMemberBody = z.infer<typeof createMemberBody>;
export const updateMemberBody = z.object(memberFields).partial().strict();
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

/**
 * The personal fields shown only through an audited reveal. The birth date is one of them: with it
 * and the mask, only two digits of the ID number's sequence stay hidden once the county is known.
 */
export const revealField = z.enum(["idNumber", "phone", "birthDate"]);
export type RevealField = z.infer<typeof revealField>;

export const revealBody = z
  .object({
    field: revealField,
    reason: humanText({ min: 2, max: 200, multiline: true }),
  })
  .strict();
export type RevealBody = z.infer<typeof revealBody>;
export const revealResponse = z.object({ field: revealField, value: z.string().nullable() });
