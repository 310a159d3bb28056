import {
  type Booking,
  type BookingStatus,
  CHECK_IN_LEAD_MINUTES,
  checkInPath,
  facilityKinds,
  type OpeningWindow,
  type Venue,
} from "@huzhu/contracts";
import type { BookingRow, VenueRow } from "./venues.repository.ts";
import { chinaIso } from "./venues.time.ts";

const iso = (d: Date | string) => chinaIso(new Date(d));

export function presentVenue(row: VenueRow, abilities: Record<string, boolean>, photoIds: string[]): Venue {
  return {
    id: row.id,
    kind: row.kind as Venue["kind"],
    facility: (facilityKinds as readonly string[]).includes(row.kind),
    name: row.name,
    description: row.description,
    address: row.address,
    capacity: row.capacity,
    owner: { id: row.org_id, name: row.org_name },
    ownerArea: row.org_area as Venue["ownerArea"],
    openTo: row.open_to as Venue["openTo"],
    openingHours: (typeof row.opening_hours === "string"
      ? JSON.parse(row.opening_hours)
      : row.opening_hours) as OpeningWindow[],
    blackoutDates: row.blackout_dates,
    requiresApproval: row.requires_approval,
    status: row.status as Venue["status"],
    photoIds,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: {
      update: abilities.update ?? false,
      book: abilities.book ?? false,
      manageBookings: abilities.manageBookings ?? false,
    },
  };
}

/** The status as people read it: a confirmed booking whose end passed is a no-show, a checked-in one done. */
export function bookingStatusAt(row: Pick<BookingRow, "status" | "ends_at">, now: Date): BookingStatus {
  const ended = new Date(row.ends_at).getTime() <= now.getTime();
  if (ended && row.status === "confirmed") return "no_show";
  if (ended && row.status === "checked_in") return "done";
  return row.status as BookingStatus;
}

/** Whether now lies in the check-in window: from an hour before the start to the end. */
export function inCheckInWindow(row: Pick<BookingRow, "starts_at" | "ends_at">, now: Date): boolean {
  const t = now.getTime();
  return t >= new Date(row.starts_at).getTime() - CHECK_IN_LEAD_MINUTES * 60_000 && t < new Date(row.ends_at).getTime();
}

export function presentBooking(row: BookingRow, abilities: Record<string, boolean>, now: Date): Booking {
  const status = bookingStatusAt(row, now);
  const ended = status === "done" || status === "no_show";
  return {
    id: row.id,
    venue: { id: row.venue_id, name: row.venue_name, kind: row.venue_kind as Booking["venue"]["kind"] },
    owner: { id: row.owner_id, name: row.owner_name },
    org: { id: row.org_id, name: row.org_name },
    start: iso(row.starts_at),
    end: iso(row.ends_at),
    purpose: row.purpose,
    attendees: row.attendees,
    status,
    reason: row.reason,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    checkedInAt: row.checked_in_at ? iso(row.checked_in_at) : null,
    createdAt: iso(row.created_at),
    checkInPath: abilities.qr ? checkInPath(row.id, row.check_in_token) : null,
    abilities: {
      approve: (abilities.approve ?? false) && !ended,
      decline: (abilities.decline ?? false) && !ended,
      cancel: (abilities.cancel ?? false) && !ended,
      checkIn: (abilities.checkIn ?? false) && inCheckInWindow(row, now),
      qr: abilities.qr ?? false,
    },
  };
}
