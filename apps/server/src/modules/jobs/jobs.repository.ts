import type { JobListQuery } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { JobRow } from "../../platform/jobs.ts";

/**
 * Reads jobs for their owner. Every finder takes the owner's id: a job is nobody else's
 * business (an export's filters, an import's file), so another user's job is simply not found.
 */
export function jobsRepository(db: Kysely<DB>) {
  const selectJobs = (ownerId: number) =>
    db
      .selectFrom("jobs")
      .leftJoin("job_files as f", "f.job_id", "jobs.id")
      .select([
        "jobs.id",
        "jobs.kind",
        "jobs.owner_id",
        "jobs.status",
        "jobs.progress",
        "jobs.message",
        "jobs.message_params",
        "jobs.result",
        "jobs.created_at",
        "jobs.finished_at",
        sql<boolean>`f.job_id IS NOT NULL`.as("has_file"),
      ])
      .where("jobs.owner_id", "=", ownerId);

  return {
    async findOwn(ownerId: number, id: string): Promise<JobRow | undefined> {
      return (await selectJobs(ownerId).where("jobs.id", "=", id).executeTakeFirst()) as JobRow | undefined;
    },

    async listOwn(ownerId: number, query: JobListQuery): Promise<{ items: JobRow[]; total: number }> {
      let q = selectJobs(ownerId);
      if (query.status) q = q.where("jobs.status", "=", query.status);
      const [items, count] = await Promise.all([
        q
          .orderBy("jobs.created_at", "desc")
          .orderBy("jobs.id")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        db
          .selectFrom("jobs")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("owner_id", "=", ownerId)
          .$if(query.status !== undefined, (b) => b.where("status", "=", query.status ?? ""))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: items as JobRow[], total: count.n };
    },

    findOwnFile(ownerId: number, id: string) {
      return db
        .selectFrom("job_files as f")
        .innerJoin("jobs", "jobs.id", "f.job_id")
        .select(["f.file_name", "f.content_type", "f.content", "jobs.kind"])
        .where("jobs.id", "=", id)
        .where("jobs.owner_id", "=", ownerId)
        .where("jobs.status", "=", "succeeded")
        .executeTakeFirst();
    },

    /** Cancels a queued or running job of the owner's; a running one stops at its next progress report. */
    async cancelOwn(ownerId: number, id: string): Promise<boolean> {
      const result = await db
        .updateTable("jobs")
        .set({ status: "cancelled", finished_at: sql`now()`, message: "job.cancelled" })
        .where("id", "=", id)
        .where("owner_id", "=", ownerId)
        .where("status", "in", ["queued", "running"])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
