/**
 * Care in the demo county (issue 11): members in difficulty kept by the `secretary` account's
 * village (三联村), each with visits and help; the town's volunteer team (the `member` account's
 * member among its volunteers, so My record shows hours) and a village team; service requests in
 * every state — open ones for the town's teams to claim, a claimed one, completed ones with hours
 * and feedback. Written after the roster, from what the database holds, deterministically.
 * Details and notes are encrypted with the personal-data cipher, as the API writes them.
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { PersonalDataCipher } from "../platform/crypto.ts";

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function insertDemoCare(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  today: string,
): Promise<{ hardship: number; requests: number }> {
  const accounts = await db
    .selectFrom("users as u")
    .innerJoin("role_assignments as r", "r.user_id", "u.id")
    .select(["u.id", "u.username", "u.member_id", "r.org_id"])
    .where("u.username", "in", ["secretary", "member", "town", "s350824101202"])
    .execute();
  const account = (username: string) => accounts.find((a) => a.username === username);
  const secretary = account("secretary");
  const town = account("town");
  const member = account("member");
  const longji = account("s350824101202");
  if (!secretary?.org_id || !town?.org_id || !member?.member_id || !longji?.org_id) return { hardship: 0, requests: 0 };
  const reserved = accounts.flatMap((a) => (a.member_id === null ? [] : [a.member_id]));
  const membersOf = async (orgId: number, n: number, offset: number) =>
    (
      await db
        .selectFrom("members")
        .select("id")
        .where("primary_org_id", "=", orgId)
        .where("id", "not in", reserved)
        .orderBy("id", "desc")
        .offset(offset)
        .limit(n)
        .execute()
    ).map((m) => m.id);
  const [h1, h2, h3] = await membersOf(secretary.org_id, 3, 0);
  const [v1, v2] = await membersOf(secretary.org_id, 2, 3);
  const [v3, v4, r1] = await membersOf(longji.org_id, 3, 0);
  if ([h1, h2, h3, v1, v2, v3, v4, r1].some((id) => id === undefined)) return { hardship: 0, requests: 0 };
  const at = (days: number) => new Date(`${daysBefore(today, days)}T02:00:00Z`);

  // Members in difficulty, kept by 三联村.
  const cases: Array<{
    member: number;
    category: string;
    details: string;
    days: number;
    closed?: boolean;
    entries: Array<{ kind: string; days: number; note: string; givenBy?: string; valueFen?: number }>;
  }> = [
    {
      member: h1 as number,
      category: "illness",
      details: "患慢性肾病，每周两次透析，医药费负担重；配偶务农，子女在读。",
      days: 120,
      entries: [
        { kind: "visit", days: 118, note: "支部书记入户走访，了解治疗和家庭收入情况。" },
        {
          kind: "help",
          days: 90,
          note: "送去慰问金，协助申请大病医疗救助。",
          givenBy: "中山镇党委",
          valueFen: 200_000,
        },
        { kind: "follow_up", days: 20, note: "医疗救助已到账，继续关注透析费用。" },
      ],
    },
    {
      member: h2 as number,
      category: "elderly_alone",
      details: "老党员独居，子女在外地务工，行动不便，冬季取暖困难。",
      days: 60,
      entries: [
        { kind: "visit", days: 58, note: "走访，检查住房和取暖设施。" },
        { kind: "help", days: 40, note: "购置电暖器一台。", givenBy: "县财政局机关党支部", valueFen: 35_000 },
      ],
    },
    {
      member: h3 as number,
      category: "disaster",
      details: "房屋受洪水损毁，已临时安置在亲戚家。",
      days: 300,
      closed: true,
      entries: [
        { kind: "help", days: 290, note: "组织党员帮助清理和修缮房屋。", givenBy: "三联村党支部", valueFen: 0 },
        { kind: "follow_up", days: 200, note: "房屋修缮完毕，已回迁。" },
      ],
    },
  ];
  for (const c of cases) {
    const row = await db
      .insertInto("hardship_cases")
      .values({
        member_id: c.member,
        org_id: secretary.org_id,
        category: c.category,
        details_enc: cipher.encrypt(c.details),
        status: c.closed ? "closed" : "open",
        created_by: secretary.id,
        created_at: at(c.days),
        closed_at: c.closed ? at(c.days - 120) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("hardship_entries")
      .values(
        c.entries.map((e) => ({
          case_id: row.id,
          kind: e.kind,
          occurred_on: daysBefore(today, e.days),
          note_enc: cipher.encrypt(e.note),
          given_by: e.givenBy ?? null,
          value_fen: e.valueFen ?? null,
          created_by: secretary.id,
          created_at: at(e.days),
        })),
      )
      .execute();
  }

  // Volunteer teams: the town's (the `member` account's member among them) and 龙济村's.
  const team = async (orgId: number, name: string, description: string, members: [number, string][], by: number) => {
    const row = await db
      .insertInto("volunteer_teams")
      .values({ org_id: orgId, name, description, created_by: by, created_at: at(400) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("volunteer_team_members")
      .values(members.map(([member_id, skills]) => ({ team_id: row.id, member_id, skills })))
      .execute();
    return row.id;
  };
  const townTeam = await team(
    town.org_id,
    "中山镇党员志愿服务队",
    "助老助残、农技服务、义务维修",
    [
      [member.member_id, "家电维修"],
      [v1 as number, "农技指导"],
      [v2 as number, "护理"],
    ],
    town.id,
  );
  const villageTeam = await team(
    longji.org_id,
    "龙济村党员先锋服务队",
    "村内环境整治和应急抢险",
    [
      [v3 as number, "驾驶"],
      [v4 as number, "水电维修"],
    ],
    longji.id,
  );

  // Service requests, all published to the county.
  const county = await db
    .selectFrom("organizations")
    .select("id")
    .where("category", "=", "county")
    .orderBy("depth")
    .executeTakeFirst();
  if (!county) return { hardship: cases.length, requests: 0 };
  const requests: Array<{
    orgId: number;
    memberId: number | null;
    title: string;
    description: string;
    status: string;
    days: number;
    team?: { id: number; orgId: number };
    hours?: [number, number][];
    rating?: number;
    comment?: string;
    by: number;
  }> = [
    {
      orgId: secretary.org_id,
      memberId: h2 as number,
      title: "独居老党员家中线路老化需检修",
      description: "屋内电线老化，插座松动，请懂电工的志愿者上门检修。",
      status: "open",
      days: 3,
      by: secretary.id,
    },
    {
      orgId: longji.org_id,
      memberId: null,
      title: "村道两侧杂草清理",
      description: "雨季前清理主干道两侧杂草，约需 6 人半天。",
      status: "open",
      days: 5,
      by: longji.id,
    },
    {
      orgId: secretary.org_id,
      memberId: h1 as number,
      title: "陪同透析病人往返县医院",
      description: "每周二、五上午需车辆接送。",
      status: "claimed",
      days: 10,
      team: { id: villageTeam, orgId: longji.org_id },
      by: secretary.id,
    },
    {
      orgId: secretary.org_id,
      memberId: h2 as number,
      title: "冬季取暖设施安装",
      description: "为独居老党员安装电暖器并检查线路安全。",
      status: "completed",
      days: 45,
      team: { id: townTeam, orgId: town.org_id },
      hours: [
        [member.member_id, 3],
        [v1 as number, 2],
      ],
      rating: 5,
      comment: "装得很细心，还讲解了用电安全。",
      by: secretary.id,
    },
    {
      orgId: longji.org_id,
      memberId: r1 as number,
      title: "果园病虫害防治指导",
      description: "请农技志愿者现场指导柑橘黄龙病防治。",
      status: "completed",
      days: 80,
      team: { id: townTeam, orgId: town.org_id },
      hours: [[v1 as number, 4]],
      by: longji.id,
    },
  ];
  for (const r of requests) {
    const served = r.status === "completed" ? daysBefore(today, r.days - 7) : null;
    const row = await db
      .insertInto("service_requests")
      .values({
        org_id: r.orgId,
        member_id: r.memberId,
        title: r.title,
        description: r.description,
        status: r.status,
        region_org_id: county.id,
        team_id: r.team?.id ?? null,
        team_org_id: r.team?.orgId ?? null,
        claimed_at: r.team ? at(r.days - 2) : null,
        completed_at: served ? at(r.days - 7) : null,
        served_on: served,
        rating: r.rating ?? null,
        comment: r.comment ?? null,
        created_by: r.by,
        created_at: at(r.days),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (r.hours && r.team && served) {
      await db
        .insertInto("volunteer_hours")
        .values(
          r.hours.map(([member_id, hours]) => ({
            request_id: row.id,
            team_id: r.team?.id as number,
            member_id,
            served_on: served,
            half_hours: hours * 2,
          })),
        )
        .execute();
    }
  }
  // Secondments: a 三联村 cadre shadow-learning at a county organ, and an organ's cadre stationed
  // in 三联村 as its first secretary, with log entries and, for the finished one, both evaluations.
  const organ = await db
    .selectFrom("organizations")
    .select("id")
    .where("category", "=", "government_organ")
    .where("kind", "=", "branch")
    .orderBy("id")
    .executeTakeFirst();
  const [organCadre] = organ ? await membersOf(organ.id, 1, 0) : [];
  if (organ && organCadre !== undefined) {
    const second = async (values: {
      member: number;
      home: number;
      host: number;
      kind: string;
      from: number;
      to: number;
      plan: string;
      logs: [number, string, number][];
      evaluations?: { home: [number, string]; host: [number, string] };
    }) => {
      const e = values.evaluations;
      const row = await db
        .insertInto("secondments")
        .values({
          member_id: values.member,
          home_org_id: values.home,
          host_org_id: values.host,
          kind: values.kind,
          starts_on: daysBefore(today, values.from),
          ends_on: daysBefore(today, values.to),
          plan: values.plan,
          ...(e && {
            home_rating: e.home[0],
            home_comment: e.home[1],
            home_by: secretary.id,
            home_at: at(values.to - 5),
            host_rating: e.host[0],
            host_comment: e.host[1],
            host_by: town.id,
            host_at: at(values.to - 3),
          }),
          created_by: town.id,
          created_at: at(values.from + 10),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("secondment_logs")
        .values(
          values.logs.map(([days, content, by]) => ({
            secondment_id: row.id,
            logged_on: daysBefore(today, days),
            content,
            created_by: by,
          })),
        )
        .execute();
    };
    await second({
      member: v2 as number,
      home: secretary.org_id,
      host: organ.id,
      kind: "shadow_learning",
      from: 200,
      to: 20,
      plan: "跟班学习财政预算编制、涉农资金管理和政务公开。",
      logs: [
        [180, "参加部门预算编制培训", town.id],
        [90, "协助开展涉农资金专项检查", town.id],
      ],
      evaluations: {
        home: [5, "回村后牵头做好村级财务公开。"],
        host: [4, "学习主动，能独立完成资金台账整理。"],
      },
    });
    await second({
      member: organCadre,
      home: organ.id,
      host: secretary.org_id,
      kind: "first_secretary",
      from: 300,
      to: -430,
      plan: "驻村任第一书记：抓党建促乡村振兴，发展村集体经济，联系服务困难群众。",
      logs: [
        [280, "走访全村困难党员和脱贫户", secretary.id],
        [150, "引进食用菌种植项目，村集体增收", secretary.id],
        [30, "组织党员志愿服务队开展冬季送温暖", secretary.id],
      ],
    });
  }
  return { hardship: cases.length, requests: requests.length };
}
