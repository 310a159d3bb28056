import type {
  Booking,
  BookingListQuery,
  Course,
  CourseDetail,
  CourseListQuery,
  StudyPage,
  Venue,
  VenueListQuery,
  VenueUsage,
  VenueUsageQuery,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type VenueListParams = Partial<Omit<VenueListQuery, "bookable">> & { bookable?: boolean | undefined };
export type BookingListParams = Partial<BookingListQuery>;
export type CourseListParams = Partial<Omit<CourseListQuery, "assigned">> & { assigned?: boolean | undefined };
export type UsageParams = Partial<VenueUsageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  /** The count stopped at the request's totalUpTo. */
  totalCapped?: boolean;
}

/** GET /api/venues: venues and facilities the caller sees (`bookable`: only those they may book). */
export function listVenues(params: VenueListParams, signal?: AbortSignal): Promise<Page<Venue>> {
  return api.get<Page<Venue>>("/api/venues", { ...params }, signal);
}

export function getVenue(id: number, signal?: AbortSignal): Promise<Venue> {
  return api.get<Venue>(`/api/venues/${id}`, undefined, signal);
}

/** GET /api/bookings: the caller's organizations' bookings and those of venues they own; `from`/`to` overlap. */
export function listBookings(params: BookingListParams, signal?: AbortSignal): Promise<Page<Booking>> {
  return api.get<Page<Booking>>("/api/bookings", { ...params }, signal);
}

export function getBooking(id: number, signal?: AbortSignal): Promise<Booking> {
  return api.get<Booking>(`/api/bookings/${id}`, undefined, signal);
}

/** GET /api/venues/usage: bookings and hours by urban/rural direction, per organization. */
export function getUsage(params: UsageParams, signal?: AbortSignal): Promise<VenueUsage> {
  return api.get<VenueUsage>("/api/venues/usage", { ...params }, signal);
}

export function listCourses(params: CourseListParams, signal?: AbortSignal): Promise<Page<Course>> {
  return api.get<Page<Course>>("/api/courses", { ...params }, signal);
}

export function getCourse(id: number, signal?: AbortSignal): Promise<CourseDetail> {
  return api.get<CourseDetail>(`/api/courses/${id}`, undefined, signal);
}

/** GET /api/study/courses/{id}: a course assigned to the caller, as a member studies it. */
export function getStudyCourse(id: number, signal?: AbortSignal): Promise<CourseDetail> {
  return api.get<CourseDetail>(`/api/study/courses/${id}`, undefined, signal);
}

/** GET /api/study: the member's own study page (assigned courses, hours, completions). */
export function getStudyPage(signal?: AbortSignal): Promise<StudyPage> {
  return api.get<StudyPage>("/api/study", undefined, signal);
}

/** Shared venues, bookings and remote education (issue 10). */
export const venuesQueries = {
  all: () => ["venues"] as const,
  venues: () => [...venuesQueries.all(), "venues"] as const,
  list: (params: VenueListParams) =>
    queryOptions({
      queryKey: [...venuesQueries.venues(), "list", params] as const,
      queryFn: ({ signal }) => listVenues(params, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...venuesQueries.venues(), "detail", id] as const,
      queryFn: ({ signal }) => getVenue(id, signal),
    }),
  bookings: () => [...venuesQueries.all(), "bookings"] as const,
  bookingList: (params: BookingListParams) =>
    queryOptions({
      queryKey: [...venuesQueries.bookings(), "list", params] as const,
      queryFn: ({ signal }) => listBookings(params, signal),
      placeholderData: keepPreviousData,
    }),
  booking: (id: number) =>
    queryOptions({
      queryKey: [...venuesQueries.bookings(), "detail", id] as const,
      queryFn: ({ signal }) => getBooking(id, signal),
    }),
  usage: (params: UsageParams) =>
    queryOptions({
      queryKey: [...venuesQueries.all(), "usage", params] as const,
      queryFn: ({ signal }) => getUsage(params, signal),
      placeholderData: keepPreviousData,
    }),
  courses: () => [...venuesQueries.all(), "courses"] as const,
  courseList: (params: CourseListParams) =>
    queryOptions({
      queryKey: [...venuesQueries.courses(), "list", params] as const,
      queryFn: ({ signal }) => listCourses(params, signal),
      placeholderData: keepPreviousData,
    }),
  /** A course as its readers see it, or (`member`) as a member it is assigned to studies it. */
  course: (id: number, as: "reader" | "member" = "reader") =>
    queryOptions({
      queryKey: [...venuesQueries.courses(), "detail", id, as] as const,
      queryFn: ({ signal }) => (as === "member" ? getStudyCourse(id, signal) : getCourse(id, signal)),
    }),
  study: () =>
    queryOptions({
      queryKey: [...venuesQueries.courses(), "studyPage"] as const,
      queryFn: ({ signal }) => getStudyPage(signal),
    }),
};
