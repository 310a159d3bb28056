/**
 * Shared venues and their bookings at province size (issue 10's "benchmark for lists that grow"):
 * a freshly migrated database with 广西's organization tree (≈18,000 organizations), a venue for
 * every town, county and city and for every third village or community (≈7,000, opened to the
 * owner's jurisdiction, its partners or its county), and a year of their bookings (≈200,000: every
 * status, rural organizations booking urban venues and the other way round, no two holding
 * bookings of one venue overlapping — the exclusion constraint is on). Then, through the module's
 * service — page, count and presentation, what the routes answer — as a county secretary and as
 * the region's coordinator:
 *   - the booking calendar's month (`GET /api/bookings?from&to&pageSize=200&totalUpTo=200`, BookingCalendar on /bookings);
 *   - one venue's month (`venueId`, the calendar on a venue's page);
 *   - requests awaiting approval (`status=requested&pageSize=200`, /bookings' approval tab);
 *   - upcoming bookings (`from=now&pageSize=10`, /bookings' list);
 *   - the venue catalogue (`GET /api/venues?pageSize=12`, and `bookable=true`, and a keyword).
 * Each call is paired with its **reference**: the repository's same page and count with no access
 * condition at all (what the data costs without the access rule or the presenter).
 *
 *   node --import tsx bench/venues/run.ts [--calls 60] [--postgres-only] [--explain]
 *
 * `--explain`: EXPLAIN (ANALYZE, BUFFERS) of the repository's queries for each list's slowest call.
 *
 * PGlite in memory, then a throw-away schema of the PostgreSQL at TEST_DATABASE_URL (or
 * postgres://postgres@127.0.0.1:5432/test), dropped at the end (bench/foundation/databases.ts).
 */
import crypto from "node:crypto";
import type { BookingListQuery, VenueListQuery } from "@huzhu/contracts";
import { type SqlBool, sql } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";
import { bookingPolicy, venuePolicy } from "../../apps/server/src/modules/venues/venues.policy.ts";
import { venuesRepository } from "../../apps/server/src/modules/venues/venues.repository.ts";
import { venuesService } from "../../apps/server/src/modules/venues/venues.service.ts";
import type { Actor } from "../../apps/server/src/platform/access.ts";
import { visibleWhere } from "../../apps/server/src/platform/policy.ts";
import { actorFor, loadProvince, type ProvinceOrg } from "../foundation/province-db.ts";
import { type Pair, runListBenchmark, type Sample, timeScenarios } from "../foundation/scenarios.ts";
import { pick, rng } from "../search/generate.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const calls = arg("--calls", 60);
const explain = process.argv.includes("--explain");
/** The benchmark's "now": mid-November of the generated year. */
const NOW = new Date("2026-11-16T02:00:00Z");
const MONTH = { from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00" };
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 China time
/** Booking slots in a day, China time: [start hour, length in hours]. */
const SLOTS: ReadonlyArray<[number, number]> = [
  [9, 2],
  [14.5, 2],
  [19.5, 1.5],
];
const KINDS = ["activity_room", "service_centre", "meeting_hall", "training_base", "practice_base", "screen"];
const OPENING: ReadonlyArray<[string, number]> = [
  ["jurisdiction", 40],
  ["partners", 20],
  ["region", 40],
];

function weighted<T>(random: () => number, items: ReadonlyArray<[T, number]>): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return (items.at(-1) as [T, number])[0];
}

interface Venue {
  id: number;
  owner: ProvinceOrg;
}

async function generate(label: string, database: Database, orgs: ProvinceOrg[], userId: number) {
  const random = rng(10);
  let t0 = performance.now();
  const owners = orgs.filter(
    (o) =>
      ["town_street", "county", "city"].includes(o.category) ||
      (["village", "urban_community"].includes(o.category) && random() < 1 / 3),
  );
  const venueRows = owners.map((o) => {
    const open = weighted(random, OPENING);
    return {
      org: o.id,
      kind: pick(random, KINDS),
      name: `${o.name}${o.level === "village" ? "党群服务中心" : "党员活动室"}`,
      open,
      published: open === "region" ? o.region : null,
      approval: random() < 0.4,
    };
  });
  const venueIds: number[] = [];
  for (let i = 0; i < venueRows.length; i += 5_000) {
    const chunk = venueRows.slice(i, i + 5_000);
    const col = <T>(f: (r: (typeof chunk)[number]) => T) => chunk.map(f);
    // org_path and published_path are left to the trigger (fill_org_path_copy), as the service does.
    const inserted = await sql<{ id: number }>`
      INSERT INTO venues (org_id, kind, name, capacity, open_to, published_org_id, requires_approval, created_by)
      SELECT o, k, n, 40, op, p, a, ${userId}
        FROM unnest(${col((r) => r.org)}::int[], ${col((r) => r.kind)}::text[], ${col((r) => r.name)}::text[],
                    ${col((r) => r.open)}::text[], ${col((r) => r.published)}::int[], ${col((r) => r.approval)}::boolean[])
          AS u(o, k, n, op, p, a)
      RETURNING id`.execute(database.db);
    venueIds.push(...inserted.rows.map((r) => r.id));
  }
  const venues: Venue[] = venueIds.map((id, i) => ({ id, owner: owners[i] as ProvinceOrg }));
  const venueMs = performance.now() - t0;

  // A year of bookings: towns' and counties' venues are booked more than a village's room. Each
  // venue's bookings take distinct (day, slot) pairs, so holding ones never overlap.
  t0 = performance.now();
  const byRegion = new Map<number, ProvinceOrg[]>();
  for (const o of orgs) byRegion.set(o.region, [...(byRegion.get(o.region) ?? []), o]);
  const rows: Array<{ venue: number; owner: number; org: number; start: Date; end: Date; status: string }> = [];
  for (const v of venues) {
    const perYear = v.owner.level === "village" ? 12 + Math.floor(random() * 20) : 40 + Math.floor(random() * 60);
    const taken = new Set<number>();
    const neighbours = byRegion.get(v.owner.region) ?? [v.owner];
    for (let k = 0; k < perYear; k++) {
      const key = Math.floor(random() * 365 * SLOTS.length);
      if (taken.has(key)) continue;
      taken.add(key);
      const [hour, length] = SLOTS[key % SLOTS.length] as [number, number];
      const start = new Date(YEAR_START + Math.floor(key / SLOTS.length) * 86_400_000 + hour * 3_600_000);
      const end = new Date(start.getTime() + length * 3_600_000);
      // Most bookings come from the owner's own county or city, rural and urban alike.
      const org = random() < 0.3 ? v.owner : random() < 0.85 ? pick(random, neighbours) : pick(random, orgs);
      const past = end < NOW;
      const r = random();
      const status = past
        ? r < 0.6
          ? "checked_in"
          : r < 0.8
            ? "confirmed"
            : r < 0.9
              ? "cancelled"
              : "declined"
        : r < 0.75
          ? "confirmed"
          : r < 0.88
            ? "requested"
            : "cancelled";
      rows.push({ venue: v.id, owner: v.owner.id, org: org.id, start, end, status });
    }
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const col = <T>(f: (r: (typeof chunk)[number]) => T) => chunk.map(f);
    await sql`
      INSERT INTO bookings (venue_id, owner_org_id, org_id, starts_at, ends_at, purpose, status, checked_in_at, check_in_token, created_by, created_at)
      SELECT v, w, o, s, e, '主题党日活动', st, CASE WHEN st = 'checked_in' THEN s END, t, ${userId}, s - interval '7 days'
        FROM unnest(${col((r) => r.venue)}::int[], ${col((r) => r.owner)}::int[], ${col((r) => r.org)}::int[],
                    ${col((r) => r.start.toISOString())}::timestamptz[], ${col((r) => r.end.toISOString())}::timestamptz[],
                    ${col((r) => r.status)}::text[], ${col(() => crypto.randomBytes(16).toString("base64url"))}::text[])
          AS u(v, w, o, s, e, st, t)`.execute(database.db);
  }
  const bookingMs = performance.now() - t0;
  t0 = performance.now();
  await database.execScript("ANALYZE");
  const check = await sql<{ n: number; month: number; requested: number }>`
    SELECT count(*)::int AS n,
           count(*) FILTER (WHERE ends_at > ${MONTH.from}::timestamptz AND starts_at < ${MONTH.to}::timestamptz)::int AS month,
           count(*) FILTER (WHERE status = 'requested')::int AS requested
      FROM bookings`.execute(database.db);
  const c = check.rows[0];
  console.log(
    `${label}: ${venues.length} venues in ${(venueMs / 1000).toFixed(1)} s; ${c?.n} bookings (${c?.month} in the month, ` +
      `${c?.requested} requested) in ${(bookingMs / 1000).toFixed(1)} s; ANALYZE ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return venues;
}

async function bench(label: string, database: Database): Promise<Sample[]> {
  const { orgs, userId } = await loadProvince(label, database);
  const venues = await generate(label, database, orgs, userId);
  const service = venuesService(database.db, () => NOW);
  const repo = venuesRepository(database.db);
  const everything = sql<SqlBool>`true`;
  const counties = orgs.filter((o) => o.category === "county");
  const root = orgs[0] as ProvinceOrg;
  const venuesUnder = (org: ProvinceOrg) => venues.filter((v) => v.owner.path.startsWith(org.path));
  const random = rng(3);

  /** A scenario gives, for a caller, the timed call, its reference and its recorded SQL (bench/foundation/scenarios.ts). */
  type Call = { scenario: string; run: (actor: Actor, org: ProvinceOrg) => Pair };
  const bookingPair = (actor: Actor, query: Partial<BookingListQuery> & { pageSize: number }): Pair => {
    const q = { page: 1, ...query } as BookingListQuery;
    return [
      () => service.listBookings(actor, q),
      () => repo.listBookings(everything, q, NOW),
      (db) => venuesRepository(db).listBookings(visibleWhere(actor, bookingPolicy.read), q, NOW),
    ];
  };
  const bookings = (query: Partial<BookingListQuery> & { pageSize: number }) => ({
    run: (actor: Actor) => bookingPair(actor, query),
  });
  const catalogue = (query: Partial<VenueListQuery>) => ({
    run: (actor: Actor): Pair => {
      const q = { page: 1, pageSize: 12, ...query } as VenueListQuery;
      return [
        () => service.listVenues(actor, q),
        () => repo.listVenues(everything, q, null),
        (db) =>
          venuesRepository(db).listVenues(
            visibleWhere(actor, venuePolicy.read),
            q,
            q.bookable ? visibleWhere(actor, venuePolicy.book) : null,
          ),
      ];
    },
  });
  const scenarios: Call[] = [
    // As BookingCalendar asks: 200 bookings, counted no further.
    { scenario: "calendar month", ...bookings({ ...MONTH, pageSize: 200, totalUpTo: 200 }) },
    {
      scenario: "one venue's month",
      run: (actor, org) =>
        bookingPair(actor, { venueId: pick(random, venuesUnder(org)).id, ...MONTH, pageSize: 200, totalUpTo: 200 }),
    },
    { scenario: "awaiting approval", ...bookings({ status: "requested", pageSize: 200 }) },
    { scenario: "upcoming", ...bookings({ from: NOW.toISOString(), pageSize: 10 }) },
    { scenario: "venue catalogue", ...catalogue({}) },
    { scenario: "bookable venues", ...catalogue({ bookable: true }) },
    { scenario: "venue keyword", ...catalogue({ q: "服务中心" }) },
  ];
  return timeScenarios(
    label,
    database,
    scenarios.map(({ scenario, run }) => ({
      scenario,
      call: (i: number): [string, Pair] => {
        const [who, org] = i % 2 === 0 ? ["coordinator", root] : ["secretary", pick(random, counties)];
        return [who, run(actorFor(who === "coordinator" ? "coordinator" : "secretary", org), org)];
      },
    })),
    { calls, warmup: 5, explain },
  );
}

await runListBenchmark(bench, process.argv.includes("--postgres-only") ? "postgres" : undefined);
