import type { BookingListQuery, VenueListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
import { countRows, countRowsUpTo } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, type Reach } from "../../platform/access.ts";

/**
 * The only SQL of venues and bookings (issue 10). Organizations are named by id (a venue's owner,
 * a booking's organization) and joined for their names and paths at read time. Every finder takes
 * the condition `reachSql` builds from the caller's scope.
 */
export interface VenueRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  org_area: string;
  kind: string;
  name: string;
  description: string | null;
  address: string | null;
  capacity: number | null;
  open_to: string;
  opening_hours: unknown;
  blackout_dates: string[];
  requires_approval: boolean;
  status: string;
  created_at: Date;
  updated_at: Date;
}

export interface BookingRow {
  id: number;
  venue_id: number;
  venue_name: string;
  venue_kind: string;
  owner_id: number;
  owner_name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  starts_at: Date;
  ends_at: Date;
  purpose: string;
  attendees: number | null;
  status: string;
  reason: string | null;
  decided_at: Date | null;
  checked_in_at: Date | null;
  check_in_token: string;
  created_at: Date;
}

/** Shared beyond the owner's line when its opening says so. */
const venueOpenToPartners = sql<SqlBool>`venues.open_to IN ('partners', 'region')`;

/** The owner and its superiors: the side that manages a venue and decides its bookings. */
export const venueOwnerReach: Reach = [{ kind: "party", column: "venues.org_id" }];
/**
 * Who may book a venue (two-way opening): the owner's line (the owner, its superiors and every
 * organization inside its jurisdiction), its pairing partners when open to partners or the region,
 * every organization of the county or city it is open to.
 */
export const venueBookReach: Reach = [
  ...venueOwnerReach,
  { kind: "published", column: "venues.org_path" },
  { kind: "partner", column: "venues.org_id", when: venueOpenToPartners },
  { kind: "published", column: "venues.published_path" },
];
/** Who sees a venue: whoever may book it, and the organizations that booked it. */
export const venueReadReach: Reach = [
  ...venueBookReach,
  {
    kind: "partyThrough",
    column: "venues.id",
    through: { table: "bookings", key: "venue_id", party: "org_id", partyPath: "org_path" },
  },
];

/**
 * The venue's owner side of a booking (approves, declines, shows the QR code): the owner and its
 * superiors, by the owner's path each booking carries (migration 0020, bench/venues).
 */
export const bookingOwnerReach: Reach = [{ kind: "subtree", column: "bookings.owner_path" }];
/** The booking organization and its superiors, by its path on the booking. */
export const bookingOrgReach: Reach = [{ kind: "subtree", column: "bookings.org_path" }];
export const bookingReadReach: Reach = [...bookingOrgReach, ...bookingOwnerReach];

/** The longest booking (the service's rule and the table's CHECK, migration 0020). */
export const MAX_BOOKING_DAYS = 31;

/** Statuses that hold a slot (the exclusion constraint's WHERE). */
export const HOLDING = ["confirmed", "checked_in"] as const;

export function venuesRepository(db: Kysely<DB>) {
  const selectVenues = () =>
    db
      .selectFrom("venues")
      .innerJoin("organizations as o", "o.id", "venues.org_id")
      .select([
        "venues.id",
        "venues.org_id",
        "o.name as org_name",
        "o.path as org_path",
        "o.area as org_area",
        "venues.kind",
        "venues.name",
        "venues.description",
        "venues.address",
        "venues.capacity",
        "venues.open_to",
        "venues.opening_hours",
        sql<string[]>`venues.blackout_dates::text[]`.as("blackout_dates"),
        "venues.requires_approval",
        "venues.status",
        "venues.created_at",
        "venues.updated_at",
      ]);

  const selectBookings = () =>
    db
      .selectFrom("bookings")
      .innerJoin("venues", "venues.id", "bookings.venue_id")
      .innerJoin("organizations as vo", "vo.id", "venues.org_id")
      .innerJoin("organizations as bo", "bo.id", "bookings.org_id")
      .select([
        "bookings.id",
        "bookings.venue_id",
        "venues.name as venue_name",
        "venues.kind as venue_kind",
        "venues.org_id as owner_id",
        "vo.name as owner_name",
        "bookings.org_id",
        "bo.name as org_name",
        "bookings.org_path",
        "bookings.starts_at",
        "bookings.ends_at",
        "bookings.purpose",
        "bookings.attendees",
        "bookings.status",
        "bookings.reason",
        "bookings.decided_at",
        "bookings.checked_in_at",
        "bookings.check_in_token",
        "bookings.created_at",
      ]);

  return {
    async findVenuesWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<VenueRow[]> {
      if (ids.length === 0) return [];
      return (await selectVenues().where("venues.id", "in", ids).where(where).execute()) as VenueRow[];
    },

    async listVenues(
      where: RawBuilder<SqlBool>,
      query: VenueListQuery,
      bookable: RawBuilder<SqlBool> | null,
    ): Promise<{ items: VenueRow[]; total: number }> {
      let q = selectVenues().where(where);
      if (query.q) {
        q = q.where(
          sql<SqlBool>`(venues.name || ' ' || coalesce(venues.address, '')) ILIKE ${`%${likePrefix(query.q)}`}`,
        );
      }
      if (query.kind) q = q.where("venues.kind", "=", query.kind);
      if (query.orgId) q = q.where("venues.org_id", "=", query.orgId);
      if (query.within) {
        q = q.where(
          sql<SqlBool>`venues.org_path LIKE (SELECT w.path FROM organizations w WHERE w.id = ${query.within}) || '%'`,
        );
      }
      if (bookable) q = q.where("venues.status", "=", "active").where(bookable);
      const [items, total] = await Promise.all([
        q
          .orderBy("venues.id")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items: items as VenueRow[], total };
    },

    async insertVenue(values: {
      org_id: number;
      kind: string;
      name: string;
      description: string | null;
      address: string | null;
      capacity: number | null;
      open_to: string;
      published_org_id: number | null;
      opening_hours: string;
      blackout_dates: string[];
      requires_approval: boolean;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("venues").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async updateVenue(id: number, values: Updateable<DB["venues"]>) {
      await db
        .updateTable("venues")
        .set({ ...values, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async lockVenue(id: number) {
      await sql`SELECT id FROM venues WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    /**
     * Whether a venue is open to an organization (not to the caller: to the organization a booking
     * is for): the owner's line, a pairing partner (of the organization or an organization above
     * it) when open to partners, anyone inside the published county or city when open to the region.
     */
    async openToOrg(venueId: number, orgId: number): Promise<boolean> {
      const row = await sql<{ ok: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM venues v
            JOIN organizations owner ON owner.id = v.org_id
            JOIN organizations b ON b.id = ${orgId}
           WHERE v.id = ${venueId} AND v.status = 'active' AND (
             b.path LIKE owner.path || '%' OR owner.path LIKE b.path || '%'
             OR (v.open_to IN ('partners', 'region') AND EXISTS (
               SELECT 1 FROM pairings p
                 JOIN organizations other ON other.id = CASE WHEN p.helper_org_id = v.org_id THEN p.recipient_org_id ELSE p.helper_org_id END
                WHERE p.status = 'active' AND v.org_id IN (p.helper_org_id, p.recipient_org_id)
                  AND (b.path LIKE other.path || '%' OR other.path LIKE b.path || '%')))
             OR (v.published_path IS NOT NULL AND b.path LIKE v.published_path || '%')
           )
        ) AS ok`.execute(db);
      return Boolean(row.rows[0]?.ok);
    },

    /** The organization a region-open venue is published to: the nearest county or city above, else the root. */
    async regionOf(orgId: number): Promise<number> {
      const row = await sql<{ id: number }>`
        SELECT a.id FROM organizations o JOIN organizations a ON o.path LIKE a.path || '%'
         WHERE o.id = ${orgId}
         ORDER BY (a.category IN ('county', 'city')) DESC, CASE WHEN a.category IN ('county', 'city') THEN -a.depth ELSE a.depth END
         LIMIT 1`.execute(db);
      const found = row.rows[0];
      if (!found) throw new Error(`organization ${orgId} not found`);
      return found.id;
    },

    // ---- bookings ----

    /**
     * Confirmed bookings starting within (now, until] that were made more than a day ahead and not
     * yet reminded, claimed (rows another process holds are skipped) and marked reminded.
     */
    async claimDueReminders(now: Date, until: Date, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom("bookings")
        .select("id")
        .where("status", "=", "confirmed")
        .where("reminded_at", "is", null)
        .where("starts_at", ">", now)
        .where("starts_at", "<=", until)
        .where(sql<SqlBool>`bookings.created_at <= bookings.starts_at - interval '1 day'`)
        .orderBy("starts_at")
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      const ids = rows.map((r) => r.id);
      if (ids.length) await db.updateTable("bookings").set({ reminded_at: now }).where("id", "in", ids).execute();
      return ids;
    },

    async findBookingsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<BookingRow[]> {
      if (ids.length === 0) return [];
      return (await selectBookings().where("bookings.id", "in", ids).where(where).execute()) as BookingRow[];
    },

    async listBookings(
      where: RawBuilder<SqlBool>,
      query: Omit<BookingListQuery, "page" | "pageSize"> & { page: number; pageSize: number },
      now: Date,
      extra?: RawBuilder<SqlBool>,
      order: "asc" | "desc" = "asc",
    ): Promise<{ items: BookingRow[]; total: number; totalCapped: boolean }> {
      let q = selectBookings().where(where);
      if (extra) q = q.where(extra);
      if (query.venueId) q = q.where("bookings.venue_id", "=", query.venueId);
      if (query.orgId) q = q.where("bookings.org_id", "=", query.orgId);
      if (query.from) {
        const from = new Date(query.from);
        // Overlapping [from, …) is ending after from; no booking is longer than MAX_BOOKING_DAYS, so
        // it also starts after from − that: a range of the start's index, in the calendar's order.
        q = q
          .where("bookings.ends_at", ">", from)
          .where("bookings.starts_at", ">", new Date(from.getTime() - MAX_BOOKING_DAYS * 86_400_000));
      }
      if (query.to) q = q.where("bookings.starts_at", "<", new Date(query.to));
      if (query.status) q = q.where(statusIs(query.status, now));
      const [items, total] = await Promise.all([
        q
          .orderBy("bookings.starts_at", order)
          .orderBy("bookings.id", order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRowsUpTo(db, q, query.totalUpTo),
      ]);
      return { items: items as BookingRow[], total: total.total, totalCapped: total.capped };
    },

    async insertBooking(values: {
      venue_id: number;
      /** The venue's owner (a foreign key holds it equal to the venue's). */
      owner_org_id: number;
      org_id: number;
      starts_at: Date;
      ends_at: Date;
      purpose: string;
      attendees: number | null;
      status: string;
      check_in_token: string;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("bookings").values(values).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },

    async setBookingStatus(
      id: number,
      values: {
        status: string;
        reason?: string | null;
        decided_by?: number;
        checked_in_by?: number;
      },
    ) {
      await db
        .updateTable("bookings")
        .set({
          status: values.status,
          ...(values.reason !== undefined && { reason: values.reason }),
          ...(values.decided_by !== undefined && { decided_by: values.decided_by, decided_at: sql`now()` }),
          ...(values.checked_in_by !== undefined && { checked_in_by: values.checked_in_by, checked_in_at: sql`now()` }),
        })
        .where("id", "=", id)
        .execute();
    },

    async lockBooking(id: number) {
      await sql`SELECT id FROM bookings WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    /** The slot-holding booking of a venue overlapping [start, end), other than `except`: the clash. */
    async clashOf(
      venueId: number,
      start: Date,
      end: Date,
      except: number | null,
    ): Promise<{ id: number; starts_at: Date; ends_at: Date; org_name: string } | undefined> {
      const row = await sql<{ id: number; starts_at: Date; ends_at: Date; org_name: string }>`
        SELECT b.id, b.starts_at, b.ends_at, o.name AS org_name
          FROM bookings b JOIN organizations o ON o.id = b.org_id
         WHERE b.venue_id = ${venueId} AND b.status IN ('confirmed', 'checked_in')
           AND tstzrange(b.starts_at, b.ends_at) && tstzrange(${start}::timestamptz, ${end}::timestamptz)
           AND (${except}::int IS NULL OR b.id <> ${except}::int)
         ORDER BY b.starts_at LIMIT 1`.execute(db);
      return row.rows[0];
    },

    async bookingSlot(id: number): Promise<{ venue_id: number; starts_at: Date; ends_at: Date } | undefined> {
      return db
        .selectFrom("bookings")
        .select(["venue_id", "starts_at", "ends_at"])
        .where("id", "=", id)
        .executeTakeFirst();
    },

    // ---- usage figures ----

    /** An organization's path (the usage figures' `within`), checked against the caller's scope by the service. */
    async pathOf(orgId: number): Promise<string | undefined> {
      return (await db.selectFrom("organizations").select("path").where("id", "=", orgId).executeTakeFirst())?.path;
    },

    /**
     * Bookings that held a slot in [from, to) with their hours, by the direction from the booking
     * organization's area to the owner's, and per organization (as booker and as host) for the
     * organizations under `paths` (the caller's jurisdiction, or one organization's subtree).
     */
    async usage(paths: readonly string[] | null, from: Date, to: Date) {
      const inPaths = (column: string) =>
        paths === null
          ? sql<SqlBool>`true`
          : paths.length === 0
            ? sql<SqlBool>`false`
            : sql<SqlBool>`(${sql.join(
                paths.map((p) => sql`${sql.ref(column)} LIKE ${likePrefix(p)}`),
                sql` OR `,
              )})`;
      const base = sql`
        FROM bookings
        JOIN venues ON venues.id = bookings.venue_id
        JOIN organizations vo ON vo.id = venues.org_id
        JOIN organizations bo ON bo.id = bookings.org_id
       WHERE bookings.status IN ('confirmed', 'checked_in')
         AND bookings.starts_at >= ${from} AND bookings.starts_at < ${to}
         AND (${inPaths("bo.path")} OR ${inPaths("vo.path")})`;
      const directions = await sql<{ direction: string; bookings: number; hours: number }>`
        SELECT bo.area || '_to_' || vo.area AS direction, count(*)::int AS bookings,
               coalesce(sum(extract(epoch FROM bookings.ends_at - bookings.starts_at)) / 3600, 0)::float8 AS hours
        ${base}
        GROUP BY 1`.execute(db);
      const perOrg = await sql<{
        org_id: number;
        org_name: string;
        area: string;
        made: number;
        hours_made: number;
        hosted: number;
        hours_hosted: number;
      }>`
        WITH b AS (
          SELECT bookings.org_id AS booker, venues.org_id AS host,
                 extract(epoch FROM bookings.ends_at - bookings.starts_at) / 3600 AS hours
          ${base}
        ), per AS (
          SELECT booker AS org_id, 1 AS made, hours AS hours_made, 0 AS hosted, 0 AS hours_hosted FROM b
          UNION ALL
          SELECT host, 0, 0, 1, hours FROM b
        )
        SELECT o.id AS org_id, o.name AS org_name, o.area,
               sum(made)::int AS made, sum(hours_made)::float8 AS hours_made,
               sum(hosted)::int AS hosted, sum(hours_hosted)::float8 AS hours_hosted
          FROM per JOIN organizations o ON o.id = per.org_id
         WHERE ${inPaths("o.path")}
         GROUP BY o.id, o.name, o.area
         ORDER BY o.path
         LIMIT 500`.execute(db);
      return { directions: directions.rows, perOrg: perOrg.rows };
    },
  };
}

/** Presented statuses: a confirmed booking whose end passed is a no-show, a checked-in one done. */
export function statusIs(status: string, now: Date): RawBuilder<SqlBool> {
  switch (status) {
    case "done":
      return sql<SqlBool>`(bookings.status = 'checked_in' AND bookings.ends_at <= ${now})`;
    case "no_show":
      return sql<SqlBool>`(bookings.status = 'confirmed' AND bookings.ends_at <= ${now})`;
    case "confirmed":
    case "checked_in":
      return sql<SqlBool>`(bookings.status = ${status} AND bookings.ends_at > ${now})`;
    default:
      return sql<SqlBool>`bookings.status = ${status}`;
  }
}

/** A subtree condition for paths (an organization's and everything under it). */
export function underPath(column: string, path: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${likePrefix(path)}`;
}
