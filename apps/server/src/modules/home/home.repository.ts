import type { AgeBand } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, pathInScopeSql, type Scope, scopeFor } from "../../platform/access.ts";
import type { JobRow } from "../../platform/jobs.ts";

/**
 * The home page's SQL. The only file of the module that knows how a scope becomes SQL, so the
 * move to opaque scopes touches it alone.
 */

/**
 * The caller's jurisdiction: the subtrees where a role lets them read members (coordinator,
 * secretary, leader). A plain member's self scope and the administrators' (who hold no
 * member.read) are no jurisdiction: null.
 */
export function jurisdictionOf(actor: Actor): Scope | null {
  const scope = scopeFor(actor, "member.read");
  // Figures are about the subtrees only (the conditions below use only them), never the caller's own record.
  return scope.paths.length > 0 ? scope : null;
}

export interface JurisdictionFigures {
  members: number;
  probationary: number;
  ageBands: Record<AgeBand, number>;
  organizations: { urban: number; rural: number };
}

export function homeRepository(db: Kysely<DB>) {
  return {
    /**
     * Two queries, one per figure group. Members count where their primary organization is (组织关系
     * 所在), so a co-managed member is counted once, in one jurisdiction, and the towns' figures add
     * up to the county's. Organizations: the active ones in the subtrees, including the committees
     * at their roots, split by their `area` column (urban/rural, set from the division the
     * organization belongs to: 社区/街道 urban, 村/镇 rural; organs, enterprises and schools are
     * urban in the demo), the same split F2 measures the rural tilt by.
     */
    async jurisdictionFigures(scope: Scope, year: number): Promise<JurisdictionFigures> {
      const age = sql<number>`(${year} - members.birth_year)`;
      const [people, orgs] = await Promise.all([
        db
          .selectFrom("members")
          .where(pathInScopeSql(scope, "members.primary_org_path"))
          .select([
            sql<number>`count(*)::int`.as("members"),
            sql<number>`(count(*) FILTER (WHERE members.status = 'probationary'))::int`.as("probationary"),
            sql<number>`(count(*) FILTER (WHERE ${age} <= 35))::int`.as("upTo35"),
            sql<number>`(count(*) FILTER (WHERE ${age} BETWEEN 36 AND 45))::int`.as("from36To45"),
            sql<number>`(count(*) FILTER (WHERE ${age} BETWEEN 46 AND 60))::int`.as("from46To60"),
            sql<number>`(count(*) FILTER (WHERE ${age} > 60))::int`.as("over60"),
          ])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("organizations")
          .where("organizations.status", "=", "active")
          .where(pathInScopeSql(scope, "organizations.path"))
          .select([
            sql<number>`(count(*) FILTER (WHERE organizations.area = 'urban'))::int`.as("urban"),
            sql<number>`(count(*) FILTER (WHERE organizations.area = 'rural'))::int`.as("rural"),
          ])
          .executeTakeFirstOrThrow(),
      ]);
      return {
        members: people.members,
        probationary: people.probationary,
        ageBands: {
          upTo35: people.upTo35,
          from36To45: people.from36To45,
          from46To60: people.from46To60,
          over60: people.over60,
        },
        organizations: { urban: orgs.urban, rural: orgs.rural },
      };
    },

    /** One's own unread notifications: how many, and the newest few. */
    async unreadNotifications(userId: number, limit: number) {
      const [count, items] = await Promise.all([
        db
          .selectFrom("notifications")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("user_id", "=", userId)
          .where("read_at", "is", null)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("notifications")
          .select(["id", "kind", "params", "link", "read_at", "created_at"])
          .where("user_id", "=", userId)
          .where("read_at", "is", null)
          .orderBy("id", "desc")
          .limit(limit)
          .execute(),
      ]);
      return { unread: count.n, items };
    },

    /** One's own jobs still waiting or running, oldest first (the order they will finish in). */
    async activeJobs(ownerId: number, limit: number): Promise<JobRow[]> {
      const rows = await db
        .selectFrom("jobs")
        .select([
          "id",
          "kind",
          "owner_id",
          "status",
          "progress",
          "message",
          "message_params",
          "result",
          "created_at",
          "finished_at",
          // Only a succeeded job has a file.
          sql<boolean>`false`.as("has_file"),
        ])
        .where("owner_id", "=", ownerId)
        .where("status", "in", ["queued", "running"])
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows as JobRow[];
    },
  };
}
