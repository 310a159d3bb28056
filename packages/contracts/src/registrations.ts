import { z } from "zod";
import { humanText, isoDate, pageQuery } from "./common.ts";

/**
 * In-service members registering with their residential community (在职党员到社区报到, 双报到,
 * issue 11): a member working in an organ, a school or an enterprise registers with the community
 * where they live, takes service posts the community publishes (服务岗位), and the community records
 * the hours they serve.
 *
 * - `GET /registrations` `registrationListQuery` → `{ items, total }`;
 *   `POST /registrations` `createRegistrationBody` → 201 `registration` (the member's own
 *   organization's side, or the member themself); 409 `registration.active` while one is active.
 * - `GET /service-posts?orgId=` → the community's posts (anyone signed in: they are public notices);
 *   `POST /service-posts` `createServicePostBody` (member.write over the community).
 * - `POST /registrations/{id}/posts` `takePostBody` — the member (or the community) takes a post.
 * - `GET/POST /registrations/{id}/hours` `recordHoursBody` — the community records hours served.
 */
export const registrationStatuses = ["active", "ended"] as const;
export const registrationStatus = z.enum(registrationStatuses);

export const createRegistrationBody = z
  .object({
    memberId: z.number().int().positive(),
    /** The residential community's organization. */
    communityOrgId: z.number().int().positive(),
  })
  .strict();
export type CreateRegistrationBody = z.infer<typeof createRegistrationBody>;

export const registrationListQuery = pageQuery
  .extend({
    /** Registrations with one community (and its subtree is not implied). */
    communityOrgId: z.coerce.number().int().positive().optional(),
    memberId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type RegistrationListQuery = z.infer<typeof registrationListQuery>;

export const createServicePostBody = z
  .object({
    orgId: z.number().int().positive(),
    title: humanText({ max: 100 }),
    description: humanText({ max: 500, multiline: true }).optional(),
  })
  .strict();
export type CreateServicePostBody = z.infer<typeof createServicePostBody>;

export const servicePostListQuery = z.object({ orgId: z.coerce.number().int().positive() }).strict();
export type ServicePostListQuery = z.infer<typeof servicePostListQuery>;

export const takePostBody = z.object({ postId: z.number().int().positive() }).strict();
export type TakePostBody = z.infer<typeof takePostBody>;

export const recordHoursBody = z
  .object({
    postId: z.number().int().positive(),
    servedOn: isoDate,
    /** Hours served that day, in halves of an hour. */
    hours: z
      .number()
      .positive()
      .max(24)
      .refine((h) => Number.isInteger(h * 2), { message: "registration.halfHours" }),
  })
  .strict();
export type RecordHoursBody = z.infer<typeof recordHoursBody>;

const named = z.object({ id: z.number().int(), name: z.string() });

export const servicePost = z.object({
  id: z.number().int(),
  org: named,
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(["open", "closed"]),
});
export type ServicePost = z.infer<typeof servicePost>;

export const registration = z.object({
  id: z.number().int(),
  status: registrationStatus,
  member: named,
  originOrg: named,
  community: named,
  registeredOn: z.string(),
  /** The posts taken, each with the hours served in it. */
  posts: z.array(z.object({ id: z.number().int(), title: z.string(), hours: z.number() })),
  totalHours: z.number(),
  abilities: z.object({ takePost: z.boolean(), recordHours: z.boolean() }),
});
export type Registration = z.infer<typeof registration>;

export const serviceHoursEntry = z.object({
  id: z.number().int(),
  post: z.object({ id: z.number().int(), title: z.string() }),
  servedOn: z.string(),
  hours: z.number(),
  by: z.string(),
});
export type ServiceHoursEntry = z.infer<typeof serviceHoursEntry>;
