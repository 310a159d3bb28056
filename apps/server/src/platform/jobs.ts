import type { JobStatus, Locale } from "@huzhu/contracts";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { AppError } from "./errors.ts";

/**
 * Background jobs (issue 7): imports, exports, pairing rounds and reports run here, not in the
 * request that starts it, with progress the web page shows.
 *
 * - Stored in the `jobs` table; a runner claims queued jobs with FOR UPDATE SKIP LOCKED, so any
 *   number of server processes share one queue (and PGlite's single process works the same way).
 * - Modules register kinds (`runner.register`); a kind says whether it is heavy. One heavy job per
 *   user at a time: a second is *refused* with 429 while the first is queued or running (a
 *   partial unique index decides, so two simultaneous requests cannot both pass).
 * - Concurrency is bounded per process (`concurrency`).
 * - A job reports progress 0–1 with a message key. Its result (and file) is saved in the same
 *   transaction that marks it succeeded: a crash leaves it done or not done, never half-done.
 * - Restart: jobs left `running` by a process that stopped (no heartbeat for `staleSeconds`) are
 *   queued again while attempts remain, otherwise failed with the message `job.interrupted`.
 * - Finished jobs tell their owner through `onFinished` (the notifications service).
 */
export interface JobContext<P> {
  id: string;
  ownerId: number;
  params: P;
  locale: Locale;
  db: Kysely<DB>;
  /** Reports progress (0–1) and a message key; also the job's heartbeat. Throws when the job was cancelled. */
  progress(fraction: number, message?: string, messageParams?: Record<string, string | number>): Promise<void>;
}

export interface JobOutcome {
  /** Small JSON result (counts, ids) shown with the job. */
  result?: Record<string, unknown>;
  /** A file the owner downloads from `resultUrl`. */
  file?: { name: string; contentType: string; content: Buffer };
  /**
   * More writes that must land with the success (e.g. the audit record of an export), in the
   * transaction that marks the job succeeded.
   */
  commit?: (trx: Kysely<DB>) => Promise<void>;
}

export interface JobKind<P> {
  kind: string;
  /** Heavy jobs: one per user at a time. */
  heavy: boolean;
  /** Attempts before an interrupted job fails (default 2). */
  maxAttempts?: number;
  run(context: JobContext<P>): Promise<JobOutcome>;
}

export interface JobRow {
  id: string;
  kind: string;
  owner_id: number;
  status: JobStatus;
  progress: number;
  message: string | null;
  message_params: Record<string, string | number>;
  result: Record<string, unknown> | null;
  created_at: Date;
  finished_at: Date | null;
  has_file: boolean;
}

class JobCancelled extends Error {}

export interface JobRunnerOptions {
  /** Jobs one process runs at once (default 1: the machine is small and requests come first). */
  concurrency?: number;
  /** How often an idle runner looks for work, in ms (default 1000); enqueue wakes it at once. */
  pollMs?: number;
  /** Seconds without a heartbeat after which a running job counts as interrupted (default 60). */
  staleSeconds?: number;
  onFinished?: (job: { id: string; kind: string; ownerId: number; status: JobStatus }) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}

export function createJobRunner(db: Kysely<DB>, options: JobRunnerOptions = {}) {
  const kinds = new Map<string, JobKind<never>>();
  const concurrency = options.concurrency ?? 1;
  const pollMs = options.pollMs ?? 1000;
  const staleSeconds = options.staleSeconds ?? 60;
  const log = options.log ?? (() => {});
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  const active = new Set<Promise<void>>();

  async function recoverInterrupted() {
    // Attempts left: queue again; none left: fail with a clear message. One statement each, so
    // two processes starting together cannot both take the same job back.
    const stale = sql<boolean>`heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${staleSeconds})`;
    await db
      .updateTable("jobs")
      .set({ status: "queued", progress: 0, message: "job.retrying", started_at: null, heartbeat_at: null })
      .where("status", "=", "running")
      .where(stale)
      .whereRef("attempts", "<", "max_attempts")
      .execute();
    await db
      .updateTable("jobs")
      .set({ status: "failed", message: "job.interrupted", finished_at: sql`now()` })
      .where("status", "=", "running")
      .where(stale)
      .execute();
  }

  async function claim(): Promise<
    { id: string; kind: string; owner_id: number; params: unknown; locale: string } | undefined
  > {
    const names = [...kinds.keys()];
    if (names.length === 0) return undefined;
    const rows = await sql<{ id: string; kind: string; owner_id: number; params: unknown; locale: string }>`
      UPDATE jobs SET status = 'running', started_at = now(), heartbeat_at = now(), attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs WHERE status = 'queued' AND kind = ANY(${names})
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, owner_id, params, locale`.execute(db);
    return rows.rows[0];
  }

  async function finish(id: string, status: JobStatus, fields: { message?: string | null; messageParams?: object }) {
    await db
      .updateTable("jobs")
      .set({
        status,
        finished_at: sql`now()`,
        ...(fields.message !== undefined ? { message: fields.message } : {}),
        ...(fields.messageParams ? { message_params: JSON.stringify(fields.messageParams) } : {}),
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .execute();
  }

  async function execute(job: { id: string; kind: string; owner_id: number; params: unknown; locale: string }) {
    const kind = kinds.get(job.kind);
    if (!kind) return;
    const context: JobContext<never> = {
      id: job.id,
      ownerId: job.owner_id,
      params: job.params as never,
      locale: job.locale as Locale,
      db,
      async progress(fraction, message, messageParams) {
        const row = await db
          .updateTable("jobs")
          .set({
            progress: Math.min(1, Math.max(0, fraction)),
            heartbeat_at: sql`now()`,
            ...(message !== undefined ? { message } : {}),
            ...(messageParams ? { message_params: JSON.stringify(messageParams) } : {}),
          })
          .where("id", "=", job.id)
          .returning("status")
          .executeTakeFirst();
        if (row?.status === "cancelled") throw new JobCancelled();
      },
    };
    let status: JobStatus = "succeeded";
    try {
      const outcome = await kind.run(context);
      await db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable("jobs")
          .set({
            status: "succeeded",
            progress: 1,
            message: "job.succeeded",
            result: outcome.result ? JSON.stringify(outcome.result) : null,
            finished_at: sql`now()`,
          })
          .where("id", "=", job.id)
          .where("status", "=", "running")
          .executeTakeFirst();
        // Cancelled (or taken back as interrupted) while finishing: nothing of the result lands.
        if (Number(done.numUpdatedRows) !== 1) throw new JobCancelled();
        if (outcome.file) {
          await trx
            .insertInto("job_files")
            .values({
              job_id: job.id,
              file_name: outcome.file.name,
              content_type: outcome.file.contentType,
              content: outcome.file.content,
            })
            .execute();
        }
        if (outcome.commit) await outcome.commit(trx);
      });
    } catch (error) {
      if (error instanceof JobCancelled) {
        status = "cancelled";
      } else {
        status = "failed";
        log(`job ${job.id} (${job.kind}) failed`, error);
        const known = error instanceof AppError;
        await finish(job.id, "failed", {
          message: known ? error.code : "job.failed",
          messageParams: known ? (error.options.params ?? {}) : {},
        });
      }
    }
    if (options.onFinished) {
      await options
        .onFinished({ id: job.id, kind: job.kind, ownerId: job.owner_id, status })
        .catch((error: unknown) => log(`job ${job.id}: could not notify its owner`, error));
    }
  }

  async function pump() {
    while (!stopped && running < concurrency) {
      const job = await claim().catch((error: unknown) => {
        log("could not claim a job", error);
        return undefined;
      });
      if (!job) return;
      running += 1;
      const task = execute(job).finally(() => {
        running -= 1;
        active.delete(task);
        if (!stopped) void pump();
      });
      active.add(task);
    }
  }

  return {
    register<P>(kind: JobKind<P>) {
      if (kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} registered twice`);
      kinds.set(kind.kind, kind as JobKind<never>);
    },

    /**
     * Queues a job for its owner. Pass the transaction of the request that starts it, so the job
     * exists only if the request succeeded. A second heavy job of one user answers 429.
     */
    async enqueue<P>(
      trx: Kysely<DB>,
      kind: JobKind<P>,
      input: { ownerId: number; params: P; locale: Locale },
    ): Promise<string> {
      if (!kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is not registered`);
      try {
        const row = await trx
          .insertInto("jobs")
          .values({
            kind: kind.kind,
            owner_id: input.ownerId,
            heavy: kind.heavy,
            params: JSON.stringify(input.params),
            locale: input.locale,
            max_attempts: kind.maxAttempts ?? 2,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        setImmediate(() => void pump());
        return row.id;
      } catch (error) {
        const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
        if (e.code === "23505" && String(e.constraint ?? e.message).includes("jobs_one_heavy_per_user")) {
          throw new AppError(429, "job.heavyRunning", { headers: { "retry-after": "30" } });
        }
        throw error;
      }
    },

    /** Starts working: takes back interrupted jobs, then polls. */
    async start() {
      stopped = false;
      await recoverInterrupted();
      const tick = () => {
        void pump().finally(() => {
          if (!stopped) timer = setTimeout(tick, pollMs);
        });
      };
      tick();
    },

    /** Stops claiming and waits for the jobs in hand. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...active]);
    },

    /** Runs queued jobs until none is left (tests and the CLI). */
    async drain() {
      for (;;) {
        await pump();
        if (active.size === 0) {
          const next = await claim();
          if (!next) return;
          running += 1;
          await execute(next).finally(() => {
            running -= 1;
          });
          continue;
        }
        await Promise.allSettled([...active]);
      }
    },

    recoverInterrupted,
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
