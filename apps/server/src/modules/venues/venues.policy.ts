import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import {
  type BookingRow,
  bookingOrgReach,
  bookingOwnerReach,
  bookingReadReach,
  type VenueRow,
  venueBookReach,
  venueOwnerReach,
  venueReadReach,
  venuesRepository,
} from "./venues.repository.ts";

/**
 * Who may do what with shared venues and their bookings (issue 10), declared once. Venues are part
 * of mutual help (阵地共享), so the permissions are help's: help.read sees, help.write manages one's
 * own venues and books others'. A venue's opening (jurisdiction, partners, region) is its book reach;
 * the owner's side (owner and superiors) decides bookings; the booking organization's side cancels
 * and checks in.
 */
const activeVenue = (venue: Pick<VenueRow, "status">) =>
  venue.status === "active" || new AppError(409, "booking.notBookable", { field: "venueId" });

export const venuePolicy = definePolicy<VenueRow, "read" | "update" | "book" | "manageBookings">(
  {
    name: "venue",
    reach: venueReadReach,
    load: (db, where, ids) => venuesRepository(db).findVenuesWhere(where, ids),
    id: (venue) => venue.id,
  },
  {
    read: { grant: "help.read" },
    update: { grant: "help.write", reach: venueOwnerReach },
    /** Booking it for some organization one acts for: within its opening, while it is open. */
    book: { grant: "help.write", reach: venueBookReach, rule: activeVenue },
    /** Approving and declining its bookings: the owner's side. */
    manageBookings: { grant: "help.write", reach: venueOwnerReach },
  },
);

const requested = (booking: Pick<BookingRow, "status">) =>
  booking.status === "requested" || new AppError(409, "booking.notPending", { params: { status: booking.status } });

/** A booking that has not yet ended may be cancelled while requested or confirmed. */
const cancellable = (booking: Pick<BookingRow, "status">) =>
  booking.status === "requested" ||
  booking.status === "confirmed" ||
  new AppError(409, "booking.notCancellable", { params: { status: booking.status } });

/**
 * Checking in is for the booking organization's own people: a role held at that organization or
 * inside it (its superiors manage the booking but were not there). The time window and the QR
 * token are the command's checks (they need the clock and the request).
 */
const ownPeople = (
  booking: Pick<BookingRow, "org_path" | "status">,
  { scope }: { scope: { rolePaths: readonly string[] } },
) => {
  if (!scope.rolePaths.some((p) => p.startsWith(booking.org_path))) return new AppError(403, "booking.notOwnPeople");
  return (
    booking.status === "confirmed" || new AppError(409, "booking.notConfirmed", { params: { status: booking.status } })
  );
};

export const bookingPolicy = definePolicy<BookingRow, "read" | "approve" | "decline" | "cancel" | "checkIn" | "qr">(
  {
    name: "booking",
    reach: bookingReadReach,
    load: (db, where, ids) => venuesRepository(db).findBookingsWhere(where, ids),
    id: (booking) => booking.id,
  },
  {
    read: { grant: "help.read" },
    approve: { grant: "help.write", reach: bookingOwnerReach, rule: requested },
    decline: { grant: "help.write", reach: bookingOwnerReach, rule: requested },
    cancel: { grant: "help.write", reach: bookingReadReach, rule: cancellable },
    checkIn: { grant: "help.write", reach: bookingOrgReach, rule: ownPeople },
    /** The QR code: shown by the venue's owner at the door, kept by the booking organization. */
    qr: { grant: "help.read", reach: bookingReadReach },
  },
);
