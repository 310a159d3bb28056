/**
 * The demo county's shared venues and remote education (issue 10, item 7): the community service
 * centres, the town centres and a few villages' practice bases and remote-education sites, some
 * facilities of the county, bookings over the past year and the next month, and courses assigned
 * to the towns (so every village's members have them) with progress. Generated deterministically
 * from the county, a seed and a reference date (`today`), like the roster; nothing reads the clock
 * or Math.random. Bookings of one venue never overlap (one a day at most), as the database demands.
 *
 * Organizations are named by their keys and people by account usernames or member indexes; the
 * loader turns them into ids. A few hundred rows, inserted in bulk: the demo load stays fast.
 */
import type { OpeningWindow } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { chinaDate } from "../platform/china-time.ts";
import type { DemoCounty, DemoOrg } from "./generate.ts";
import { hashString, mulberry32, pick, randInt } from "./random.ts";

export interface DemoVenue {
  orgKey: string;
  kind: string;
  name: string;
  description: string;
  address: string | null;
  capacity: number | null;
  openTo: "jurisdiction" | "partners" | "region";
  openingHours: OpeningWindow[];
  blackoutDates: string[];
  requiresApproval: boolean;
  createdBy: string;
}

export interface DemoBooking {
  venue: number;
  orgKey: string;
  start: string;
  end: string;
  purpose: string;
  attendees: number;
  status: "requested" | "confirmed" | "declined" | "cancelled" | "checked_in";
  createdBy: string;
}

export interface DemoCourse {
  orgKey: string;
  kind: "video" | "document" | "link" | "experience";
  title: string;
  summary: string;
  body: string | null;
  url: string | null;
  minutes: number;
  assignedTo: string[];
  createdBy: string;
}

export interface DemoProgress {
  course: number;
  memberIndex: number;
  minutes: number;
  completedOn: string | null;
}

export interface DemoVenues {
  venues: DemoVenue[];
  bookings: DemoBooking[];
  courses: DemoCourse[];
  progress: DemoProgress[];
}

const DAY = 86_400_000;
const weekdays = (days: number[], from: string, to: string): OpeningWindow[] =>
  days.map((weekday) => ({ weekday, from, to }));
const EVERY_DAY = weekdays([1, 2, 3, 4, 5, 6, 7], "08:30", "21:00");
const OFFICE = [...weekdays([1, 2, 3, 4, 5], "08:30", "17:30"), ...weekdays([6], "09:00", "12:00")];

const shortName = (org: DemoOrg) =>
  org.name.replace(/^中共/, "").replace(/(党总支部?委员会|党支部委员会|支部委员会|委员会|党委|党支部|党总支)$/, "");

const PURPOSES = [
  "联合主题党日",
  "城乡党员联学联建",
  "“三会一课”党课",
  "乡村振兴专题培训",
  "党员志愿服务对接会",
  "结对共建座谈会",
  "红色教育现场教学",
  "农产品产销对接活动",
];

const COURSES: Omit<DemoCourse, "orgKey" | "assignedTo" | "createdBy">[] = [
  {
    kind: "video",
    title: "学习贯彻党的二十届四中全会精神专题辅导",
    summary: "全会精神解读，县委宣讲团主讲。",
    body: null,
    url: "https://www.12371.cn/",
    minutes: 90,
  },
  {
    kind: "video",
    title: "农村基层党组织建设工作要点",
    summary: "村党组织书记履职、组织生活、党员发展。",
    body: null,
    url: "https://www.12371.cn/",
    minutes: 60,
  },
  {
    kind: "document",
    title: "《中国共产党农村基层组织工作条例》导读",
    summary: "逐章导读与案例。",
    body: "第一章 总则……（导读正文）",
    url: null,
    minutes: 45,
  },
  {
    kind: "link",
    title: "农村电商实用技术",
    summary: "远程教育站点播放课程：网店开设、直播带货、冷链物流。",
    body: null,
    url: "https://www.12371.cn/",
    minutes: 120,
  },
  {
    kind: "experience",
    title: "城乡结对“阵地共享”经验：社区活动室向村里开放",
    summary: "社区与村结对后互开阵地，一年开展联合主题党日十余次。",
    body: "一、背景……二、做法：双向开放、预约使用、共同管理……三、成效……",
    url: null,
    minutes: 20,
  },
  {
    kind: "experience",
    title: "村级党群服务中心“一室多用”做法",
    summary: "远程教育、议事、便民服务共用一个阵地。",
    body: "一、一室多用的安排……二、管理制度……",
    url: null,
    minutes: 20,
  },
];

export function generateDemoVenues(county: DemoCounty, options: { seed: number; today: string }): DemoVenues {
  const rng = mulberry32(hashString("venues", options.seed));
  const today = new Date(`${options.today}T00:00:00+08:00`).getTime();
  const secretaryOf = new Map<string, string>();
  let coordinator = "coordinator";
  let demoVillage: string | null = null;
  for (const a of county.accounts) {
    for (const r of a.roles) {
      if (r.role === "secretary" && r.orgKey && !secretaryOf.has(r.orgKey)) secretaryOf.set(r.orgKey, a.username);
      if (r.role === "coordinator" && r.orgKey === "county") coordinator = a.username;
      if (a.username === "secretary" && r.orgKey) demoVillage = r.orgKey;
    }
  }
  const accountOf = (key: string) => secretaryOf.get(key) ?? coordinator;
  const communities = county.orgs.filter((o) => o.category === "urban_community");
  const towns = county.orgs.filter((o) => o.category === "town_street");
  const villages = county.orgs.filter((o) => o.category === "village");
  if (!county.orgs.some((o) => o.key === "county") || villages.length === 0) {
    return { venues: [], bookings: [], courses: [], progress: [] };
  }

  const venues: DemoVenue[] = [];
  const venue = (v: Omit<DemoVenue, "blackoutDates" | "createdBy"> & { blackoutDates?: string[] }) =>
    venues.push({ blackoutDates: [], createdBy: accountOf(v.orgKey), ...v });
  for (const c of communities.slice(0, 10)) {
    venue({
      orgKey: c.key,
      kind: "service_centre",
      name: `${shortName(c)}党群服务中心活动室`,
      description: "社区党群服务中心二楼活动室，可开展主题党日、培训、议事。向全县党组织开放，无需审批。",
      address: `${shortName(c)}党群服务中心二楼`,
      capacity: 60,
      openTo: "region",
      openingHours: EVERY_DAY,
      requiresApproval: false,
    });
  }
  for (const t of towns) {
    venue({
      orgKey: t.key,
      kind: "meeting_hall",
      name: `${shortName(t)}党群服务中心会议室`,
      description: "镇党群服务中心会议室，配投影和远程教育终端。预约需镇党委审批。",
      address: `${shortName(t)}人民政府院内`,
      capacity: 80,
      openTo: "region",
      openingHours: OFFICE,
      requiresApproval: true,
    });
  }
  // Every 12th village: a practice base (历练作风的基层阵地); every 15th: its remote-education site.
  villages.forEach((v, i) => {
    if (i % 12 === 0 || v.key === demoVillage) {
      venue({
        orgKey: v.key,
        kind: "practice_base",
        name: `${shortName(v)}乡村振兴实践基地`,
        description: "村集体产业基地与党员活动室，城区党组织来村开展实践、联学。需村党组织同意。",
        address: `${shortName(v)}村部`,
        capacity: 40,
        openTo: "region",
        openingHours: EVERY_DAY,
        requiresApproval: true,
      });
    }
    if (i % 15 === 7) {
      venue({
        orgKey: v.key,
        kind: "remote_education_site",
        name: `${shortName(v)}远程教育站点`,
        description: "农村党员干部现代远程教育终端站点，向结对党组织开放。",
        address: `${shortName(v)}村部一楼`,
        capacity: 30,
        openTo: "partners",
        openingHours: weekdays([1, 2, 3, 4, 5, 6, 7], "08:00", "20:00"),
        requiresApproval: false,
      });
    }
  });
  venue({
    orgKey: "county",
    kind: "red_education_base",
    name: "武平县红色教育基地",
    description: "县级红色教育基地，现场教学点。团体预约需审批。",
    address: null,
    capacity: 200,
    openTo: "region",
    openingHours: weekdays([1, 2, 3, 4, 5, 6, 7], "09:00", "17:00"),
    blackoutDates: [isoDay(today + 45 * DAY)],
    requiresApproval: true,
  });
  venue({
    orgKey: "county",
    kind: "vehicle",
    name: "流动党校宣讲车",
    description: "配音响和大屏的宣讲车，可下村开展宣讲。",
    address: null,
    capacity: 1,
    openTo: "region",
    openingHours: weekdays([1, 2, 3, 4, 5], "08:00", "18:00"),
    requiresApproval: true,
  });
  venue({
    orgKey: "county",
    kind: "screen",
    name: "便携投影与幕布",
    description: "可借用的投影仪一套。",
    address: null,
    capacity: 1,
    openTo: "region",
    openingHours: EVERY_DAY,
    requiresApproval: false,
  });

  // Bookings: one a day at most per venue, from a year ago to a month ahead.
  const bookers = [...villages, ...communities];
  const bookings: DemoBooking[] = [];
  venues.forEach((v, index) => {
    const days = new Set<number>();
    const count = v.orgKey === "county" ? 10 : randInt(rng, 4, 9);
    for (let n = 0; n < count * 3 && days.size < count; n++) days.add(randInt(rng, -360, 30));
    // The demo secretary's village has something coming up at a community's centre (its home card).
    if (index === 0) days.add(3);
    for (const offset of [...days].sort((a, b) => a - b)) {
      const day = today + offset * DAY;
      const weekday = ((new Date(day + 8 * 3600_000).getUTCDay() + 6) % 7) + 1;
      const window = v.openingHours.find((w) => w.weekday === weekday);
      if (!window) continue;
      const from = Math.max(toMinutes(window.from), 9 * 60);
      const to = toMinutes(window.to);
      if (to - from < 120) continue;
      const start = from + 30 * randInt(rng, 0, Math.floor((to - from - 120) / 30));
      const hours = Math.min(randInt(rng, 1, 3), Math.floor((to - start) / 60));
      const ownerOrg = v.orgKey;
      let booker = index === 0 && offset === 3 && demoVillage ? demoVillage : pick(rng, bookers).key;
      if (booker === ownerOrg) booker = pick(rng, bookers).key;
      if (booker === ownerOrg) continue;
      const past = offset < 0;
      const roll = rng();
      const status: DemoBooking["status"] = past
        ? roll < 0.75
          ? "checked_in"
          : roll < 0.85
            ? "confirmed"
            : roll < 0.93
              ? "cancelled"
              : "declined"
        : v.requiresApproval && roll < 0.5
          ? "requested"
          : roll < 0.92
            ? "confirmed"
            : "cancelled";
      bookings.push({
        venue: index,
        orgKey: booker,
        start: new Date(day + start * 60_000).toISOString(),
        end: new Date(day + (start + hours * 60) * 60_000).toISOString(),
        purpose: pick(rng, PURPOSES),
        attendees: Math.min(v.capacity ?? 30, randInt(rng, 8, 40)),
        status,
        createdBy: accountOf(booker),
      });
    }
  });

  // Courses: the county's, assigned to every town (their villages' members study them).
  const courses: DemoCourse[] = COURSES.map((c, i) => ({
    ...c,
    orgKey: i === 4 && communities[0] ? communities[0].key : "county",
    assignedTo: i < 4 ? towns.map((t) => t.key) : [],
    createdBy: i === 4 && communities[0] ? accountOf(communities[0].key) : coordinator,
  }));
  const progress: DemoProgress[] = [];
  const demoMember = county.accounts.find((a) => a.username === "member")?.memberIndex;
  county.members.forEach((m, memberIndex) => {
    if (!villages.some((v) => v.key === m.orgKey)) return;
    if (memberIndex % 25 !== 0 && memberIndex !== demoMember) return;
    for (let course = 0; course < 4; course++) {
      const total = COURSES[course]?.minutes ?? 60;
      const roll = rng();
      if (roll < 0.3) continue;
      const minutes = roll < 0.7 ? total : randInt(rng, 10, total - 5);
      progress.push({
        course,
        memberIndex,
        minutes,
        completedOn: minutes >= total ? isoDay(today - randInt(rng, 1, 200) * DAY) : null,
      });
    }
  });
  return { venues, bookings, courses, progress };
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
/** The China-time date of an instant. */
const isoDay = (t: number) => chinaDate(new Date(t));

export interface DemoVenueCounts {
  venues: number;
  bookings: number;
  courses: number;
}

export async function insertDemoVenues(
  db: Kysely<DB>,
  demo: DemoVenues,
  orgId: (key: string) => number,
  memberId: (index: number) => number | undefined,
): Promise<DemoVenueCounts> {
  if (demo.venues.length === 0) return { venues: 0, bookings: 0, courses: 0 };
  const usernames = new Set([
    ...demo.venues.map((v) => v.createdBy),
    ...demo.bookings.map((b) => b.createdBy),
    ...demo.courses.map((c) => c.createdBy),
  ]);
  const users = await db
    .selectFrom("users")
    .select(["id", "username"])
    .where("username", "in", [...usernames])
    .execute();
  const userOf = new Map(users.map((u) => [u.username, u.id]));
  const fallback = users[0]?.id;
  const user = (name: string) => userOf.get(name) ?? (fallback as number);
  const county = orgId("county");
  const venueIds = (
    await db
      .insertInto("venues")
      .values(
        demo.venues.map((v) => ({
          org_id: orgId(v.orgKey),
          kind: v.kind,
          name: v.name,
          description: v.description,
          address: v.address,
          capacity: v.capacity,
          open_to: v.openTo,
          published_org_id: v.openTo === "region" ? county : null,
          opening_hours: JSON.stringify(v.openingHours),
          blackout_dates: v.blackoutDates,
          requires_approval: v.requiresApproval,
          created_by: user(v.createdBy),
        })),
      )
      .returning("id")
      .execute()
  ).map((r) => r.id);
  if (demo.bookings.length) {
    await db
      .insertInto("bookings")
      .values(
        demo.bookings.map((b, i) => ({
          venue_id: venueIds[b.venue] as number,
          owner_org_id: orgId((demo.venues[b.venue] as (typeof demo.venues)[number]).orgKey),
          org_id: orgId(b.orgKey),
          starts_at: b.start,
          ends_at: b.end,
          purpose: b.purpose,
          attendees: b.attendees,
          status: b.status,
          decided_at: b.status === "declined" || b.status === "confirmed" || b.status === "checked_in" ? b.start : null,
          checked_in_at: b.status === "checked_in" ? b.start : null,
          // Deterministic but unguessable enough for a demo: the real ones are 32 random bytes.
          check_in_token: `demo${hashString(`${b.start}:${i}`, 350824).toString(36)}${i.toString(36).padStart(8, "0")}x${hashString(b.purpose + i, 7).toString(36)}`,
          created_by: user(b.createdBy),
          created_at: new Date(new Date(b.start).getTime() - 5 * DAY),
        })),
      )
      .execute();
  }
  const courseIds = (
    await db
      .insertInto("courses")
      .values(
        demo.courses.map((c) => ({
          org_id: orgId(c.orgKey),
          kind: c.kind,
          title: c.title,
          summary: c.summary,
          body: c.body,
          url: c.url,
          minutes: c.minutes,
          open_to: "region",
          published_org_id: county,
          created_by: user(c.createdBy),
        })),
      )
      .returning("id")
      .execute()
  ).map((r) => r.id);
  const assignments = demo.courses.flatMap((c, i) =>
    c.assignedTo.map((key) => ({
      course_id: courseIds[i] as number,
      org_id: orgId(key),
      member_id: null,
      due_on: null,
      assigned_by: user(c.createdBy),
    })),
  );
  if (assignments.length) await db.insertInto("course_assignments").values(assignments).execute();
  const progress = demo.progress.flatMap((p) => {
    const member = memberId(p.memberIndex);
    return member === undefined
      ? []
      : [
          {
            course_id: courseIds[p.course] as number,
            member_id: member,
            minutes_studied: p.minutes,
            completed_at: p.completedOn ? `${p.completedOn}T20:00:00+08:00` : null,
          },
        ];
  });
  for (let i = 0; i < progress.length; i += 1000) {
    await db
      .insertInto("course_progress")
      .values(progress.slice(i, i + 1000))
      .execute();
  }
  return { venues: venueIds.length, bookings: demo.bookings.length, courses: courseIds.length };
}
