import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseKind } from "../../test/helpers.ts";
import { useAuditKey } from "../platform/audit.ts";
import { createCipher } from "../platform/crypto.ts";
import { type DemoCounty, generateDemoCounty } from "./generate.ts";
import { insertDemoCounty } from "./load.ts";
import { type DemoVenues, generateDemoVenues } from "./venues.ts";

const TODAY = "2025-06-30";

let county: DemoCounty;
let demo: DemoVenues;

beforeAll(async () => {
  county = await generateDemoCounty({ today: TODAY });
  demo = generateDemoVenues(county, { seed: 350824, today: TODAY });
});

describe("the demo county's shared venues (issue 10)", () => {
  it("is the same for the same seed and day", () => {
    expect(generateDemoVenues(county, { seed: 350824, today: TODAY })).toEqual(demo);
  });

  it("has the community and town centres, village practice bases and remote-education sites, facilities", () => {
    const kinds = new Set(demo.venues.map((v) => v.kind));
    for (const kind of ["service_centre", "meeting_hall", "practice_base", "remote_education_site", "vehicle"]) {
      expect(kinds).toContain(kind);
    }
    expect(demo.venues.some((v) => v.requiresApproval)).toBe(true);
    expect(demo.venues.some((v) => !v.requiresApproval && v.openTo === "region")).toBe(true);
  });

  it("books over the past year and the next month, in both directions, never two at once on one venue", () => {
    const today = new Date(`${TODAY}T00:00:00+08:00`).getTime();
    expect(demo.bookings.some((b) => new Date(b.start).getTime() < today - 180 * 86_400_000)).toBe(true);
    expect(demo.bookings.some((b) => new Date(b.start).getTime() > today)).toBe(true);
    const area = new Map(county.orgs.map((o) => [o.key, o.area]));
    const directions = new Set(
      demo.bookings.map((b) => `${area.get(b.orgKey)}→${area.get(demo.venues[b.venue]?.orgKey ?? "")}`),
    );
    expect(directions).toContain("rural→urban");
    expect(directions).toContain("urban→rural");
    const byVenue = new Map<number, { start: number; end: number }[]>();
    for (const b of demo.bookings.filter((x) => x.status === "confirmed" || x.status === "checked_in")) {
      const list = byVenue.get(b.venue) ?? [];
      const s = new Date(b.start).getTime();
      const e = new Date(b.end).getTime();
      expect(e).toBeGreaterThan(s);
      expect(list.some((o) => o.start < e && s < o.end)).toBe(false);
      list.push({ start: s, end: e });
      byVenue.set(b.venue, list);
    }
  });

  it("gives the demo secretary's village an upcoming booking and the demo member courses with progress", () => {
    const village = county.accounts.find((a) => a.username === "secretary")?.roles[0]?.orgKey;
    const today = new Date(`${TODAY}T00:00:00+08:00`).getTime();
    expect(demo.bookings.some((b) => b.orgKey === village && new Date(b.start).getTime() > today)).toBe(true);
    const member = county.accounts.find((a) => a.username === "member")?.memberIndex;
    expect(demo.progress.some((p) => p.memberIndex === member)).toBe(true);
    expect(demo.progress.some((p) => p.completedOn !== null)).toBe(true);
  });
});

describe(`the demo venues load into the database (${testDatabaseKind})`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    useAuditKey(crypto.randomBytes(32));
  }, 60_000);
  afterAll(async () => database?.drop());

  it("inserts every venue, booking, course and completion", async () => {
    const { db } = database.database;
    const started = Date.now();
    await db
      .transaction()
      .execute((trx) =>
        insertDemoCounty(trx, county, new Map(), createCipher(crypto.randomBytes(32)), "x", undefined, demo),
      );
    const n = async (table: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n;
    expect(await n("venues")).toBe(demo.venues.length);
    expect(await n("bookings")).toBe(demo.bookings.length);
    expect(await n("courses")).toBe(demo.courses.length);
    expect(await n("course_progress")).toBe(demo.progress.length);
    console.log(
      `demo venues: ${demo.venues.length} venues, ${demo.bookings.length} bookings, ${demo.progress.length} progress rows; county + venues loaded in ${Date.now() - started} ms`,
    );
  }, 120_000);
});
