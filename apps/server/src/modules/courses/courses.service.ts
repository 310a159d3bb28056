import type {
  AssignCourseBody,
  Course,
  CourseDetail,
  CourseListQuery,
  CourseProgress,
  CreateCourseBody,
  RecordStudyBody,
  StudyPage,
  UpdateCourseBody,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isEmptyScope, reachSql, scopeFor } from "../../platform/access.ts";
import { attachmentsOf, linkAttachments, registerAttachmentTarget } from "../../platform/attachments.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { notifyUsers } from "../../platform/notifications.ts";
import { type AnyAbility, authorizeField, presentAbilities, scopeOf, visibleWhere } from "../../platform/policy.ts";
import { helpOrgPolicy } from "../needs/needs.policy.ts";
import { coursePolicy, courseStudyAction } from "./courses.policy.ts";
import { presentCourse, presentProgress, studyHours } from "./courses.presenter.ts";
import { type CourseRow, coursesRepository } from "./courses.repository.ts";

export const COURSE_ATTACHMENT = "course";

function safeWhere(actor: Actor, ability: AnyAbility) {
  try {
    return visibleWhere(actor, ability);
  } catch {
    return null;
  }
}

export function coursesService(db: Kysely<DB>) {
  const repo = coursesRepository(db);

  registerAttachmentTarget(COURSE_ATTACHMENT, async (db2, actor, targetId) => {
    const id = Number(targetId);
    const where = safeWhere(actor, coursePolicy.read);
    if (where && (await coursesRepository(db2).findCoursesWhere(where, [id])).length > 0) return true;
    // A member sees the material of a course assigned to them.
    return actor.memberId !== null && (await coursesRepository(db2).coursesOfMember(actor.memberId, id)).length > 0;
  });

  async function present(actor: Actor, rows: CourseRow[]): Promise<Course[]> {
    const abilities = await presentAbilities(db, actor, coursePolicy, rows);
    return rows.map((r) => presentCourse(r, abilities.get(r.id) ?? {}, actor.memberId !== null));
  }

  /** The members the caller manages (help.write's jurisdiction), as a condition on `members`. */
  const managedMembers = (actor: Actor) =>
    reachSql(scopeFor(actor, "help.write"), [{ kind: "subtree", column: "members.primary_org_path" }]);

  async function myProgress(actor: Actor, courseId: number): Promise<CourseProgress | null> {
    if (actor.memberId === null) return null;
    const [mine] = await repo.coursesOfMember(actor.memberId, courseId);
    return mine ? presentProgress(mine.progress) : null;
  }

  async function detail(actor: Actor, row: CourseRow, abilities: Record<string, boolean>): Promise<CourseDetail> {
    const readScope = scopeFor(actor, "help.read");
    const memberWhere = reachSql(readScope, [{ kind: "subtree", column: "members.primary_org_path" }]);
    const [summary, attachments, progress] = await Promise.all([
      repo.assignmentSummary(row.id, memberWhere),
      attachmentsOf(db, COURSE_ATTACHMENT, [row.id]),
      myProgress(actor, row.id),
    ]);
    return {
      ...presentCourse(row, abilities, actor.memberId !== null),
      body: row.body,
      attachmentIds: (attachments.get(row.id) ?? []).map((a) => a.id),
      assignedOrgs: summary.orgs,
      assignedMembers: summary.members,
      completions: summary.completions,
      myProgress: progress,
    };
  }

  async function get(actor: Actor, id: number): Promise<CourseDetail> {
    const [row] = await repo.findCoursesWhere(visibleWhere(actor, coursePolicy.read), [id]);
    if (!row) throw notFound("course");
    const abilities = await presentAbilities(db, actor, coursePolicy, [row]);
    return detail(actor, row, abilities.get(id) ?? {});
  }

  /** A course the member studies (assigned to them or already begun), or 404. */
  async function studied(actor: Actor, id: number, on: Kysely<DB> = db) {
    if (actor.memberId === null) throw notFound("course");
    const [found] = await coursesRepository(on).coursesOfMember(actor.memberId, id);
    if (!found) throw notFound("course");
    return { ...found, memberId: actor.memberId };
  }

  const commands = {
    create: defineCommand({
      name: "course.create",
      ability: helpOrgPolicy.actFor,
      targetType: "course",
      targetField: "orgId",
      targets: (input: { body: CreateCourseBody }) => [input.body.orgId],
      async run({ trx, actor, input: { body } }) {
        if ((body.kind === "video" || body.kind === "link") && !body.url)
          throw invalidField("url", "course.urlRequired");
        const id = await coursesRepository(trx).insertCourse({
          org_id: body.orgId,
          kind: body.kind,
          title: body.title,
          summary: body.summary ?? null,
          body: body.body ?? null,
          url: body.url ?? null,
          minutes: body.minutes,
          open_to: body.openTo,
          published_org_id: body.openTo === "region" ? await coursesRepository(trx).regionOf(body.orgId) : null,
          created_by: actor.userId,
        });
        await linkAttachments(trx, actor, body.attachmentIds ?? [], { type: COURSE_ATTACHMENT, id });
        return { result: id, targetId: id, detail: { orgId: body.orgId, kind: body.kind } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id),
    }),

    update: defineCommand({
      name: "course.update",
      ability: coursePolicy.update,
      lock: (trx, input: { id: number; body: UpdateCourseBody }) => coursesRepository(trx).lockCourse(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const course = row as CourseRow;
        if (Object.keys(body).length === 0) throw new AppError(400, "validation.emptyUpdate");
        const kind = body.kind ?? course.kind;
        const url = body.url === undefined ? course.url : body.url;
        if ((kind === "video" || kind === "link") && !url) throw invalidField("url", "course.urlRequired");
        const r = coursesRepository(trx);
        await r.updateCourse(id, {
          ...(body.kind !== undefined && { kind: body.kind }),
          ...(body.title !== undefined && { title: body.title }),
          ...(body.summary !== undefined && { summary: body.summary }),
          ...(body.body !== undefined && { body: body.body }),
          ...(body.url !== undefined && { url: body.url }),
          ...(body.minutes !== undefined && { minutes: body.minutes }),
          ...(body.openTo !== undefined && {
            open_to: body.openTo,
            published_org_id: body.openTo === "region" ? await r.regionOf(course.org_id) : null,
          }),
        });
        await linkAttachments(trx, actor, body.attachmentIds ?? [], { type: COURSE_ATTACHMENT, id });
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id),
    }),

    assign: defineCommand({
      name: "course.assign",
      ability: coursePolicy.assign,
      targets: (input: { id: number; body: AssignCourseBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const course = row as CourseRow;
        const orgIds = [...new Set(body.orgIds ?? [])];
        const memberIds = [...new Set(body.memberIds ?? [])];
        if (orgIds.length) await authorizeField(trx, actor, helpOrgPolicy.actFor, orgIds, "orgIds");
        const r = coursesRepository(trx);
        const managed = await r.membersWhere(managedMembers(actor), memberIds);
        if (managed.length < memberIds.length) throw invalidField("memberIds", "org.notInScope");
        const assigned = await r.assign(id, orgIds, memberIds, body.dueOn ?? null, actor.userId);
        // Members assigned one by one are told; an organization's members find it on their study page.
        if (memberIds.length) {
          await notifyUsers(trx, await r.accountsOfMembers(memberIds), {
            kind: "course.assigned",
            params: { title: course.title },
            link: "/study",
          });
        }
        return { result: { assigned }, targetId: id, detail: { rowCount: assigned } };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, result: { assigned: number }) => result,
    }),

    /** One's own study minutes on a course assigned to one; completed once the course's minutes are reached. */
    study: defineCommand({
      name: "course.study",
      ability: courseStudyAction,
      targetType: "course",
      targets: () => [],
      async run({
        trx,
        actor,
        input: { id, body },
      }: {
        trx: Kysely<DB>;
        actor: Actor;
        input: { id: number; body: RecordStudyBody };
      }) {
        const found = await studied(actor, id, trx);
        await coursesRepository(trx).addStudy(id, found.memberId, body.minutes, found.course.minutes);
        return { result: id, targetId: id, detail: { courseId: id, size: body.minutes } };
      },
      present: async (_db: Kysely<DB>, actor: Actor, id: number) =>
        presentProgress((await studied(actor, id)).progress),
    }),
  };

  return {
    commands,
    async list(actor: Actor, query: CourseListQuery): Promise<{ items: Course[]; total: number }> {
      let assigned = null;
      if (query.assigned) {
        const scope = scopeFor(actor, "help.write");
        assigned = isEmptyScope(scope)
          ? null
          : reachSql(scope, [
              {
                kind: "partyThrough",
                column: "courses.id",
                through: { table: "course_assignments", key: "course_id", party: "org_id" },
              },
            ]);
        if (!assigned) return { items: [], total: 0 };
      }
      const result = await repo.listCourses(visibleWhere(actor, coursePolicy.read), query, assigned);
      return { items: await present(actor, result.items), total: result.total };
    },
    get,
    create: (actor: Actor, body: CreateCourseBody) => execute(db, actor, commands.create, { body }),
    update: (actor: Actor, id: number, body: UpdateCourseBody) => execute(db, actor, commands.update, { id, body }),
    assign: (actor: Actor, id: number, body: AssignCourseBody) => execute(db, actor, commands.assign, { id, body }),

    /** A course as its member studies it (assigned to them): the detail without the jurisdiction's counts. */
    async studyCourse(actor: Actor, id: number): Promise<CourseDetail> {
      scopeOf(actor, courseStudyAction);
      const found = await studied(actor, id);
      const attachments = await attachmentsOf(db, COURSE_ATTACHMENT, [id]);
      return {
        ...presentCourse(found.course, {}, true),
        body: found.course.body,
        attachmentIds: (attachments.get(id) ?? []).map((a) => a.id),
        assignedOrgs: [],
        assignedMembers: 0,
        completions: 0,
        myProgress: presentProgress(found.progress),
      };
    },
    async progress(actor: Actor, id: number): Promise<CourseProgress> {
      scopeOf(actor, courseStudyAction);
      return presentProgress((await studied(actor, id)).progress);
    },
    recordStudy: (actor: Actor, id: number, body: RecordStudyBody) => execute(db, actor, commands.study, { id, body }),
    /** A member's study page: their courses with progress and totals (their own only, never a ranking). */
    async studyPage(actor: Actor): Promise<StudyPage> {
      scopeOf(actor, courseStudyAction);
      if (actor.memberId === null) throw notFound("member");
      const rows = await repo.coursesOfMember(actor.memberId);
      const totalMinutes = rows.reduce((sum, r) => sum + r.progress.minutes_studied, 0);
      return {
        memberId: actor.memberId,
        totalMinutes,
        totalHours: studyHours(totalMinutes),
        completed: rows.filter((r) => r.progress.completed_at !== null).length,
        items: rows.map((r) => ({ course: presentCourse(r.course, {}, true), progress: presentProgress(r.progress) })),
      };
    },
    /** Completions for the usage figures (venues' GET /api/venues/usage). */
    async completions(paths: readonly string[] | null, from: Date, to: Date) {
      const rows = await repo.completions(paths, from, to);
      return { total: rows.reduce((s, r) => s + r.n, 0), perOrg: new Map(rows.map((r) => [r.org_id, r.n])) };
    },
  };
}
export type CoursesService = ReturnType<typeof coursesService>;
