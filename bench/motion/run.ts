/**
 * Members in motion and in need at province size (issue 11's lists that grow, the kernel's module
 * checklist): a freshly migrated database with 广西's organization tree (≈18,000 organizations),
 * 100,000 members on its leaf organizations (ID numbers and phones encrypted as the members module
 * writes them), and generated rows for each list of the modules transfers, mobile-members,
 * volunteers, hardship and registrations:
 *   - 50,000 membership transfers in every status (within a county or city, across them, out of the
 *     platform), each with its request step and, when decided, its decision step;
 *   - 60,000 mobile members (registered, received, closed; a fifth of the open ones out of contact),
 *     contacts encrypted with the personal-data cipher, and the destination's activities;
 *   - volunteer teams at every town and county with members, 30,000 service requests (open,
 *     claimed, completed, cancelled) published to their county or city, ≈100,000 volunteer hours;
 *   - 10,000 hardship cases (details and entries' notes encrypted, as the module writes them);
 *   - 40,000 in-service registrations with their communities' service posts and takings.
 * Then, through each module's service — page, count and presentation, what the routes answer — as
 * a county secretary (a county coordinator for hardship, which a secretary keeps only at their own
 * organization) and as the region's coordinator, the lists the web pages ask for:
 *   - transfers awaiting me (`GET /api/transfers?direction=incoming&status=pending`, the home card's link) and all;
 *   - mobile members (`GET /api/mobile-members`) and those out of contact (`outOfContact=true`);
 *   - open service requests (`GET /api/service-requests?status=open`) and volunteer teams with their hours;
 *   - a member's own volunteer hours (`GET /api/volunteer-hours`, as the member);
 *   - hardship cases (`GET /api/hardship-cases?pageSize=12`);
 *   - in-service registrations (`GET /api/registrations`).
 * Each call is paired with its **reference**: the repository's same page and count with no access
 * condition at all.
 *
 *   node --import tsx bench/motion/run.ts [--calls 40] [--postgres-only | --pglite] [--explain]
 *
 * `--explain`: EXPLAIN (ANALYZE, BUFFERS) of the repository's queries for each list's slowest call.
 * PGlite in memory, then a throw-away schema of the PostgreSQL at TEST_DATABASE_URL (or
 * postgres://postgres@127.0.0.1:5432/test), dropped at the end (bench/foundation/databases.ts).
 */
import crypto from "node:crypto";
import type {
  HardshipListQuery,
  MobileMemberListQuery,
  RegistrationListQuery,
  ServiceRequestListQuery,
  TransferListQuery,
  VolunteerTeamListQuery,
} from "@huzhu/contracts";
import { maskContact } from "@huzhu/domain";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";
import type { DB } from "../../apps/server/src/db/schema.ts";
import { hardshipPolicy, keepersOf } from "../../apps/server/src/modules/hardship/hardship.policy.ts";
import { hardshipRepository } from "../../apps/server/src/modules/hardship/hardship.repository.ts";
import { hardshipService } from "../../apps/server/src/modules/hardship/hardship.service.ts";
import { personalDataColumns } from "../../apps/server/src/modules/members/members.import.ts";
import { mobileMemberPolicy } from "../../apps/server/src/modules/mobile-members/mobile-members.policy.ts";
import { mobileMembersRepository } from "../../apps/server/src/modules/mobile-members/mobile-members.repository.ts";
import {
  mobileMembersService,
  OUT_OF_CONTACT_DAYS,
} from "../../apps/server/src/modules/mobile-members/mobile-members.service.ts";
import { registrationPolicy } from "../../apps/server/src/modules/registrations/registrations.policy.ts";
import { registrationsRepository } from "../../apps/server/src/modules/registrations/registrations.repository.ts";
import { registrationsService } from "../../apps/server/src/modules/registrations/registrations.service.ts";
import { transferPolicy } from "../../apps/server/src/modules/transfers/transfers.policy.ts";
import { transfersRepository } from "../../apps/server/src/modules/transfers/transfers.repository.ts";
import { transfersService } from "../../apps/server/src/modules/transfers/transfers.service.ts";
import { serviceRequestPolicy, teamPolicy } from "../../apps/server/src/modules/volunteers/volunteers.policy.ts";
import { volunteersRepository } from "../../apps/server/src/modules/volunteers/volunteers.repository.ts";
import { volunteersService } from "../../apps/server/src/modules/volunteers/volunteers.service.ts";
import { type Actor, type Scope, scopeFor } from "../../apps/server/src/platform/access.ts";
import { createCipher, type PersonalDataCipher } from "../../apps/server/src/platform/crypto.ts";
import { scopeOf, visibleWhere } from "../../apps/server/src/platform/policy.ts";
import { actorFor, loadProvince, type ProvinceOrg } from "../foundation/province-db.ts";
import { type Pair, runListBenchmark, type Sample, timeScenarios } from "../foundation/scenarios.ts";
import { pick, rng } from "../search/generate.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const calls = arg("--calls", 40);
const explain = process.argv.includes("--explain");
/** The benchmark's "now": mid-November 2026; rows spread over the three years before it. */
const NOW = new Date("2026-11-16T02:00:00Z");
const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
const day = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
/** The out-of-contact cutoff as the mobile-members service works it out for NOW. */
const CUTOFF = day(OUT_OF_CONTACT_DAYS);
const SIZES = {
  members: 100_000,
  transfers: 50_000,
  mobile: 60_000,
  requests: 30_000,
  hardship: 10_000,
  registrations: 40_000,
};

function weighted<T>(random: () => number, items: ReadonlyArray<[T, number]>): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return (items.at(-1) as [T, number])[0];
}

/** A column of a batched insert: its name, its SQL type, and whether its values are bytes (sent as hex). */
type Column = [name: string, type: string, bytes?: boolean];

/**
 * Inserts rows in batches of `batch` with one `INSERT … SELECT FROM unnest(…)` each, answering the
 * new ids in order when `returning`. Bytes travel as hex text and are decoded in SQL.
 */
async function bulk(
  db: Kysely<DB>,
  table: string,
  columns: Column[],
  rows: unknown[][],
  returning = false,
  batch = 5_000,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const arrays = columns.map(([, type, bytes], c) =>
      bytes
        ? sql`${chunk.map((r) => Buffer.from(r[c] as Uint8Array).toString("hex"))}::text[]`
        : sql`${chunk.map((r) => r[c])}::${sql.raw(type)}[]`,
    );
    const names = columns.map(([name]) => sql.raw(name));
    const values = columns.map(([, , bytes], c) => (bytes ? sql.raw(`decode(c${c}, 'hex')`) : sql.raw(`c${c}`)));
    const aliases = columns.map((_, c) => sql.raw(`c${c}`));
    const result = await sql<{ id: number }>`
      INSERT INTO ${sql.raw(table)} (${sql.join(names)})
      SELECT ${sql.join(values)} FROM unnest(${sql.join(arrays)}) AS u(${sql.join(aliases)})
      ${returning ? sql`RETURNING id` : sql``}`.execute(db);
    if (returning) ids.push(...result.rows.map((r) => r.id));
  }
  return ids;
}

interface Member {
  id: number;
  org: ProvinceOrg;
}

interface Generated {
  members: Member[];
  /** Members with volunteer hours (for the member's own ledger). */
  volunteers: number[];
}

async function generate(
  label: string,
  database: Database,
  orgs: ProvinceOrg[],
  userId: number,
  cipher: PersonalDataCipher,
): Promise<Generated> {
  const db = database.db;
  const random = rng(11);
  const parents = new Set(orgs.map((o) => Number(o.path.split("/").filter(Boolean).at(-2))));
  const leaves = orgs.filter((o) => !parents.has(o.id));
  const communities = orgs.filter((o) => o.category === "urban_community");
  const leavesByRegion = new Map<number, ProvinceOrg[]>();
  for (const o of leaves) leavesByRegion.set(o.region, [...(leavesByRegion.get(o.region) ?? []), o]);
  const elsewhere = (o: ProvinceOrg, sameRegion: number) => {
    for (let k = 0; k < 5; k++) {
      const to = random() < sameRegion ? pick(random, leavesByRegion.get(o.region) ?? leaves) : pick(random, leaves);
      if (to.id !== o.id) return to;
    }
    return pick(
      random,
      leaves.filter((x) => x.id !== o.id),
    );
  };
  const log: string[] = [];
  let t0 = performance.now();
  const lap = (what: string) => {
    log.push(`${what} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
  };

  // Members on the leaf organizations, personal data as the members module writes it.
  const memberOrgs = Array.from({ length: SIZES.members }, () => pick(random, leaves));
  const memberRows = memberOrgs.map((org, i) => {
    const p = personalDataColumns(
      cipher,
      `45${String(i).padStart(10, "0")}199001`,
      `1${3 + (i % 6)}${String(i).padStart(9, "0")}`,
    );
    return [
      `党员${i}`,
      i % 3 ? "male" : "female",
      "汉族",
      1955 + (i % 45),
      p.id_number_enc,
      p.id_number_hash,
      p.id_number_masked,
      p.phone_enc,
      p.phone_masked,
      "本科",
      day(400 + (i % 5000)),
      "full",
      org.id,
    ];
  });
  const memberIds = await bulk(
    db,
    "members",
    [
      ["name", "text"],
      ["gender", "text"],
      ["ethnicity", "text"],
      ["birth_year", "int"],
      ["id_number_enc", "bytea", true],
      ["id_number_hash", "bytea", true],
      ["id_number_masked", "text"],
      ["phone_enc", "bytea", true],
      ["phone_masked", "text"],
      ["education", "text"],
      ["join_date", "date"],
      ["status", "text"],
      ["primary_org_id", "int"],
    ],
    memberRows,
    true,
  );
  const members: Member[] = memberIds.map((id, i) => ({ id, org: memberOrgs[i] as ProvinceOrg }));
  lap(`${members.length} members`);

  // Transfers: one per member (so at most one pending each), in every status.
  const transferRows = members.slice(0, SIZES.transfers).map((m) => {
    const outside = random() < 0.12;
    const to = outside ? null : elsewhere(m.org, 0.6);
    const r = random();
    const status = outside
      ? r < 0.2
        ? "pending"
        : r < 0.85
          ? "transferred_out"
          : "cancelled"
      : r < 0.15
        ? "pending"
        : r < 0.75
          ? "accepted"
          : r < 0.88
            ? "rejected"
            : "cancelled";
    const created = Math.floor(random() * SPAN_DAYS);
    return [
      m.id,
      m.org.id,
      to?.id ?? null,
      outside ? "广东省深圳市南山区某街道党工委" : null,
      "工作调动",
      status,
      status === "rejected" ? "材料不全" : null,
      userId,
      at(created),
      status === "pending" ? null : at(Math.max(0, created - 1 - Math.floor(random() * 20))),
    ];
  });
  await bulk(
    db,
    "membership_transfers",
    [
      ["member_id", "int"],
      ["from_org_id", "int"],
      ["to_org_id", "int"],
      ["to_outside", "text"],
      ["reason", "text"],
      ["status", "text"],
      ["reject_reason", "text"],
      ["requested_by", "int"],
      ["created_at", "timestamptz"],
      ["decided_at", "timestamptz"],
    ],
    transferRows,
  );
  await sql`
    INSERT INTO membership_transfer_steps (transfer_id, action, actor_id, note, at)
    SELECT id, 'request', requested_by, NULL, created_at FROM membership_transfers
    UNION ALL
    SELECT id, CASE status WHEN 'accepted' THEN 'accept' WHEN 'rejected' THEN 'reject'
                           WHEN 'cancelled' THEN 'cancel' ELSE 'transfer_out' END,
           requested_by, reject_reason, decided_at
      FROM membership_transfers WHERE status <> 'pending'
    ORDER BY 5`.execute(db);
  lap(`${transferRows.length} transfers with steps`);

  // Mobile members: the next members, every status; a fifth of the open ones out of contact.
  const mobileRows = members.slice(SIZES.members - SIZES.mobile).map((m, i) => {
    const place = random() < 0.3;
    const dest = place ? null : pick(random, random() < 0.7 ? communities : leaves);
    const left = 30 + Math.floor(random() * SPAN_DAYS);
    const status = weighted(random, [
      ["registered", 30],
      ["received", 40],
      ["closed", 30],
    ] as const);
    const lost = status !== "closed" && random() < 0.2;
    const lastContact = lost
      ? Math.min(left, OUT_OF_CONTACT_DAYS + 1 + Math.floor(random() * 300))
      : Math.min(left, Math.floor(random() * (OUT_OF_CONTACT_DAYS - 1)));
    const contact = `1${3 + (i % 6)}${String(i).padStart(9, "0")}`;
    return [
      m.id,
      m.org.id,
      dest && dest.id !== m.org.id ? dest.id : null,
      dest && dest.id !== m.org.id ? null : "广东省广州市天河区",
      pick(random, ["work", "business", "study", "family", "other"]),
      cipher.encrypt(contact),
      maskContact(contact),
      day(left),
      random() < 0.5 ? day(Math.max(0, left - 365)) : null,
      day(Math.max(lastContact, 0)),
      status,
      status === "received" ? at(Math.max(left - 10, 0)) : null,
      status === "closed" ? at(Math.floor(left / 2)) : null,
      userId,
      at(left),
    ];
  });
  await bulk(
    db,
    "mobile_members",
    [
      ["member_id", "int"],
      ["origin_org_id", "int"],
      ["dest_org_id", "int"],
      ["dest_place", "text"],
      ["reason", "text"],
      ["contact_enc", "bytea", true],
      ["contact_masked", "text"],
      ["left_on", "date"],
      ["expected_return", "date"],
      ["last_contact_on", "date"],
      ["status", "text"],
      ["received_at", "timestamptz"],
      ["closed_at", "timestamptz"],
      ["created_by", "int"],
      ["created_at", "timestamptz"],
    ],
    mobileRows,
  );
  await sql`
    INSERT INTO mobile_member_activities (mobile_member_id, org_id, occurred_on, description, created_by)
    SELECT mm.id, mm.dest_org_id, mm.last_contact_on, '参加流入地党组织主题党日活动', mm.created_by
      FROM mobile_members mm CROSS JOIN generate_series(1, 3) g
     WHERE mm.status = 'received' AND mm.dest_org_id IS NOT NULL AND g <= 1 + mm.id % 3`.execute(db);
  lap(`${mobileRows.length} mobile members with activities`);

  // Volunteer teams at every town and county or city, their members from the same county or city.
  const teamOrgs = orgs.filter((o) => ["town_street", "county", "city"].includes(o.category));
  const teamIds = await bulk(
    db,
    "volunteer_teams",
    [
      ["org_id", "int"],
      ["name", "text"],
      ["created_by", "int"],
    ],
    teamOrgs.map((o) => [o.id, `${o.name}党员志愿服务队`, userId]),
    true,
  );
  const membersByRegion = new Map<number, Member[]>();
  for (const m of members) membersByRegion.set(m.org.region, [...(membersByRegion.get(m.org.region) ?? []), m]);
  const teams = teamIds.map((id, i) => {
    const org = teamOrgs[i] as ProvinceOrg;
    const pool = membersByRegion.get(org.region) ?? members;
    const crew = [...new Set(Array.from({ length: 10 }, () => pick(random, pool).id))];
    return { id, org, crew };
  });
  await bulk(
    db,
    "volunteer_team_members",
    [
      ["team_id", "int"],
      ["member_id", "int"],
      ["skills", "text"],
    ],
    teams.flatMap((t) => t.crew.map((m) => [t.id, m, random() < 0.5 ? "医疗,维修" : null])),
  );
  const teamsByRegion = new Map<number, typeof teams>();
  for (const t of teams) teamsByRegion.set(t.org.region, [...(teamsByRegion.get(t.org.region) ?? []), t]);

  // Service requests from leaf organizations, published to their county or city.
  const requestPlans = Array.from({ length: SIZES.requests }, () => {
    const org = pick(random, leaves);
    const status = weighted(random, [
      ["open", 20],
      ["claimed", 15],
      ["completed", 55],
      ["cancelled", 10],
    ] as const);
    const team =
      status === "claimed" || status === "completed" ? pick(random, teamsByRegion.get(org.region) ?? teams) : null;
    const created = Math.floor(random() * SPAN_DAYS);
    const forMember = random() < 0.5 ? pick(random, membersByRegion.get(org.region) ?? members).id : null;
    return { org, status, team, created, forMember };
  });
  const requestIds = await bulk(
    db,
    "service_requests",
    [
      ["org_id", "int"],
      ["member_id", "int"],
      ["title", "text"],
      ["description", "text"],
      ["status", "text"],
      ["region_org_id", "int"],
      ["team_id", "int"],
      ["team_org_id", "int"],
      ["claimed_at", "timestamptz"],
      ["completed_at", "timestamptz"],
      ["served_on", "date"],
      ["rating", "int"],
      ["created_by", "int"],
      ["created_at", "timestamptz"],
    ],
    requestPlans.map((r) => {
      const done = r.status === "completed";
      return [
        r.org.id,
        r.forMember,
        pick(random, ["独居老人送餐", "农机维修", "义诊", "助学辅导", "环境整治"]),
        "需要党员志愿者上门服务",
        r.status,
        r.org.region,
        r.team?.id ?? null,
        r.team?.org.id ?? null,
        r.team ? at(Math.max(0, r.created - 2)) : null,
        done ? at(Math.max(0, r.created - 7)) : null,
        done ? day(Math.max(0, r.created - 7)) : null,
        done && random() < 0.7 ? 3 + Math.floor(random() * 3) : null,
        userId,
        at(r.created),
      ];
    }),
    true,
  );
  const hourRows: unknown[][] = [];
  requestPlans.forEach((r, i) => {
    if (r.status !== "completed" || !r.team) return;
    const n = 3 + Math.floor(random() * 6);
    const crew = [...r.team.crew].sort(() => random() - 0.5).slice(0, n);
    for (const m of crew)
      hourRows.push([requestIds[i], r.team.id, m, day(Math.max(0, r.created - 7)), 2 + Math.floor(random() * 8)]);
  });
  await bulk(
    db,
    "volunteer_hours",
    [
      ["request_id", "int"],
      ["team_id", "int"],
      ["member_id", "int"],
      ["served_on", "date"],
      ["half_hours", "int"],
    ],
    hourRows,
  );
  const volunteers = [...new Set(hourRows.map((h) => h[2] as number))];
  lap(`${teams.length} teams, ${requestIds.length} service requests, ${hourRows.length} volunteer hours`);

  // Hardship cases kept at the member's organization, details and notes encrypted.
  const caseMembers = Array.from({ length: SIZES.hardship }, () => pick(random, members));
  const caseIds = await bulk(
    db,
    "hardship_cases",
    [
      ["member_id", "int"],
      ["org_id", "int"],
      ["category", "text"],
      ["details_enc", "bytea", true],
      ["status", "text"],
      ["created_by", "int"],
      ["created_at", "timestamptz"],
      ["closed_at", "timestamptz"],
    ],
    caseMembers.map((m) => {
      const open = random() < 0.7;
      const created = Math.floor(random() * SPAN_DAYS);
      return [
        m.id,
        m.org.id,
        pick(random, ["illness", "disability", "elderly_alone", "disaster", "low_income", "unemployment", "other"]),
        cipher.encrypt("本人患慢性病，家庭收入低，子女在外务工。"),
        open ? "open" : "closed",
        userId,
        at(created),
        open ? null : at(Math.max(0, created - 30)),
      ];
    }),
    true,
  );
  const entryRows = caseIds.flatMap((id) =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => [
      id,
      k === 1 ? "help" : "visit",
      day(Math.floor(random() * 365)),
      cipher.encrypt("走访慰问，了解近况。"),
      k === 1 ? "镇党委" : null,
      k === 1 ? 50_000 : null,
      userId,
    ]),
  );
  await bulk(
    db,
    "hardship_entries",
    [
      ["case_id", "int"],
      ["kind", "text"],
      ["occurred_on", "date"],
      ["note_enc", "bytea", true],
      ["given_by", "text"],
      ["value_fen", "bigint"],
      ["created_by", "int"],
    ],
    entryRows,
  );
  lap(`${caseIds.length} hardship cases with ${entryRows.length} entries`);

  // In-service registrations with a residential community; posts and takings.
  const registrationRows = members.slice(0, SIZES.registrations).map((m) => {
    let community = pick(random, communities);
    if (community.id === m.org.id)
      community = pick(
        random,
        communities.filter((c) => c.id !== m.org.id),
      );
    return [
      m.id,
      m.org.id,
      community.id,
      day(Math.floor(random() * SPAN_DAYS)),
      random() < 0.85 ? "active" : "ended",
      userId,
    ];
  });
  await bulk(
    db,
    "community_registrations",
    [
      ["member_id", "int"],
      ["origin_org_id", "int"],
      ["community_org_id", "int"],
      ["registered_on", "date"],
      ["status", "text"],
      ["created_by", "int"],
    ],
    registrationRows,
  );
  await sql`
    INSERT INTO service_posts (org_id, title, created_by)
    SELECT c.community_org_id, t.title, ${userId}
      FROM (SELECT DISTINCT community_org_id FROM community_registrations) c
     CROSS JOIN (VALUES ('环境整治'), ('邻里帮扶')) AS t(title)`.execute(db);
  await sql`
    INSERT INTO service_post_takings (registration_id, post_id, taken_on)
    SELECT r.id, p.id, r.registered_on
      FROM community_registrations r JOIN service_posts p ON p.org_id = r.community_org_id
     WHERE r.id % 2 = 0 AND (p.title = '邻里帮扶' OR r.id % 3 = 0)`.execute(db);
  await sql`
    INSERT INTO service_hours (registration_id, post_id, served_on, hours, created_by)
    SELECT registration_id, post_id, taken_on + 7, 2.5, ${userId} FROM service_post_takings`.execute(db);
  lap(`${registrationRows.length} registrations with posts, takings and hours`);

  await database.execScript("ANALYZE");
  lap("ANALYZE");
  console.log(`${label}: ${log.join("; ")}`);
  return { members, volunteers };
}

/** The scope of an administrator's grant: global, reachSql's `true` (the reference's "no access condition"). */
const everywhere: Scope = scopeFor(
  {
    roles: [{ id: 0, role: "system_admin", orgId: null, orgName: null, orgPath: null }] as never,
    memberId: null,
    userId: 1,
  },
  "user.manage",
);

async function bench(label: string, database: Database): Promise<Sample[]> {
  const { orgs, userId } = await loadProvince(label, database);
  const cipher = createCipher(crypto.randomBytes(32));
  const { members, volunteers } = await generate(label, database, orgs, userId, cipher);
  const db = database.db;
  const transfers = transfersService(db);
  const mobile = mobileMembersService(db, cipher, () => NOW);
  const care = volunteersService(db, () => NOW);
  const hardship = hardshipService(db, cipher, () => NOW);
  const registrations = registrationsService(db, () => NOW);
  const everything: RawBuilder<SqlBool> = sql<SqlBool>`true`;
  const counties = orgs.filter((o) => o.category === "county");
  const root = orgs[0] as ProvinceOrg;
  const memberById = new Map(members.map((m) => [m.id, m]));
  const random = rng(3);

  /** Callers: [label, actor] for the i-th call. */
  type Callers = (i: number) => [string, Actor];
  const secretaryOrCoordinator: Callers = (i) =>
    i % 2 === 0
      ? ["coordinator", actorFor("coordinator", root)]
      : ["secretary", actorFor("secretary", pick(random, counties))];
  const countyOrRegionCoordinator: Callers = (i) =>
    i % 2 === 0
      ? ["coordinator", actorFor("coordinator", root)]
      : ["county coordinator", actorFor("coordinator", pick(random, counties))];
  const member: Callers = () => {
    const m = memberById.get(pick(random, volunteers)) as Member;
    return ["member", { ...actorFor("member", m.org), memberId: m.id }];
  };

  const transferList =
    (query: Partial<TransferListQuery>) =>
    (actor: Actor): Pair => {
      const q = { page: 1, pageSize: 10, ...query } as TransferListQuery;
      return [
        () => transfers.list(actor, q),
        () => transfersRepository(db).list(everywhere, q),
        (d) => transfersRepository(d).list(scopeOf(actor, transferPolicy.read), q),
      ];
    };
  const mobileList =
    (query: Partial<MobileMemberListQuery>) =>
    (actor: Actor): Pair => {
      const q = { page: 1, pageSize: 10, ...query } as MobileMemberListQuery;
      return [
        () => mobile.list(actor, q),
        () => mobileMembersRepository(db).list(everywhere, q, CUTOFF),
        (d) => mobileMembersRepository(d).list(scopeOf(actor, mobileMemberPolicy.read), q, CUTOFF),
      ];
    };
  const requestList =
    (query: Partial<ServiceRequestListQuery>) =>
    (actor: Actor): Pair => {
      const q = { page: 1, pageSize: 10, ...query } as ServiceRequestListQuery;
      return [
        () => care.listRequests(actor, q),
        () => volunteersRepository(db).listRequests(everything, q, actor.memberId),
        (d) => volunteersRepository(d).listRequests(visibleWhere(actor, serviceRequestPolicy.read), q, actor.memberId),
      ];
    };
  const teamList = (actor: Actor): Pair => {
    const q = { page: 1, pageSize: 100 } as VolunteerTeamListQuery;
    return [
      () => care.listTeams(actor, q),
      () => volunteersRepository(db).listTeams(everything, q),
      (d) => volunteersRepository(d).listTeams(visibleWhere(actor, teamPolicy.read), q),
    ];
  };
  const ownHours = (actor: Actor): Pair => {
    const memberId = actor.memberId as number;
    return [
      async () => ({ total: (await care.ownHours(actor)).entries.length }),
      async () => ({ total: (await volunteersRepository(db).memberHours(memberId)).length }),
      (d) => volunteersRepository(d).memberHours(memberId),
    ];
  };
  const hardshipList = (actor: Actor): Pair => {
    const q = { page: 1, pageSize: 12 } as HardshipListQuery;
    return [
      () => hardship.list(actor, q),
      () => hardshipRepository(db).list(everything, { coordinatorPaths: [root.path], secretaryOrgIds: [] }, q),
      (d) => hardshipRepository(d).list(visibleWhere(actor, hardshipPolicy.read), keepersOf(actor), q),
    ];
  };
  const registrationList = (actor: Actor): Pair => {
    const q = { page: 1, pageSize: 10 } as RegistrationListQuery;
    return [
      () => registrations.list(actor, q),
      () => registrationsRepository(db).list(everywhere, q),
      (d) => registrationsRepository(d).list(scopeOf(actor, registrationPolicy.read), q),
    ];
  };

  const scenarios: Array<{ scenario: string; callers: Callers; run: (actor: Actor) => Pair }> = [
    {
      scenario: "transfers awaiting me",
      callers: secretaryOrCoordinator,
      run: transferList({ direction: "incoming", status: "pending" }),
    },
    { scenario: "transfers, all", callers: secretaryOrCoordinator, run: transferList({}) },
    { scenario: "mobile members", callers: secretaryOrCoordinator, run: mobileList({}) },
    { scenario: "mobile, out of contact", callers: secretaryOrCoordinator, run: mobileList({ outOfContact: true }) },
    { scenario: "service requests, open", callers: secretaryOrCoordinator, run: requestList({ status: "open" }) },
    { scenario: "service requests, all", callers: secretaryOrCoordinator, run: requestList({}) },
    { scenario: "volunteer teams (100)", callers: secretaryOrCoordinator, run: teamList },
    { scenario: "own volunteer hours", callers: member, run: ownHours },
    { scenario: "hardship cases", callers: countyOrRegionCoordinator, run: hardshipList },
    { scenario: "registrations", callers: secretaryOrCoordinator, run: registrationList },
  ];
  return timeScenarios(
    label,
    database,
    scenarios.map(({ scenario, callers, run }) => ({
      scenario,
      call: (i: number): [string, Pair] => {
        const [who, actor] = callers(i);
        return [who, run(actor)];
      },
    })),
    { calls, warmup: 4, explain },
  );
}

await runListBenchmark(
  bench,
  process.argv.includes("--postgres-only") ? "postgres" : process.argv.includes("--pglite") ? "pglite" : undefined,
);
