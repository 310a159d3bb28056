import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venuesService } from "../src/modules/venues/venues.service.ts";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Shared venues (issue 10): two-way opening, bookings the database never double-books (one slot,
 * a hundred requests at once: one confirmed, the rest 409 naming the clash), approval that refuses
 * a second overlapping request, the booking rules naming their field, QR check-in only for the
 * booking organization's people around the booked time, usage figures and a member's study.
 */
describe(`shared venues and bookings (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session;
  let villageB: Session;
  let community: Session;
  let communityQ: Session;
  let coordinator: Session;
  let member: Session;
  const ids: Record<string, number> = {};
  // 2026-12-01 10:00 China time, a Tuesday.
  const now = new Date("2026-12-01T02:00:00Z");
  let openVenue: number;
  let approvalVenue: number;

  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: "08:00", to: "21:00" }));

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty(), clock: () => now });
    for (const key of ["county", "village:a1", "village:b1", "community:p", "community:q"]) {
      ids[key] = await t.orgId(key);
    }
    village = await t.login("secretary");
    villageB = await t.login("secb");
    community = await t.login("commsec");
    communityQ = await t.login("commsecq");
    coordinator = await t.login("coordinator");
    member = await t.login("member");
    const venue = async (payload: Record<string, unknown>) => {
      const res = await community.request({ method: "POST", url: "/api/venues", payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    openVenue = await venue({
      orgId: ids["community:p"],
      kind: "activity_room",
      name: "城关社区党群活动室",
      capacity: 40,
      openTo: "region",
      openingHours: everyDay,
      blackoutDates: ["2026-12-05"],
      requiresApproval: false,
    });
    approvalVenue = await venue({
      orgId: ids["community:p"],
      kind: "meeting_hall",
      name: "城关社区会议室",
      openTo: "region",
      requiresApproval: true,
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
    s.request({ method: "POST", url, payload });
  const book = (s: Session, payload: Record<string, unknown>) => post(s, "/api/bookings", payload);
  const slot = (day: string, from: string, to: string) => ({
    start: `${day}T${from}:00+08:00`,
    end: `${day}T${to}:00+08:00`,
  });

  it("presents a venue with its owner, approval and whether the caller may book it", async () => {
    const res = await village.request({ method: "GET", url: `/api/venues/${openVenue}` });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      id: openVenue,
      name: "城关社区党群活动室",
      owner: { id: ids["community:p"], name: "中共城关社区委员会" },
      ownerArea: "urban",
      requiresApproval: false,
      abilities: { book: true, update: false, manageBookings: false },
    });
    const own = (await community.request({ method: "GET", url: `/api/venues/${openVenue}` })).json();
    expect(own.abilities).toMatchObject({ update: true, manageBookings: true });
    const list = await village.request({ method: "GET", url: "/api/venues?bookable=true" });
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([openVenue]));
  });

  it("confirms exactly one of 100 simultaneous requests for one slot; the others get 409 booking.conflict", async () => {
    const sessions = [village, villageB, coordinator];
    const orgs = [ids["village:a1"], ids["village:b1"], ids.county];
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        book(sessions[i % 3] as Session, {
          venueId: openVenue,
          orgId: orgs[i % 3],
          ...slot("2026-12-02", "09:00", "11:00"),
          purpose: `联合主题党日 ${i}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const winner = answers.find((a) => a.statusCode === 201)?.json();
    expect(winner.status).toBe("confirmed");
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      const error = expectError(a, 409, { code: "booking.conflict" });
      expect(error.message).toContain("2026-12-02 09:00–11:00");
    }
    const rows = await t.database.db
      .selectFrom("bookings")
      .select("id")
      .where("venue_id", "=", openVenue)
      .where("status", "=", "confirmed")
      .execute();
    expect(rows).toHaveLength(1);
  }, 120_000);

  it("the database itself refuses a second slot-holding booking over the same time (exclusion constraint)", async () => {
    const [first] = await t.database.db
      .selectFrom("bookings")
      .selectAll()
      .where("venue_id", "=", openVenue)
      .where("status", "=", "confirmed")
      .execute();
    if (!first) throw new Error("no confirmed booking");
    const overlapping = {
      venue_id: openVenue,
      owner_org_id: first.owner_org_id,
      org_id: first.org_id,
      starts_at: new Date(first.starts_at.getTime() + 30 * 60_000),
      ends_at: new Date(first.ends_at.getTime() + 30 * 60_000),
      purpose: "绕过服务直接写入",
      attendees: null,
      created_by: first.created_by,
    };
    const refused = await t.database.db
      .insertInto("bookings")
      .values({ ...overlapping, status: "checked_in", checked_in_at: new Date(), check_in_token: "direct-1" })
      .execute()
      .catch((e: { code?: string }) => e);
    expect((refused as { code?: string }).code).toBe("23P01");
    // A request (not holding the slot) may overlap; so may a cancelled one.
    await t.database.db
      .insertInto("bookings")
      .values({ ...overlapping, status: "requested", check_in_token: "direct-2" })
      .execute();
    await t.database.db.deleteFrom("bookings").where("check_in_token", "=", "direct-2").execute();
  });

  it("a touching slot is free, an overlapping one names the clash in the caller's language", async () => {
    const touching = await book(village, {
      venueId: openVenue,
      orgId: ids["village:a1"],
      ...slot("2026-12-02", "11:00", "12:00"),
      purpose: "党课",
    });
    expect(touching.statusCode).toBe(201);
    const clash = await village.request({
      method: "POST",
      url: "/api/bookings",
      headers: { "accept-language": "en" },
      payload: { venueId: openVenue, orgId: ids["village:a1"], ...slot("2026-12-02", "10:30", "11:30"), purpose: "x" },
    });
    const error = expectError(clash, 409, { code: "booking.conflict" });
    expect(error.message).toMatch(/already booked/);
  });

  it("a venue that needs approval holds requests and refuses approving a second overlapping one", async () => {
    const a = await book(village, {
      venueId: approvalVenue,
      orgId: ids["village:a1"],
      ...slot("2026-12-03", "14:00", "16:00"),
      purpose: "联学联建",
    });
    const b = await book(villageB, {
      venueId: approvalVenue,
      orgId: ids["village:b1"],
      ...slot("2026-12-03", "15:00", "17:00"),
      purpose: "党员培训",
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json().status, b.json().status]).toEqual(["requested", "requested"]);
    // The owner sees both waiting on the home card.
    const home = (await community.request({ method: "GET", url: "/api/home" })).json();
    const card = home.cards.find((c: { id: string }) => c.id === "venues");
    expect(card.awaitingApproval.total).toBe(2);
    // The requester may not approve its own request.
    expect((await post(village, `/api/bookings/${a.json().id}/approve`)).statusCode).toBe(403);
    const first = await post(community, `/api/bookings/${a.json().id}/approve`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe("confirmed");
    const second = await post(community, `/api/bookings/${b.json().id}/approve`);
    const error = expectError(second, 409, { code: "booking.conflict" });
    expect(error.message).toContain("中共三联村支部委员会");
    const declined = await post(community, `/api/bookings/${b.json().id}/decline`, { reason: "时段已满" });
    expect(declined.json().status).toBe("declined");
    // The village was told its request was approved.
    const notes = (await village.request({ method: "GET", url: "/api/notifications" })).json();
    expect(JSON.stringify(notes)).toContain("booking.approved");
  });

  it("refuses bad bookings naming the field", async () => {
    const base = { venueId: openVenue, orgId: ids["village:a1"], purpose: "测试" };
    expectError(await book(village, { ...base, ...slot("2026-12-04", "10:00", "09:00") }), 400, {
      code: "booking.endBeforeStart",
      field: "end",
    });
    expectError(await book(village, { ...base, ...slot("2026-12-04", "06:00", "09:00") }), 400, {
      code: "booking.outsideHours",
      field: "start",
    });
    expectError(await book(village, { ...base, ...slot("2026-12-05", "10:00", "11:00") }), 400, {
      code: "booking.blackout",
      field: "start",
    });
    expectError(await book(village, { ...base, ...slot("2026-12-04", "10:00", "11:00"), attendees: 41 }), 400, {
      code: "booking.overCapacity",
      field: "attendees",
    });
    expectError(await book(village, { ...base, start: "2026-12-04 10:00", end: "2026-12-04T11:00:00+08:00" }), 400, {
      field: "start",
    });
    // A venue of community:q open to its own jurisdiction only: the village may not book it.
    const closed = await communityQ.request({
      method: "POST",
      url: "/api/venues",
      payload: {
        orgId: ids["community:q"],
        kind: "activity_room",
        name: "平川社区活动室",
        openTo: "jurisdiction",
        requiresApproval: false,
      },
    });
    expect(closed.statusCode).toBe(201);
    const refused = await book(village, {
      ...base,
      venueId: closed.json().id,
      ...slot("2026-12-04", "10:00", "11:00"),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe("venueId");
    // Booking for an organization one does not act for: that field's mistake.
    expectError(
      await book(village, { ...base, orgId: ids["village:b1"], ...slot("2026-12-04", "10:00", "11:00") }),
      400,
      { field: "orgId" },
    );
  });

  it("checks in with the QR link only for the booking organization's people, from an hour before the start", async () => {
    // Starts in 30 minutes (10:30 China time): inside the window.
    const soon = await book(village, {
      venueId: openVenue,
      orgId: ids["village:a1"],
      ...slot("2026-12-01", "10:30", "12:00"),
      purpose: "主题党日",
    });
    expect(soon.statusCode, soon.body).toBe(201);
    const id = soon.json().id as number;
    const seen = (await village.request({ method: "GET", url: `/api/bookings/${id}` })).json();
    expect(seen.checkInPath).toMatch(new RegExp(`^/check-in/${id}\\?token=`));
    expect(seen.abilities.checkIn).toBe(true);
    const token = new URL(`http://x${seen.checkInPath}`).searchParams.get("token") as string;
    // The QR code: the owner shows it, the booking organization has it; others do not.
    const qr = await community.request({ method: "GET", url: `/api/bookings/${id}/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
    expect(qr.body).toContain("</svg>");
    expect((await communityQ.request({ method: "GET", url: `/api/bookings/${id}/qr.svg` })).statusCode).toBe(404);
    // The venue's owner and the booking organization's superiors are not its people.
    expect((await post(community, `/api/bookings/${id}/check-in`, { token })).statusCode).toBe(403);
    expectError(await post(coordinator, `/api/bookings/${id}/check-in`, { token }), 403, {
      code: "booking.notOwnPeople",
    });
    expectError(await post(village, `/api/bookings/${id}/check-in`, { token: "x".repeat(43) }), 400, {
      field: "token",
    });
    const done = await post(village, `/api/bookings/${id}/check-in`, { token });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe("checked_in");
    const ownerTold = (await community.request({ method: "GET", url: "/api/notifications" })).json();
    expect(JSON.stringify(ownerTold)).toContain("booking.checkedIn");
    // Three hours ahead: too early.
    const later = await book(village, {
      venueId: openVenue,
      orgId: ids["village:a1"],
      ...slot("2026-12-01", "13:30", "14:30"),
      purpose: "党课",
    });
    const laterToken = new URL(
      `http://x${(await village.request({ method: "GET", url: `/api/bookings/${later.json().id}` })).json().checkInPath}`,
    ).searchParams.get("token") as string;
    expectError(await post(village, `/api/bookings/${later.json().id}/check-in`, { token: laterToken }), 409, {
      code: "booking.checkInWindow",
    });
    // Cancelled by the booker; the slot is free again.
    const cancelled = await post(village, `/api/bookings/${later.json().id}/cancel`, { reason: "改期" });
    expect(cancelled.json().status).toBe("cancelled");
  });

  it("the owner narrows or closes a venue; then the village may no longer book it", async () => {
    const created = await post(community, "/api/venues", {
      orgId: ids["community:p"],
      kind: "screen",
      name: "社区LED屏",
      openTo: "region",
      requiresApproval: false,
    });
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ facility: true, abilities: { update: true } });
    expect((await village.request({ method: "GET", url: `/api/venues/${id}` })).json().abilities.book).toBe(true);
    expect(
      (await village.request({ method: "PATCH", url: `/api/venues/${id}`, payload: { name: "x" } })).statusCode,
    ).toBe(403);
    const narrowed = await community.request({
      method: "PATCH",
      url: `/api/venues/${id}`,
      payload: { openTo: "jurisdiction", blackoutDates: ["2026-12-09"] },
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(narrowed.json()).toMatchObject({ openTo: "jurisdiction", blackoutDates: ["2026-12-09"] });
    // No longer open to the village: it does not even see it (it never booked it).
    expect((await village.request({ method: "GET", url: `/api/venues/${id}` })).statusCode).toBe(404);
    const closed = await community.request({
      method: "PATCH",
      url: `/api/venues/${id}`,
      payload: { openTo: "region", status: "closed" },
    });
    expect(closed.json()).toMatchObject({ status: "closed", abilities: { book: false } });
    const refused = await book(village, {
      venueId: id,
      orgId: ids["village:a1"],
      ...slot("2026-12-08", "10:00", "11:00"),
      purpose: "测试",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe("venueId");
  });

  it("lists bookings by venue and time range, in China time", async () => {
    const res = await community.request({
      method: "GET",
      url: `/api/bookings?venueId=${openVenue}&from=${encodeURIComponent("2026-12-02T00:00:00+08:00")}&to=${encodeURIComponent("2026-12-03T00:00:00+08:00")}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ start: "2026-12-02T09:00:00+08:00", end: "2026-12-02T11:00:00+08:00" });
    // A calendar counts no further than it shows, and is told when there are more.
    const capped = await community.request({
      method: "GET",
      url: `/api/bookings?venueId=${openVenue}&pageSize=1&totalUpTo=1`,
    });
    expect(capped.json()).toMatchObject({ total: 1, totalCapped: true });
    expect(capped.json().items).toHaveLength(1);
    // A booking that started before the range and runs into it is in it (the 31-day bound of the start).
    const overlapping = await community.request({
      method: "GET",
      url: `/api/bookings?venueId=${openVenue}&from=${encodeURIComponent("2026-12-02T10:00:00+08:00")}&to=${encodeURIComponent("2026-12-02T10:30:00+08:00")}`,
    });
    expect(overlapping.json().items.map((b: { start: string }) => b.start)).toContain("2026-12-02T09:00:00+08:00");
  });

  it("counts usage by direction (rural → urban here) for the coordinator's jurisdiction", async () => {
    const res = await coordinator.request({ method: "GET", url: "/api/venues/usage?from=2026-11-01&to=2026-12-31" });
    expect(res.statusCode, res.body).toBe(200);
    const usage = res.json();
    const ruralToUrban = usage.directions.find((d: { direction: string }) => d.direction === "rural_to_urban");
    expect(ruralToUrban.bookings).toBeGreaterThanOrEqual(3);
    const host = usage.organizations.find((o: { org: { id: number } }) => o.org.id === ids["community:p"]);
    expect(host.bookingsHosted).toBeGreaterThanOrEqual(4);
    // Narrowed to the village, as its secretary: its own visits only.
    const mine = await village.request({
      method: "GET",
      url: `/api/venues/usage?from=2026-11-01&to=2026-12-31&within=${ids["village:a1"]}`,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().organizations.map((o: { org: { id: number } }) => o.org.id)).toEqual([ids["village:a1"]]);
    expectError(await village.request({ method: "GET", url: `/api/venues/usage?within=${ids["village:b1"]}` }), 400, {
      field: "within",
    });
  });

  it("a member studies an assigned course and sees the hours on their study page", async () => {
    const created = await post(coordinator, "/api/courses", {
      orgId: ids.county,
      kind: "video",
      title: "学习贯彻党的二十届四中全会精神",
      url: "https://example.org/course/1",
      minutes: 45,
      openTo: "region",
    });
    expect(created.statusCode, created.body).toBe(201);
    const courseId = created.json().id as number;
    const assigned = await post(village, `/api/courses/${courseId}/assignments`, { orgIds: [ids["village:a1"]] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assigned).toBe(1);
    const page = (await member.request({ method: "GET", url: "/api/study" })).json();
    expect(page.items.map((i: { course: { id: number } }) => i.course.id)).toContain(courseId);
    await post(member, `/api/courses/${courseId}/progress`, { minutes: 30 });
    const progress = await post(member, `/api/courses/${courseId}/progress`, { minutes: 20 });
    expect(progress.json()).toMatchObject({ minutesStudied: 50, completed: true });
    const after = (await member.request({ method: "GET", url: "/api/study" })).json();
    expect(after).toMatchObject({ completed: 1, totalMinutes: 50, totalHours: 0.8 });
    // A member of another village has nothing to study there.
    expect((await villageB.request({ method: "GET", url: `/api/courses/${courseId}/progress` })).statusCode).toBe(404);
    // The course's page for the village's secretary counts the completion.
    const detail = (await village.request({ method: "GET", url: `/api/courses/${courseId}` })).json();
    expect(detail.completions).toBe(1);
    // Its owner's side edits it; a village that only reads it may not.
    expect(
      (await village.request({ method: "PATCH", url: `/api/courses/${courseId}`, payload: { minutes: 30 } }))
        .statusCode,
    ).toBe(403);
    const edited = await coordinator.request({
      method: "PATCH",
      url: `/api/courses/${courseId}`,
      payload: { summary: "县委宣讲团主讲" },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ summary: "县委宣讲团主讲", abilities: { update: true } });
    // An experience write-up assigned to the member by name: they are told, and it is on their page.
    const write = await post(community, "/api/courses", {
      orgId: ids["community:p"],
      kind: "experience",
      title: "阵地共享经验",
      body: "社区活动室向结对村开放……",
      minutes: 15,
      openTo: "region",
    });
    expect(write.statusCode, write.body).toBe(201);
    const memberId = await t.memberId("刘二");
    expectError(await post(communityQ, `/api/courses/${write.json().id}/assignments`, { memberIds: [memberId] }), 400, {
      field: "memberIds",
    });
    const byName = await post(village, `/api/courses/${write.json().id}/assignments`, { memberIds: [memberId] });
    expect(byName.json().assigned).toBe(1);
    const told = (await member.request({ method: "GET", url: "/api/notifications" })).json();
    expect(JSON.stringify(told)).toContain("course.assigned");
    const studying = await member.request({ method: "GET", url: `/api/study/courses/${write.json().id}` });
    expect(studying.json()).toMatchObject({ body: "社区活动室向结对村开放……", myProgress: { minutesStudied: 0 } });
  });
  it("reminds a booking made ahead once, the day before, to the booking organization", async () => {
    const made = await book(villageB, {
      venueId: openVenue,
      orgId: ids["village:b1"],
      ...slot("2026-12-06", "19:00", "20:00"),
      purpose: "党员冬训",
    });
    expect(made.statusCode, made.body).toBe(201);
    const bookingId = made.json().id as number;
    const reminders = async () =>
      (
        (await villageB.request({ method: "GET", url: "/api/notifications" })).json().items as Array<{
          kind: string;
          link: string;
        }>
      ).filter((n) => n.kind === "booking.reminder" && n.link === `/bookings/${bookingId}`);
    // Two days ahead: not yet. The day before (23 hours ahead): once, however often the sweep runs.
    const at = (iso: string) => venuesService(t.database.db, () => new Date(iso));
    await at("2026-12-04T12:00:00+08:00").remindUpcoming();
    expect(await reminders()).toHaveLength(0);
    await at("2026-12-05T20:00:00+08:00").remindUpcoming();
    await at("2026-12-05T21:00:00+08:00").remindUpcoming();
    expect(await reminders()).toHaveLength(1);
    // The venue's owner is not reminded of another organization's booking.
    const owner = (await community.request({ method: "GET", url: "/api/notifications" })).json();
    expect(JSON.stringify(owner.items)).not.toContain("booking.reminder");
  });
});
