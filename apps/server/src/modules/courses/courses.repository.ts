import type { CourseListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, type Reach } from "../../platform/access.ts";

/**
 * The only SQL of remote-education courses (issue 10, F20): courses and experience write-ups
 * owned by organizations, their assignments (to an organization's members or to one member) and
 * members' progress. Every finder takes the condition `reachSql` builds from the caller's scope.
 */
export interface CourseRow {
  id: number;
  org_id: number;
  org_name: string;
  kind: string;
  title: string;
  summary: string | null;
  body: string | null;
  url: string | null;
  minutes: number;
  open_to: string;
  created_at: Date;
}

export interface ProgressRow {
  course_id: number;
  member_id: number;
  minutes_studied: number;
  completed_at: Date | null;
  due_on: string | null;
}

const sharedWithPartners = sql<SqlBool>`courses.open_to IN ('partners', 'region')`;

/** The owner and its superiors. */
export const courseOwnerReach: Reach = [{ kind: "party", column: "courses.org_id" }];
/**
 * Who sees a course: the owner's line and jurisdiction, its partners when open to them, the
 * county or city it is open to, and the organizations it is assigned to.
 */
export const courseReadReach: Reach = [
  ...courseOwnerReach,
  { kind: "published", column: "courses.org_path" },
  { kind: "partner", column: "courses.org_id", when: sharedWithPartners },
  { kind: "published", column: "courses.published_path" },
  {
    kind: "partyThrough",
    column: "courses.id",
    through: { table: "course_assignments", key: "course_id", party: "org_id" },
  },
];

/**
 * Courses a member has to study: assigned to them, or to their primary organization or an
 * organization above it (a town's assignment reaches its villages' members).
 */
const assignedToMember = (memberId: number) => sql<SqlBool>`EXISTS (
  SELECT 1 FROM course_assignments a
   WHERE a.course_id = courses.id AND (
     a.member_id = ${memberId}
     OR a.org_id IN (SELECT o.id FROM members m JOIN organizations o ON m.primary_org_path LIKE o.path || '%' WHERE m.id = ${memberId})))`;

export function coursesRepository(db: Kysely<DB>) {
  const selectCourses = () =>
    db
      .selectFrom("courses")
      .innerJoin("organizations as o", "o.id", "courses.org_id")
      .select([
        "courses.id",
        "courses.org_id",
        "o.name as org_name",
        "courses.kind",
        "courses.title",
        "courses.summary",
        "courses.body",
        "courses.url",
        "courses.minutes",
        "courses.open_to",
        "courses.created_at",
      ]);

  return {
    async findCoursesWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<CourseRow[]> {
      if (ids.length === 0) return [];
      return (await selectCourses().where("courses.id", "in", ids).where(where).execute()) as CourseRow[];
    },

    async listCourses(
      where: RawBuilder<SqlBool>,
      query: CourseListQuery,
      assigned: RawBuilder<SqlBool> | null,
    ): Promise<{ items: CourseRow[]; total: number }> {
      let q = selectCourses().where(where);
      if (query.q) q = q.where(sql<SqlBool>`courses.title ILIKE ${`%${likePrefix(query.q)}`}`);
      if (query.kind) q = q.where("courses.kind", "=", query.kind);
      if (query.orgId) q = q.where("courses.org_id", "=", query.orgId);
      if (assigned) q = q.where(assigned);
      const [items, total] = await Promise.all([
        q
          .orderBy("courses.created_at", "desc")
          .orderBy("courses.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items: items as CourseRow[], total };
    },

    /** Courses assigned to a member (see assignedToMember), with their progress; newest first. */
    async coursesOfMember(
      memberId: number,
      courseId?: number,
    ): Promise<{ course: CourseRow; progress: ProgressRow }[]> {
      let q = selectCourses()
        .leftJoin("course_progress as p", (j) =>
          j.onRef("p.course_id", "=", "courses.id").on("p.member_id", "=", memberId),
        )
        .select([
          sql<number>`coalesce(p.minutes_studied, 0)`.as("minutes_studied"),
          "p.completed_at",
          sql<string | null>`(SELECT min(a.due_on)::text FROM course_assignments a WHERE a.course_id = courses.id)`.as(
            "due_on",
          ),
        ])
        .where(sql<SqlBool>`(${assignedToMember(memberId)} OR p.member_id IS NOT NULL)`);
      if (courseId !== undefined) q = q.where("courses.id", "=", courseId);
      const rows = await q.orderBy("courses.created_at", "desc").orderBy("courses.id", "desc").limit(200).execute();
      return rows.map((r) => ({
        course: r as unknown as CourseRow,
        progress: {
          course_id: r.id,
          member_id: memberId,
          minutes_studied: Number(r.minutes_studied),
          completed_at: r.completed_at,
          due_on: r.due_on,
        },
      }));
    },

    /** The organization a region-open course is published to: the nearest county or city above, else the root. */
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

    async insertCourse(values: {
      org_id: number;
      kind: string;
      title: string;
      summary: string | null;
      body: string | null;
      url: string | null;
      minutes: number;
      open_to: string;
      published_org_id: number | null;
      created_by: number;
    }): Promise<number> {
      return (await db.insertInto("courses").values(values).returning("id").executeTakeFirstOrThrow()).id;
    },

    async updateCourse(id: number, values: Updateable<DB["courses"]>) {
      await db
        .updateTable("courses")
        .set({ ...values, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async lockCourse(id: number) {
      await sql`SELECT id FROM courses WHERE id = ${id} FOR UPDATE`.execute(db);
    },

    async assign(
      courseId: number,
      orgIds: readonly number[],
      memberIds: readonly number[],
      dueOn: string | null,
      by: number,
    ): Promise<number> {
      const rows = [
        ...orgIds.map((org_id) => ({ course_id: courseId, org_id, member_id: null, due_on: dueOn, assigned_by: by })),
        ...memberIds.map((member_id) => ({
          course_id: courseId,
          org_id: null,
          member_id,
          due_on: dueOn,
          assigned_by: by,
        })),
      ];
      if (rows.length === 0) return 0;
      const inserted = await db
        .insertInto("course_assignments")
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .execute();
      return inserted.length;
    },

    /** The enabled accounts of these members (to tell them of an assignment). */
    async accountsOfMembers(memberIds: readonly number[]): Promise<number[]> {
      if (memberIds.length === 0) return [];
      const rows = await db
        .selectFrom("users")
        .select("id")
        .where("member_id", "in", memberIds)
        .where("disabled", "=", false)
        .execute();
      return rows.map((u) => u.id);
    },

    /** Adds studied minutes; the course is completed once its minutes are reached (once). */
    async addStudy(courseId: number, memberId: number, minutes: number, courseMinutes: number) {
      await sql`
        INSERT INTO course_progress (course_id, member_id, minutes_studied, completed_at)
        VALUES (${courseId}, ${memberId}, ${minutes}, CASE WHEN ${minutes} >= ${courseMinutes} THEN now() END)
        ON CONFLICT (course_id, member_id) DO UPDATE SET
          minutes_studied = course_progress.minutes_studied + EXCLUDED.minutes_studied,
          completed_at = coalesce(course_progress.completed_at,
            CASE WHEN course_progress.minutes_studied + EXCLUDED.minutes_studied >= ${courseMinutes} THEN now() END),
          updated_at = now()`.execute(db);
    },

    /** Assigned organizations (names) and counts of assigned members and completions. */
    async assignmentSummary(courseId: number, memberWhere: RawBuilder<SqlBool>) {
      const orgs = await db
        .selectFrom("course_assignments as a")
        .innerJoin("organizations as o", "o.id", "a.org_id")
        .select(["o.id", "o.name"])
        .where("a.course_id", "=", courseId)
        .orderBy("o.path")
        .limit(100)
        .execute();
      const counts = await sql<{ members: number; completions: number }>`
        SELECT
          (SELECT count(*)::int FROM course_assignments a JOIN members ON members.id = a.member_id
            WHERE a.course_id = ${courseId} AND ${memberWhere}) AS members,
          (SELECT count(*)::int FROM course_progress p JOIN members ON members.id = p.member_id
            WHERE p.course_id = ${courseId} AND p.completed_at IS NOT NULL AND ${memberWhere}) AS completions`.execute(
        db,
      );
      return { orgs, members: counts.rows[0]?.members ?? 0, completions: counts.rows[0]?.completions ?? 0 };
    },

    /** Whether each member id is one whose primary organization lies in the condition (the caller's). */
    async membersWhere(memberWhere: RawBuilder<SqlBool>, ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      return (
        await db.selectFrom("members").select("members.id").where("members.id", "in", ids).where(memberWhere).execute()
      ).map((r) => r.id);
    },

    /** Completions in [from, to) per primary organization of the members under `paths` (null: all). */
    async completions(paths: readonly string[] | null, from: Date, to: Date) {
      const inPaths =
        paths === null
          ? sql<SqlBool>`true`
          : paths.length === 0
            ? sql<SqlBool>`false`
            : sql<SqlBool>`(${sql.join(
                paths.map((p) => sql`m.primary_org_path LIKE ${likePrefix(p)}`),
                sql` OR `,
              )})`;
      const rows = await sql<{ org_id: number; n: number }>`
        SELECT m.primary_org_id AS org_id, count(*)::int AS n
          FROM course_progress p JOIN members m ON m.id = p.member_id
         WHERE p.completed_at >= ${from} AND p.completed_at < ${to} AND ${inPaths}
         GROUP BY m.primary_org_id`.execute(db);
      return rows.rows;
    },
  };
}
