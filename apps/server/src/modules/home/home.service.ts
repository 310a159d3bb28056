import { ageBands, type JurisdictionCard, type MyRecordCard, type TodosCard } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { AppError } from "../../platform/errors.ts";
import { presentJob } from "../jobs/jobs.presenter.ts";
import type { membersService } from "../members/members.service.ts";
import { presentNotification } from "../notifications/notifications.presenter.ts";
import type { HomeCardSource } from "./home.cards.ts";
import { homeRepository, jurisdictionOf } from "./home.repository.ts";

/** Unread notifications and running jobs the to-do card lists (the bell lists them all). */
const TODO_NOTIFICATIONS = 5;
const TODO_JOBS = 5;

/**
 * The foundation's cards (issue 7). Key numbers of the jurisdiction, for whoever reads members
 * in a subtree (coordinator, secretary, leader). They are aggregates, not personal data, so
 * reading them is not audited (GET /api/home is an "authenticated" route).
 */
export function jurisdictionCard(db: Kysely<DB>, clock: () => Date): HomeCardSource<JurisdictionCard> {
  const repo = homeRepository(db);
  return {
    id: "jurisdiction",
    applies: (actor) => jurisdictionOf(actor) !== null,
    async load(actor) {
      const scope = jurisdictionOf(actor);
      if (!scope) return null;
      const figures = await repo.jurisdictionFigures(scope, clock().getUTCFullYear());
      return {
        id: "jurisdiction",
        members: figures.members,
        probationary: figures.probationary,
        organizations: figures.organizations,
        ageBands: ageBands.map((band) => ({ band, count: figures.ageBands[band] })),
      };
    },
  };
}

/** Everyone's to-dos: unread notifications and their own jobs still queued or running. */
export function todosCard(db: Kysely<DB>): HomeCardSource<TodosCard> {
  const repo = homeRepository(db);
  return {
    id: "todos",
    applies: () => true,
    async load(actor, { locale }) {
      const [notifications, jobs] = await Promise.all([
        repo.unreadNotifications(actor.userId, TODO_NOTIFICATIONS),
        repo.activeJobs(actor.userId, TODO_JOBS),
      ]);
      return {
        id: "todos",
        unread: notifications.unread,
        notifications: notifications.items.map((row) => presentNotification(row, locale)),
        jobs: jobs.map((row) => presentJob(row, locale)),
      };
    },
  };
}

/**
 * A party member's own record, read through the members service (its scope, presenter and
 * masking), exactly as GET /api/members/{id} answers it to them.
 */
export function myRecordCard(members: ReturnType<typeof membersService>): HomeCardSource<MyRecordCard> {
  const isMember = (actor: Actor) => actor.memberId !== null && actor.roles.some((r) => r.role === "member");
  return {
    id: "myRecord",
    applies: isMember,
    async load(actor) {
      if (actor.memberId === null) return null;
      try {
        return { id: "myRecord", member: await members.get(actor, actor.memberId) };
      } catch (error) {
        // A linked record that is gone shows no card rather than breaking the whole page.
        if (error instanceof AppError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
