import crypto from "node:crypto";
import type {
  Booking,
  BookingListQuery,
  CheckInBody,
  CreateBookingBody,
  CreateBookingResponse,
  CreateVenueBody,
  DecideBookingBody,
  UpdateVenueBody,
  Venue,
  VenueListQuery,
  VenueUsage,
  VenueUsageQuery,
} from "@huzhu/contracts";
import type { Kysely, SqlBool } from "kysely";
import { sql } from "kysely";
import QRCode from "qrcode";
import type { DB } from "../../db/schema.ts";
import { type Actor, isEmptyScope, pathInScope, reachSql, scopeFor } from "../../platform/access.ts";
import { attachmentsOf, linkAttachments, registerAttachmentTarget } from "../../platform/attachments.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import {
  type AnyAbility,
  authorizeField,
  defineAction,
  presentAbilities,
  scopeOf,
  visibleWhere,
} from "../../platform/policy.ts";
import { helpOrgPolicy } from "../needs/needs.policy.ts";
import { bookingPolicy, venuePolicy } from "./venues.policy.ts";
import { inCheckInWindow, presentBooking, presentVenue } from "./venues.presenter.ts";
import { type BookingRow, bookingOrgReach, MAX_BOOKING_DAYS, venuesRepository } from "./venues.repository.ts";
import { chinaDates, chinaIso, chinaRange, withinOpeningHours } from "./venues.time.ts";

export const VENUE_ATTACHMENT = "venue";

/** Usage figures of the caller's jurisdiction: for those who read mutual help. */
export const venueUsageAction = defineAction("venue.usage", "help.read");

/** Whether the actor may see through an ability (null rather than 403 when they hold no grant). */
function safeWhere(actor: Actor, ability: AnyAbility) {
  try {
    return visibleWhere(actor, ability);
  } catch {
    return null;
  }
}

/** SQLSTATE of an exclusion-constraint violation: the database refused an overlapping booking. */
const EXCLUSION_VIOLATION = "23P01";
const isExclusionViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === EXCLUSION_VIOLATION;

export function venuesService(db: Kysely<DB>, clock: () => Date) {
  const repo = venuesRepository(db);

  registerAttachmentTarget(VENUE_ATTACHMENT, async (db2, actor, targetId) => {
    const where = safeWhere(actor, venuePolicy.read);
    return where !== null && (await venuesRepository(db2).findVenuesWhere(where, [Number(targetId)])).length > 0;
  });

  // ---- reads ----

  async function presentVenues(actor: Actor, rows: Parameters<typeof presentVenue>[0][]): Promise<Venue[]> {
    const [abilities, photos] = await Promise.all([
      presentAbilities(db, actor, venuePolicy, rows),
      attachmentsOf(
        db,
        VENUE_ATTACHMENT,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) =>
      presentVenue(
        r,
        abilities.get(r.id) ?? {},
        (photos.get(r.id) ?? []).map((a) => a.id),
      ),
    );
  }

  async function getVenue(actor: Actor, id: number): Promise<Venue> {
    const [row] = await repo.findVenuesWhere(visibleWhere(actor, venuePolicy.read), [id]);
    if (!row) throw notFound("venue");
    return (await presentVenues(actor, [row]))[0] as Venue;
  }

  async function presentBookings(actor: Actor, rows: BookingRow[]): Promise<Booking[]> {
    const abilities = await presentAbilities(db, actor, bookingPolicy, rows);
    const now = clock();
    return rows.map((r) => presentBooking(r, abilities.get(r.id) ?? {}, now));
  }

  async function getBooking(actor: Actor, id: number): Promise<Booking> {
    const [row] = await repo.findBookingsWhere(visibleWhere(actor, bookingPolicy.read), [id]);
    if (!row) throw notFound("booking");
    return (await presentBookings(actor, [row]))[0] as Booking;
  }
  const presentBookingId = (_db: Kysely<DB>, actor: Actor, id: number) => getBooking(actor, id);

  /** 409 booking.conflict naming the clash (its time in China time and its organization). */
  async function conflictWith(
    on: Kysely<DB>,
    venueId: number,
    start: Date,
    end: Date,
    except: number | null,
    field?: string,
  ): Promise<AppError> {
    const clash = await venuesRepository(on).clashOf(venueId, start, end, except);
    return new AppError(409, "booking.conflict", {
      ...(field ? { field } : {}),
      params: clash
        ? { time: chinaRange(new Date(clash.starts_at), new Date(clash.ends_at)), org: clash.org_name }
        : { time: chinaRange(start, end), org: "—" },
    });
  }

  /**
   * Runs a write that may put a booking into a slot-holding status. The database's exclusion
   * constraint has the last word: a race the command's own check could not see ends in 23P01,
   * answered as the same 409 naming the booking that won.
   */
  async function guardSlot<T>(
    slot: () => Promise<{ venueId: number; start: Date; end: Date; except: number | null }>,
    run: () => Promise<T>,
  ) {
    try {
      return await run();
    } catch (error) {
      if (!isExclusionViolation(error)) throw error;
      const s = await slot();
      throw await conflictWith(db, s.venueId, s.start, s.end, s.except);
    }
  }

  async function tell(trx: Kysely<DB>, actor: Actor, orgIds: number[], kind: string, row: BookingRow) {
    const users = await contactsOfOrganizations(trx, orgIds, actor.userId);
    await notifyUsers(trx, users, {
      kind,
      params: {
        venue: row.venue_name,
        org: row.org_name,
        time: chinaRange(new Date(row.starts_at), new Date(row.ends_at)),
      },
      link: `/bookings/${row.id}`,
    });
  }

  async function bookingInTrx(trx: Kysely<DB>, id: number): Promise<BookingRow> {
    const [row] = await venuesRepository(trx).findBookingsWhere(sql<SqlBool>`true`, [id]);
    if (!row) throw notFound("booking");
    return row;
  }

  function validateVenueBody(body: Partial<CreateVenueBody>) {
    if (body.blackoutDates && new Set(body.blackoutDates).size !== body.blackoutDates.length) {
      throw invalidField("blackoutDates", "venue.duplicateDates");
    }
  }

  const commands = {
    createVenue: defineCommand({
      name: "venue.create",
      ability: helpOrgPolicy.actFor,
      targetType: "venue",
      targetField: "orgId",
      targets: (input: { body: CreateVenueBody }) => [input.body.orgId],
      async run({ trx, actor, input: { body } }) {
        validateVenueBody(body);
        const r = venuesRepository(trx);
        const id = await r.insertVenue({
          org_id: body.orgId,
          kind: body.kind,
          name: body.name,
          description: body.description ?? null,
          address: body.address ?? null,
          capacity: body.capacity ?? null,
          open_to: body.openTo,
          published_org_id: body.openTo === "region" ? await r.regionOf(body.orgId) : null,
          opening_hours: JSON.stringify(body.openingHours ?? []),
          blackout_dates: [...(body.blackoutDates ?? [])].sort(),
          requires_approval: body.requiresApproval,
          created_by: actor.userId,
        });
        await linkAttachments(trx, actor, body.photoIds ?? [], { type: VENUE_ATTACHMENT, id }, "photoIds", {
          kinds: ["photo"],
        });
        return { result: id, targetId: id, detail: { orgId: body.orgId, kind: body.kind } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getVenue(actor, id),
    }),

    updateVenue: defineCommand({
      name: "venue.update",
      ability: venuePolicy.update,
      lock: (trx, input: { id: number; body: UpdateVenueBody }) => venuesRepository(trx).lockVenue(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const venue = row as NonNullable<typeof row>;
        if (Object.keys(body).length === 0) throw new AppError(400, "validation.emptyUpdate");
        validateVenueBody(body);
        const openTo = body.openTo ?? venue.open_to;
        const status = body.status ?? venue.status;
        const r = venuesRepository(trx);
        await r.updateVenue(id, {
          ...(body.kind !== undefined && { kind: body.kind }),
          ...(body.name !== undefined && { name: body.name }),
          ...(body.description !== undefined && { description: body.description }),
          ...(body.address !== undefined && { address: body.address }),
          ...(body.capacity !== undefined && { capacity: body.capacity }),
          ...(body.openTo !== undefined && { open_to: body.openTo }),
          ...(body.openingHours !== undefined && { opening_hours: JSON.stringify(body.openingHours) }),
          ...(body.blackoutDates !== undefined && { blackout_dates: [...body.blackoutDates].sort() }),
          ...(body.requiresApproval !== undefined && { requires_approval: body.requiresApproval }),
          ...(body.status !== undefined && { status: body.status }),
          published_org_id: openTo === "region" && status === "active" ? await r.regionOf(venue.org_id) : null,
        });
        await linkAttachments(trx, actor, body.photoIds ?? [], { type: VENUE_ATTACHMENT, id }, "photoIds", {
          kinds: ["photo"],
        });
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getVenue(actor, id),
    }),

    createBooking: defineCommand({
      name: "booking.create",
      ability: venuePolicy.book,
      targetType: "booking",
      targetField: "venueId",
      targets: (input: { body: CreateBookingBody }) => [input.body.venueId],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const venue = row as NonNullable<typeof row>;
        const start = new Date(body.start);
        const end = new Date(body.end);
        if (end.getTime() <= start.getTime()) throw invalidField("end", "booking.endBeforeStart");
        if (end.getTime() <= clock().getTime()) throw invalidField("end", "booking.past");
        if (end.getTime() - start.getTime() > MAX_BOOKING_DAYS * 86_400_000)
          throw invalidField("end", "booking.tooLong");
        await authorizeField(trx, actor, helpOrgPolicy.actFor, [body.orgId], "orgId");
        const r = venuesRepository(trx);
        if (!(await r.openToOrg(venue.id, body.orgId))) {
          throw new AppError(409, "booking.notBookable", { field: "venueId" });
        }
        const hours = (
          typeof venue.opening_hours === "string" ? JSON.parse(venue.opening_hours) : venue.opening_hours
        ) as Parameters<typeof withinOpeningHours>[0];
        if (!withinOpeningHours(hours, start, end)) throw invalidField("start", "booking.outsideHours");
        const closed = chinaDates(start, end).find((d) => venue.blackout_dates.includes(d));
        if (closed) throw invalidField("start", "booking.blackout", { date: closed });
        if (body.attendees !== undefined && venue.capacity !== null && body.attendees > venue.capacity) {
          throw invalidField("attendees", "booking.overCapacity", { capacity: venue.capacity });
        }
        // The slot is taken already: say by whom (a race past this check meets the constraint instead).
        if (await r.clashOf(venue.id, start, end, null)) throw await conflictWith(trx, venue.id, start, end, null);
        const status: CreateBookingResponse["status"] = venue.requires_approval ? "requested" : "confirmed";
        const id = await r.insertBooking({
          venue_id: venue.id,
          owner_org_id: venue.org_id,
          org_id: body.orgId,
          starts_at: start,
          ends_at: end,
          purpose: body.purpose,
          attendees: body.attendees ?? null,
          status,
          check_in_token: crypto.randomBytes(32).toString("base64url"),
          created_by: actor.userId,
        });
        const booking = await bookingInTrx(trx, id);
        await tell(
          trx,
          actor,
          [venue.org_id],
          status === "requested" ? "booking.requested" : "booking.booked",
          booking,
        );
        return {
          result: { id, status },
          targetId: id,
          detail: { venueId: venue.id, orgId: body.orgId, toStatus: status },
        };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, result: CreateBookingResponse) => result,
    }),

    approve: defineCommand({
      name: "booking.approve",
      ability: bookingPolicy.approve,
      lock: (trx, input: { id: number }) => venuesRepository(trx).lockBooking(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const booking = row as BookingRow;
        const start = new Date(booking.starts_at);
        const end = new Date(booking.ends_at);
        if (end.getTime() <= clock().getTime()) throw new AppError(409, "booking.ended");
        // Another request for the slot was approved first: refuse, naming it.
        if (await venuesRepository(trx).clashOf(booking.venue_id, start, end, id)) {
          throw await conflictWith(trx, booking.venue_id, start, end, id);
        }
        await venuesRepository(trx).setBookingStatus(id, { status: "confirmed", decided_by: actor.userId });
        await tell(trx, actor, [booking.org_id], "booking.approved", booking);
        return {
          result: id,
          targetId: id,
          detail: { venueId: booking.venue_id, fromStatus: "requested", toStatus: "confirmed" },
        };
      },
      present: presentBookingId,
    }),

    decline: defineCommand({
      name: "booking.decline",
      ability: bookingPolicy.decline,
      lock: (trx, input: { id: number; body: DecideBookingBody }) => venuesRepository(trx).lockBooking(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const booking = row as BookingRow;
        await venuesRepository(trx).setBookingStatus(id, {
          status: "declined",
          reason: body.reason || null,
          decided_by: actor.userId,
        });
        await tell(trx, actor, [booking.org_id], "booking.declined", booking);
        return { result: id, targetId: id, detail: { venueId: booking.venue_id, toStatus: "declined" } };
      },
      present: presentBookingId,
    }),

    cancel: defineCommand({
      name: "booking.cancel",
      ability: bookingPolicy.cancel,
      lock: (trx, input: { id: number; body: DecideBookingBody }) => venuesRepository(trx).lockBooking(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const booking = row as BookingRow;
        if (new Date(booking.ends_at).getTime() <= clock().getTime()) throw new AppError(409, "booking.ended");
        await venuesRepository(trx).setBookingStatus(id, { status: "cancelled", reason: body.reason || null });
        // Tell the other side: the owner when the booker's side cancels, the booker when the owner does.
        const bookerSide = pathInScope(scopeFor(actor, "help.write"), booking.org_path);
        await tell(trx, actor, [bookerSide ? booking.owner_id : booking.org_id], "booking.cancelled", booking);
        return {
          result: id,
          targetId: id,
          detail: { venueId: booking.venue_id, fromStatus: booking.status, toStatus: "cancelled" },
        };
      },
      present: presentBookingId,
    }),

    checkIn: defineCommand({
      name: "booking.checkIn",
      ability: bookingPolicy.checkIn,
      lock: (trx, input: { id: number; body: CheckInBody }) => venuesRepository(trx).lockBooking(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const booking = row as BookingRow;
        const given = Buffer.from(body.token);
        const stored = Buffer.from(booking.check_in_token);
        if (given.length !== stored.length || !crypto.timingSafeEqual(given, stored)) {
          throw invalidField("token", "booking.badToken");
        }
        if (!inCheckInWindow(booking, clock())) {
          throw new AppError(409, "booking.checkInWindow", {
            params: { time: chinaRange(new Date(booking.starts_at), new Date(booking.ends_at)) },
          });
        }
        await venuesRepository(trx).setBookingStatus(id, { status: "checked_in", checked_in_by: actor.userId });
        // The venue's owner learns that its guests arrived.
        await tell(trx, actor, [booking.owner_id], "booking.checkedIn", booking);
        return { result: id, targetId: id, detail: { venueId: booking.venue_id, toStatus: "checked_in" } };
      },
      present: presentBookingId,
    }),
  };

  /** Bookings that will hold a slot from now: the slot-holding ones and the requests. */
  const upcoming = (now: Date) =>
    sql<SqlBool>`bookings.status IN ('requested', 'confirmed', 'checked_in') AND bookings.ends_at > ${now}`;

  return {
    commands,

    listVenues: async (actor: Actor, query: VenueListQuery) => {
      const bookable = query.bookable ? safeWhere(actor, venuePolicy.book) : null;
      if (query.bookable && !bookable) return { items: [], total: 0 };
      const result = await repo.listVenues(visibleWhere(actor, venuePolicy.read), query, bookable);
      return { items: await presentVenues(actor, result.items), total: result.total };
    },
    getVenue,
    createVenue: (actor: Actor, body: CreateVenueBody) => execute(db, actor, commands.createVenue, { body }),
    updateVenue: (actor: Actor, id: number, body: UpdateVenueBody) =>
      execute(db, actor, commands.updateVenue, { id, body }),

    listBookings: async (actor: Actor, query: BookingListQuery) => {
      const result = await repo.listBookings(visibleWhere(actor, bookingPolicy.read), query, clock());
      return {
        items: await presentBookings(actor, result.items),
        total: result.total,
        ...(result.totalCapped && { totalCapped: true }),
      };
    },
    getBooking,
    createBooking: (actor: Actor, body: CreateBookingBody) =>
      guardSlot(
        async () => ({ venueId: body.venueId, start: new Date(body.start), end: new Date(body.end), except: null }),
        () => execute(db, actor, commands.createBooking, { body }),
      ),
    approve: (actor: Actor, id: number) =>
      guardSlot(
        async () => {
          const slot = await repo.bookingSlot(id);
          if (!slot) throw notFound("booking");
          return { venueId: slot.venue_id, start: new Date(slot.starts_at), end: new Date(slot.ends_at), except: id };
        },
        () => execute(db, actor, commands.approve, { id }),
      ),
    decline: (actor: Actor, id: number, body: DecideBookingBody) => execute(db, actor, commands.decline, { id, body }),
    cancel: (actor: Actor, id: number, body: DecideBookingBody) => execute(db, actor, commands.cancel, { id, body }),
    checkIn: (actor: Actor, id: number, body: CheckInBody) => execute(db, actor, commands.checkIn, { id, body }),

    /** The QR code of a booking's check-in link, as SVG (the web origin is the caller's). */
    async qrSvg(actor: Actor, id: number, origin: string): Promise<string> {
      const [row] = await repo.findBookingsWhere(visibleWhere(actor, bookingPolicy.qr), [id]);
      if (!row) throw notFound("booking");
      const booking = (await presentBookings(actor, [row]))[0] as Booking;
      if (!booking.checkInPath) throw notFound("booking");
      return QRCode.toString(`${origin}${booking.checkInPath}`, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    },

    /** The caller's organizations' next bookings (as the booking organization), soonest first. */
    /**
     * 预约提醒: each confirmed booking made more than a day ahead is reminded once, the day before,
     * to the booking organization's contacts (a sweep, platform/sweeps.ts). A booking made within
     * the day needs no reminder: its people just made it.
     */
    async remindUpcoming(): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const now = clock();
        const r = venuesRepository(trx);
        const ids = await r.claimDueReminders(now, new Date(now.getTime() + 24 * 3600_000), 500);
        for (const row of await r.findBookingsWhere(sql<SqlBool>`true`, ids)) {
          const users = await contactsOfOrganizations(trx, [row.org_id]);
          await notifyUsers(trx, users, {
            kind: "booking.reminder",
            params: {
              venue: row.venue_name,
              org: row.org_name,
              time: chinaRange(new Date(row.starts_at), new Date(row.ends_at)),
            },
            link: `/bookings/${row.id}`,
          });
        }
        return ids.length;
      });
    },

    async nextBookings(actor: Actor, limit: number) {
      const now = clock();
      const scope = scopeFor(actor, "help.write");
      if (isEmptyScope(scope)) return { items: [], total: 0 };
      const mine = reachSql(scope, bookingOrgReach);
      const result = await repo.listBookings(
        visibleWhere(actor, bookingPolicy.read),
        { page: 1, pageSize: limit },
        now,
        sql<SqlBool>`${mine} AND ${upcoming(now)}`,
      );
      return { items: await presentBookings(actor, result.items), total: result.total };
    },

    /** Requests waiting for the caller's approval (as the venues' owner side), soonest first. */
    async awaitingApproval(actor: Actor, limit: number) {
      const where = safeWhere(actor, bookingPolicy.approve);
      if (!where) return { items: [], total: 0 };
      const now = clock();
      const result = await repo.listBookings(
        where,
        { page: 1, pageSize: limit },
        now,
        sql<SqlBool>`bookings.status = 'requested' AND bookings.ends_at > ${now}`,
      );
      return { items: await presentBookings(actor, result.items), total: result.total };
    },

    /** Usage figures: bookings and hours by direction, per organization of the jurisdiction. */
    async usage(
      actor: Actor,
      query: VenueUsageQuery,
      coursesCompleted: (
        paths: readonly string[] | null,
        from: Date,
        to: Date,
      ) => Promise<{ total: number; perOrg: Map<number, number> }>,
    ): Promise<VenueUsage> {
      const scope = scopeOf(actor, venueUsageAction);
      const now = clock();
      const toDay = query.to ?? chinaIso(now).slice(0, 10);
      const fromDay =
        query.from ?? chinaIso(new Date(new Date(`${toDay}T00:00:00+08:00`).getTime() - 365 * 86_400_000)).slice(0, 10);
      if (fromDay > toDay) throw invalidField("from", "usage.fromAfterTo");
      const from = new Date(`${fromDay}T00:00:00+08:00`);
      const to = new Date(new Date(`${toDay}T00:00:00+08:00`).getTime() + 86_400_000);
      let paths: readonly string[] | null = scope.global ? null : scope.paths;
      if (query.within) {
        const path = await repo.pathOf(query.within);
        if (path === undefined || !pathInScope(scope, path)) throw invalidField("within", "org.notInScope");
        paths = [path];
      }
      const { directions, perOrg } = await repo.usage(paths, from, to);
      const courses = await coursesCompleted(paths, from, to);
      const byDirection = new Map(directions.map((d) => [d.direction, d]));
      const round1 = (h: number) => Math.round(h * 10) / 10;
      return {
        from: fromDay,
        to: toDay,
        directions: (["urban_to_rural", "rural_to_urban", "urban_to_urban", "rural_to_rural"] as const).map((d) => ({
          direction: d,
          bookings: byDirection.get(d)?.bookings ?? 0,
          hours: round1(Number(byDirection.get(d)?.hours ?? 0)),
        })),
        coursesCompleted: courses.total,
        organizations: perOrg.map((o) => ({
          org: { id: o.org_id, name: o.org_name },
          area: o.area as "urban" | "rural",
          bookingsMade: o.made,
          hoursBooked: round1(Number(o.hours_made)),
          bookingsHosted: o.hosted,
          hoursHosted: round1(Number(o.hours_hosted)),
          coursesCompleted: courses.perOrg.get(o.org_id) ?? 0,
        })),
      };
    },
  };
}
export type VenuesService = ReturnType<typeof venuesService>;
