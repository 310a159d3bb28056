import { z } from "zod";
import { humanText, isoDate, pageQuery, totalUpTo } from "./common.ts";
import { orgArea } from "./orgs.ts";

/**
 * Shared venues, facilities and courses (issue 10; F4 阵地共享·双向开放, F15 service centres,
 * F20 remote education). Every record is owned by an organization, named by id.
 *
 * API (all under /api, JSON, errors `{ error: { code, message, field? } }` with the message in the
 * request's language; writes need the CSRF header like every other write):
 *
 * Venues and facilities (one catalogue; `kind` says which, see `facilityKinds`)
 * - GET   /venues?page&pageSize&q&kind&orgId&within&bookable  → { items: Venue[], total }
 *         `bookable=true`: only those the caller may book for some organization.
 * - POST  /venues            CreateVenueBody → 201 Venue
 * - GET   /venues/{id}       → Venue (with `abilities.book`: whether the caller may book it)
 * - PATCH /venues/{id}       UpdateVenueBody → Venue
 * - GET   /venues/usage?from&to&within → VenueUsage (bookings and hours by direction, per organization)
 *
 * Bookings (request → confirmed at once, or requested → approved/declined; cancel; check-in)
 * - GET   /bookings?page&pageSize&venueId&orgId&from&to&status → { items: Booking[], total }
 *         `from`/`to` select bookings overlapping [from, to) (a calendar's week or month).
 * - POST  /bookings          CreateBookingBody → 201 { id, status } (`confirmed` or `requested`)
 *         409 `booking.conflict`: the slot overlaps a confirmed booking; the message names its
 *         time (China time) and organization. 400 with `field`: `end` (end before start),
 *         `start`/`end` (outside opening hours: `booking.outsideHours`; on a blackout date:
 *         `booking.blackout`), `attendees` (`booking.overCapacity`), `venueId`
 *         (`booking.notBookable`: the venue is not open to that organization, or closed),
 *         `orgId` (not an organization the caller books for).
 * - GET   /bookings/{id}     → Booking
 * - POST  /bookings/{id}/approve            → Booking (409 `booking.conflict` if it now overlaps)
 * - POST  /bookings/{id}/decline  DecideBookingBody → Booking
 * - POST  /bookings/{id}/cancel   DecideBookingBody → Booking
 * - POST  /bookings/{id}/check-in CheckInBody → Booking (`token` from the QR link; only the booking
 *         organization's people, from 1 hour before start to the end: 409 `booking.checkInWindow`)
 * - GET   /bookings/{id}/qr.svg  → image/svg+xml of the check-in link (`checkInPath`), for the
 *         venue's owner and the booking organization (the venue shows it at the door).
 *
 * Remote education (courses incl. experience write-ups; assignments; a member's progress)
 * - GET   /courses?page&pageSize&q&kind&orgId&assigned → { items: Course[], total }
 * - POST  /courses           CreateCourseBody → 201 Course
 * - GET   /courses/{id}      → CourseDetail (the caller's own progress when they are a member)
 * - PATCH /courses/{id}      UpdateCourseBody → CourseDetail (the owner's side)
 * - POST  /courses/{id}/assignments  AssignCourseBody → { assigned: number }
 * - GET   /courses/{id}/progress     → CourseProgress (the caller's, as a member)
 * - POST  /courses/{id}/progress     RecordStudyBody → CourseProgress (adds studied minutes;
 *         completed once the course's minutes are reached)
 * - GET   /study                     → StudyPage (a member's assigned courses, hours, completions)
 * - GET   /study/courses/{id}        → CourseDetail as its member studies it (content, own progress;
 *         the jurisdiction's counts are empty). Members hold no help.read, so this is their way in.
 *
 * Who: venues, bookings and courses use mutual help's permissions (help.read sees, help.write
 * registers, books, approves, checks in, assigns); `/study…` and `/courses/{id}/progress` are any
 * signed-in member's own (404 for a course not assigned to them).
 * Home page: card `venues` (VenuesCard in home.ts): next bookings, requests awaiting approval.
 * Notifications (kind → link): booking.requested / booking.booked (to the venue's owner),
 * booking.approved / booking.declined (to the booking organization), booking.cancelled (to the
 * other side), booking.checkedIn (to the venue's owner), booking.reminder (to the booking
 * organization, the day before a booking made earlier) → `/bookings/{id}`; course.assigned (to
 * members assigned one by one) → `/study`.
 *
 * Times: every date-time is ISO 8601 with an offset; the server answers in China time
 * (`+08:00`). Opening hours and blackout dates are China-time wall clock and dates.
 * Stored statuses are requested/confirmed/declined/cancelled/checked_in; a confirmed booking whose
 * end has passed is presented `no_show`, a checked-in one `done`.
 */

/** The zone every venue's hours and dates are in, and in which times are presented. */
export const VENUE_TIME_ZONE = "Asia/Shanghai";

/** 党群活动室, 党员服务中心, 会议室/礼堂, 红色教育基地, 培训基地, 乡村实践基地, 远程教育站点 */
export const venueKinds = [
  "activity_room",
  "service_centre",
  "meeting_hall",
  "red_education_base",
  "training_base",
  "practice_base",
  "remote_education_site",
  "public_place",
] as const;
/** 设备, 车辆, 大屏/投影 — booked like venues, listed as facilities. */
export const facilityKinds = ["equipment", "vehicle", "screen"] as const;
export const venueKind = z.enum([...venueKinds, ...facilityKinds]);
export type VenueKind = z.infer<typeof venueKind>;

/**
 * Who may book or use a venue besides its owner and the owner's superiors (two-way opening):
 * the owner's own jurisdiction (`jurisdiction`: its subtree and superiors), also the owner's
 * pairing partners (`partners`), or every organization of its county or city (`region`, 全县/全市).
 */
export const venueOpenings = ["jurisdiction", "partners", "region"] as const;
export const venueOpening = z.enum(venueOpenings);
export type VenueOpening = z.infer<typeof venueOpening>;

export const venueStatuses = ["active", "closed"] as const;
export const venueStatus = z.enum(venueStatuses);

/** HH:MM, 00:00–24:00 (24:00 only as an end). */
export const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: "time.format" });

/** One opening window on a weekday (1 = Monday … 7 = Sunday), China time. */
export const openingWindow = z
  .object({
    weekday: z.number().int().min(1).max(7),
    from: clockTime,
    to: clockTime,
  })
  .strict()
  .refine((w) => w.from < w.to, { message: "venue.openingWindowOrder", path: ["to"] });
export type OpeningWindow = z.infer<typeof openingWindow>;

const orgRef = z.object({ id: z.number().int(), name: z.string() });

const venueFields = {
  kind: venueKind,
  name: humanText({ max: 100 }),
  description: humanText({ min: 0, max: 5000, multiline: true }).nullable().optional(),
  address: humanText({ min: 0, max: 200 }).nullable().optional(),
  /** People it holds (a facility: units or seats); null: not limited. */
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
  openTo: venueOpening,
  /** When it may be booked; empty: any time. */
  openingHours: z.array(openingWindow).max(28).optional(),
  /** Whole days (China time) it may not be booked. */
  blackoutDates: z.array(isoDate).max(366).optional(),
  /** Bookings wait for the owner's approval; otherwise they are confirmed at once. */
  requiresApproval: z.boolean(),
  /** Photos uploaded first (POST /api/attachments). */
  photoIds: z.array(z.uuid()).max(20).optional(),
};

export const createVenueBody = z
  .object({
    /** The owning organization (one the caller manages). */
    orgId: z.number().int().positive(),
    ...venueFields,
  })
  .strict();
export type CreateVenueBody = z.infer<typeof createVenueBody>;

export const updateVenueBody = z
  .object({ ...venueFields, status: venueStatus })
  .partial()
  .strict();
export type UpdateVenueBody = z.infer<typeof updateVenueBody>;

export const venueListQuery = pageQuery
  .extend({
    q: humanText({ min: 0, max: 50 }).optional(),
    kind: venueKind.optional(),
    /** Venues of one owner. */
    orgId: z.coerce.number().int().positive().optional(),
    /** Venues of an organization and everything under it. */
    within: z.coerce.number().int().positive().optional(),
    /** Only venues the caller may book (for some organization they act for). */
    bookable: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();
export type VenueListQuery = z.infer<typeof venueListQuery>;

export const venue = z.object({
  id: z.number().int(),
  kind: venueKind,
  /** Whether it is a facility (equipment, vehicle, screen) rather than a place. */
  facility: z.boolean(),
  name: z.string(),
  description: z.string().nullable(),
  address: z.string().nullable(),
  capacity: z.number().int().nullable(),
  owner: orgRef,
  /** The owner's area: a rural venue opened to urban organizations and the other way round. */
  ownerArea: orgArea,
  openTo: venueOpening,
  openingHours: z.array(openingWindow),
  blackoutDates: z.array(z.string()),
  requiresApproval: z.boolean(),
  status: venueStatus,
  photoIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    update: z.boolean(),
    /** May book it for some organization the caller acts for. */
    book: z.boolean(),
    /** May approve or decline its bookings (the owner's side). */
    manageBookings: z.boolean(),
  }),
});
export type Venue = z.infer<typeof venue>;

// ---- bookings ----

/** ISO 8601 date-time with an offset (2026-12-01T09:00:00+08:00 or …Z). */
export const offsetDateTime = z.iso.datetime({ offset: true, message: "dateTime.format" });

export const bookingStatuses = [
  "requested",
  "confirmed",
  "declined",
  "cancelled",
  "checked_in",
  "done",
  "no_show",
] as const;
export const bookingStatus = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatus>;

/** Statuses that hold the slot: the database refuses two of them overlapping on one venue. */
export const slotHoldingStatuses = ["confirmed", "checked_in"] as const;

/** How long before the start a booking may be checked in. */
export const CHECK_IN_LEAD_MINUTES = 60;

export const createBookingBody = z
  .object({
    venueId: z.number().int().positive(),
    /** The booking organization (one the caller acts for). */
    orgId: z.number().int().positive(),
    start: offsetDateTime,
    end: offsetDateTime,
    purpose: humanText({ max: 500, multiline: true }),
    /** Expected people; checked against the venue's capacity. */
    attendees: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type CreateBookingBody = z.infer<typeof createBookingBody>;

export const createBookingResponse = z.object({
  id: z.number().int(),
  status: z.enum(["confirmed", "requested"]),
});
export type CreateBookingResponse = z.infer<typeof createBookingResponse>;

/** A decline's or a cancellation's reason (optional). */
export const decideBookingBody = z
  .object({ reason: humanText({ min: 0, max: 500, multiline: true }).optional() })
  .strict();
export type DecideBookingBody = z.infer<typeof decideBookingBody>;

export const checkInBody = z.object({ token: z.string().min(16).max(100) }).strict();
export type CheckInBody = z.infer<typeof checkInBody>;

export const bookingListQuery = pageQuery
  .extend({
    venueId: z.coerce.number().int().positive().optional(),
    /** The booking organization. */
    orgId: z.coerce.number().int().positive().optional(),
    /** Bookings overlapping [from, to). */
    from: offsetDateTime.optional(),
    to: offsetDateTime.optional(),
    status: bookingStatus.optional(),
    /** Count no further than this (`totalCapped` says it stopped): a calendar shows what it fetched. */
    totalUpTo: totalUpTo.optional(),
  })
  .strict();
export type BookingListQuery = z.infer<typeof bookingListQuery>;

export const booking = z.object({
  id: z.number().int(),
  venue: z.object({ id: z.number().int(), name: z.string(), kind: venueKind }),
  /** The venue's owner. */
  owner: orgRef,
  /** The booking organization. */
  org: orgRef,
  /** China time, with offset (+08:00). */
  start: z.string(),
  end: z.string(),
  purpose: z.string(),
  attendees: z.number().int().nullable(),
  status: bookingStatus,
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  /**
   * The web path the QR code opens (checkInPath), for those who may show or use it (the venue's
   * owner and the booking organization); null otherwise.
   */
  checkInPath: z.string().nullable(),
  abilities: z.object({
    approve: z.boolean(),
    decline: z.boolean(),
    cancel: z.boolean(),
    checkIn: z.boolean(),
    qr: z.boolean(),
  }),
});
export type Booking = z.infer<typeof booking>;

/** The web page a booking's QR code opens (the check-in page for that booking). */
export function checkInPath(bookingId: number, token: string): string {
  return `/check-in/${bookingId}?token=${encodeURIComponent(token)}`;
}

// ---- usage figures ----

/**
 * Direction of a booking: from the booking organization's area to the venue owner's
 * (`urban_to_rural`: an urban organization uses a rural venue).
 */
export const usageDirections = ["urban_to_rural", "rural_to_urban", "urban_to_urban", "rural_to_rural"] as const;
export const usageDirection = z.enum(usageDirections);
export type UsageDirection = z.infer<typeof usageDirection>;

export const venueUsageQuery = z
  .object({
    /** Dates (China time), inclusive; default the last 12 months. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** An organization of the caller's jurisdiction (default: all of it). */
    within: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type VenueUsageQuery = z.infer<typeof venueUsageQuery>;

export const venueUsage = z.object({
  from: z.string(),
  to: z.string(),
  /** Bookings that took place or hold a slot (confirmed, checked in, done), with their hours. */
  directions: z.array(z.object({ direction: usageDirection, bookings: z.number().int(), hours: z.number() })),
  coursesCompleted: z.number().int(),
  organizations: z.array(
    z.object({
      org: orgRef,
      area: orgArea,
      /** As the booking organization (visits). */
      bookingsMade: z.number().int(),
      hoursBooked: z.number(),
      /** As the venues' owner (hosting). */
      bookingsHosted: z.number().int(),
      hoursHosted: z.number(),
      coursesCompleted: z.number().int(),
    }),
  ),
});
export type VenueUsage = z.infer<typeof venueUsage>;

// ---- courses (remote education) and experience write-ups ----

/** 视频, 文档, 链接, 党务经验 (a case write-up with attachments). */
export const courseKinds = ["video", "document", "link", "experience"] as const;
export const courseKind = z.enum(courseKinds);
export type CourseKind = z.infer<typeof courseKind>;

export const createCourseBody = z
  .object({
    orgId: z.number().int().positive(),
    kind: courseKind,
    title: humanText({ max: 100 }),
    summary: humanText({ min: 0, max: 2000, multiline: true }).nullable().optional(),
    /** An experience's write-up, or a document's text. */
    body: humanText({ min: 0, max: 50_000, multiline: true }).nullable().optional(),
    /** A video's or a link's address. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional(),
    /** Study time the course counts for, in minutes. */
    minutes: z.number().int().min(1).max(6000),
    openTo: venueOpening,
    /** Documents and photos uploaded first (POST /api/attachments). */
    attachmentIds: z.array(z.uuid()).max(20).optional(),
  })
  .strict();
export type CreateCourseBody = z.infer<typeof createCourseBody>;

/** Editing a course (its owner's side): any field but the owner. */
export const updateCourseBody = createCourseBody.omit({ orgId: true }).partial().strict();
export type UpdateCourseBody = z.infer<typeof updateCourseBody>;

export const courseListQuery = pageQuery
  .extend({
    q: humanText({ min: 0, max: 50 }).optional(),
    kind: courseKind.optional(),
    orgId: z.coerce.number().int().positive().optional(),
    /** Only courses assigned to the caller (as a member) or to organizations they manage. */
    assigned: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();
export type CourseListQuery = z.infer<typeof courseListQuery>;

export const assignCourseBody = z
  .object({
    /** Organizations whose members study it (their whole membership). */
    orgIds: z.array(z.number().int().positive()).max(200).optional(),
    /** Individual members. */
    memberIds: z.array(z.number().int().positive()).max(500).optional(),
    dueOn: isoDate.nullable().optional(),
  })
  .strict()
  .refine((b) => (b.orgIds?.length ?? 0) + (b.memberIds?.length ?? 0) > 0, {
    message: "course.assignNobody",
    path: ["orgIds"],
  });
export type AssignCourseBody = z.infer<typeof assignCourseBody>;

export const recordStudyBody = z.object({ minutes: z.number().int().min(1).max(600) }).strict();
export type RecordStudyBody = z.infer<typeof recordStudyBody>;

export const course = z.object({
  id: z.number().int(),
  kind: courseKind,
  title: z.string(),
  summary: z.string().nullable(),
  url: z.string().nullable(),
  minutes: z.number().int(),
  owner: orgRef,
  openTo: venueOpening,
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), assign: z.boolean(), study: z.boolean() }),
});
export type Course = z.infer<typeof course>;

export const courseProgress = z.object({
  courseId: z.number().int(),
  memberId: z.number().int(),
  minutesStudied: z.number().int(),
  /** Hours studied, to one decimal. */
  hours: z.number(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
});
export type CourseProgress = z.infer<typeof courseProgress>;

export const courseDetail = course.extend({
  body: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  /** Assigned organizations and members, and how many completed it (within the caller's reach). */
  assignedOrgs: z.array(orgRef),
  assignedMembers: z.number().int(),
  completions: z.number().int(),
  /** The caller's own progress, when they are a member it is assigned to or who studied it. */
  myProgress: courseProgress.nullable(),
});
export type CourseDetail = z.infer<typeof courseDetail>;

/** A member's study page (学习记录): their courses with progress, totals. No rankings (no 形式主义). */
export const studyPage = z.object({
  memberId: z.number().int(),
  totalMinutes: z.number().int(),
  totalHours: z.number(),
  completed: z.number().int(),
  items: z.array(z.object({ course, progress: courseProgress })),
});
export type StudyPage = z.infer<typeof studyPage>;
