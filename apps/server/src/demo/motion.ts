/**
 * Members in motion in the demo county (issue 11): a few membership transfers in each state and
 * mobile members in each state, around the `secretary` account's village (三联村) so its pages and
 * home card have content: a transfer waiting for it to accept, one rejected, one accepted between
 * two other villages, one out of the platform waiting to be confirmed; its members working in an
 * urban community (received there, with activities) and in Xiamen (out of contact), and a member
 * of 龙济村 registered to come to 三联村; a county organ's members registered with 河东社区 (双报到),
 * which publishes service posts they take, with hours served. Written after the roster, from what
 * the database holds (organizations by the secretaries' accounts), deterministically: nothing reads
 * Math.random.
 * The account members (`secretary`, `member`) are left alone so the browser tests can use them.
 */
import { maskContact } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { PersonalDataCipher } from "../platform/crypto.ts";

/** The date `days` before a YYYY-MM-DD date. */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function insertDemoMotion(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  today: string,
): Promise<{ transfers: number; mobile: number }> {
  const accounts = await db
    .selectFrom("users as u")
    .innerJoin("role_assignments as r", "r.user_id", "u.id")
    .select(["u.id", "u.username", "u.member_id", "r.org_id"])
    .where("u.username", "in", ["secretary", "member", "s350824101202", "s350824102201", "s350824001001"])
    .execute();
  const account = (username: string) => accounts.find((a) => a.username === username);
  const sanlian = account("secretary");
  const longji = account("s350824101202");
  const lingyan = account("s350824102201");
  const hedong = account("s350824001001");
  if (!sanlian?.org_id || !longji?.org_id || !lingyan?.org_id || !hedong?.org_id) return { transfers: 0, mobile: 0 };
  const reserved = accounts.flatMap((a) => (a.member_id === null ? [] : [a.member_id]));
  /** Members of an organization, oldest first, leaving the accounts' own members alone. */
  const membersOf = async (orgId: number, n: number) =>
    (
      await db
        .selectFrom("members")
        .select("id")
        .where("primary_org_id", "=", orgId)
        .where("id", "not in", reserved.length ? reserved : [0])
        .orderBy("id")
        .limit(n)
        .execute()
    ).map((m) => m.id);
  const [s1, s2, s3, s4] = await membersOf(sanlian.org_id, 4);
  const [l1, l2, l3] = await membersOf(longji.org_id, 3);
  const [y1, y2] = await membersOf(lingyan.org_id, 2);
  if ([s1, s2, s3, s4, l1, l2, l3, y1, y2].some((id) => id === undefined)) return { transfers: 0, mobile: 0 };
  const at = (days: number) => new Date(`${daysBefore(today, days)}T02:00:00Z`);

  const transfer = async (t: {
    member: number;
    from: number;
    to: number | null;
    outside?: string;
    reason: string;
    status: string;
    by: number;
    decidedBy?: number;
    rejectReason?: string;
    days: number;
  }) => {
    const decided = t.status === "pending" ? null : at(t.days - 3);
    const row = await db
      .insertInto("membership_transfers")
      .values({
        member_id: t.member,
        from_org_id: t.from,
        to_org_id: t.to,
        to_outside: t.outside ?? null,
        reason: t.reason,
        status: t.status,
        reject_reason: t.rejectReason ?? null,
        requested_by: t.by,
        created_at: at(t.days),
        decided_at: decided,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const steps: { transfer_id: number; action: string; actor_id: number; note: string | null; at: Date }[] = [
      { transfer_id: row.id, action: "request", actor_id: t.by, note: null, at: at(t.days) },
    ];
    if (decided && t.decidedBy) {
      const action = t.status === "accepted" ? "accept" : t.status === "rejected" ? "reject" : "cancel";
      steps.push({ transfer_id: row.id, action, actor_id: t.decidedBy, note: t.rejectReason ?? null, at: decided });
    }
    await db.insertInto("membership_transfer_steps").values(steps).execute();
    if (t.status === "accepted" && t.to !== null) {
      await db.updateTable("members").set({ primary_org_id: t.to }).where("id", "=", t.member).execute();
    }
  };
  await transfer({
    member: l1 as number,
    from: longji.org_id,
    to: sanlian.org_id,
    reason: "婚嫁迁居三联村，申请转入",
    status: "pending",
    by: longji.id,
    days: 4,
  });
  await transfer({
    member: l2 as number,
    from: longji.org_id,
    to: null,
    outside: "中共深圳市龙岗区坂田街道工作委员会",
    reason: "在深圳稳定就业并落户",
    status: "pending",
    by: longji.id,
    days: 9,
  });
  await transfer({
    member: y1 as number,
    from: lingyan.org_id,
    to: longji.org_id,
    reason: "随子女迁居龙济村",
    status: "accepted",
    by: lingyan.id,
    decidedBy: longji.id,
    days: 60,
  });
  await transfer({
    member: s4 as number,
    from: sanlian.org_id,
    to: hedong.org_id,
    reason: "在城区购房定居",
    status: "rejected",
    by: sanlian.id,
    decidedBy: hedong.id,
    rejectReason: "介绍信缺少党费缴纳情况，请补充后重新申请",
    days: 30,
  });

  const mobile = async (m: {
    member: number;
    origin: number;
    dest: number | null;
    place: string | null;
    reason: string;
    contact: string;
    leftDays: number;
    lastContactDays: number;
    status: string;
    by: number;
  }) => {
    const row = await db
      .insertInto("mobile_members")
      .values({
        member_id: m.member,
        origin_org_id: m.origin,
        dest_org_id: m.dest,
        dest_place: m.place,
        reason: m.reason,
        contact_enc: cipher.encrypt(m.contact),
        contact_masked: maskContact(m.contact),
        left_on: daysBefore(today, m.leftDays),
        expected_return: daysBefore(today, -180),
        last_contact_on: daysBefore(today, m.lastContactDays),
        status: m.status,
        received_at: m.status === "registered" ? null : at(m.leftDays - 5),
        closed_at: m.status === "closed" ? at(5) : null,
        created_by: m.by,
        created_at: at(m.leftDays),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const received = await mobile({
    member: s1 as number,
    origin: sanlian.org_id,
    dest: hedong.org_id,
    place: "河东社区物流园",
    reason: "work",
    contact: "手机 139****2201",
    leftDays: 120,
    lastContactDays: 12,
    status: "received",
    by: sanlian.id,
  });
  await db
    .insertInto("mobile_member_activities")
    .values([
      {
        mobile_member_id: received,
        org_id: hedong.org_id,
        occurred_on: daysBefore(today, 40),
        description: "参加河东社区“七一”主题党日，重温入党誓词",
        created_by: hedong.id,
        created_at: at(40),
      },
      {
        mobile_member_id: received,
        org_id: hedong.org_id,
        occurred_on: daysBefore(today, 12),
        description: "参加社区志愿服务，协助开展老年人防诈骗宣传两小时",
        created_by: hedong.id,
        created_at: at(12),
      },
    ])
    .execute();
  await mobile({
    member: s2 as number,
    origin: sanlian.org_id,
    dest: null,
    place: "厦门市湖里区（建筑工地）",
    reason: "work",
    contact: "微信（外出前留）",
    leftDays: 260,
    lastContactDays: 230,
    status: "registered",
    by: sanlian.id,
  });
  await mobile({
    member: l3 as number,
    origin: longji.org_id,
    dest: sanlian.org_id,
    place: "三联村农业合作社",
    reason: "business",
    contact: "手机 137****5120",
    leftDays: 6,
    lastContactDays: 6,
    status: "registered",
    by: longji.id,
  });
  await mobile({
    member: y2 as number,
    origin: lingyan.org_id,
    dest: hedong.org_id,
    place: null,
    reason: "study",
    contact: "手机 135****0913",
    leftDays: 300,
    lastContactDays: 20,
    status: "closed",
    by: lingyan.id,
  });
  // 双报到: two of a county organ's members registered with 河东社区, which publishes posts; hours served.
  const organ = await db
    .selectFrom("organizations as o")
    .innerJoin("members as m", "m.primary_org_id", "o.id")
    .select(["o.id"])
    .where("o.category", "=", "government_organ")
    .orderBy("o.id")
    .limit(1)
    .executeTakeFirst();
  if (organ) {
    const [g1, g2] = await membersOf(organ.id, 2);
    const posts = await db
      .insertInto("service_posts")
      .values([
        {
          org_id: hedong.org_id,
          title: "文明劝导岗",
          description: "周末上午在河东路口开展文明交通劝导",
          created_by: hedong.id,
        },
        {
          org_id: hedong.org_id,
          title: "政策宣讲岗",
          description: "每月一次为居民讲解惠民政策",
          created_by: hedong.id,
        },
        { org_id: hedong.org_id, title: "关爱老人岗", description: "定期走访独居老人", created_by: hedong.id },
      ])
      .returning("id")
      .execute();

    for (const [i, memberId] of [g1, g2].entries()) {
      if (memberId === undefined) continue;
      const reg = await db
        .insertInto("community_registrations")
        .values({
          member_id: memberId,
          origin_org_id: organ.id,
          community_org_id: hedong.org_id,
          registered_on: daysBefore(today, 90 - i * 30),
          created_by: hedong.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const post = posts[i]?.id as number;
      await db
        .insertInto("service_post_takings")
        .values({ registration_id: reg.id, post_id: post, taken_on: daysBefore(today, 85 - i * 30) })
        .execute();
      await db
        .insertInto("service_hours")
        .values([
          {
            registration_id: reg.id,
            post_id: post,
            served_on: daysBefore(today, 60 - i * 20),
            hours: 2,
            created_by: hedong.id,
          },
          {
            registration_id: reg.id,
            post_id: post,
            served_on: daysBefore(today, 20 - i * 5),
            hours: 1.5,
            created_by: hedong.id,
          },
        ])
        .execute();
    }
  }
  return { transfers: 4, mobile: 4 };
}
