import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { AppError } from "./errors.ts";

/**
 * One heavy request per user at a time. A pairing solve or a roster export costs seconds of CPU
 * and tens to hundreds of MB; a user who fires twenty of them at once (a double-clicked button,
 * a script) took the whole server down for everyone. So while one of a user's heavy requests
 * runs, the next one — of either kind — is refused at once with 429, naming what is still
 * running, and a Retry-After.
 *
 * A route opts in with `config.heavy`. The check runs right after access control, before the
 * body is read, so a refused 100 MB upload is not parsed. The slot is freed when the response is
 * finished or the client goes away.
 *
 * One rule with the background jobs (platform/jobs.ts): a user's heavy job that is queued or
 * running counts as their heavy work too, so neither a second export in the request nor a second
 * heavy job starts beside it (the jobs table's partial unique index refuses the latter; this hook
 * asks the same table for the former). Both answer 429 with what is still running.
 *
 * The in-request count lives in this process: with several server processes behind a load
 * balancer each bounds its own share (the solver pool, which bounds memory, is per process too);
 * the jobs half of the rule holds across processes, being in the database.
 */
export const HEAVY_WORK_KINDS = ["pairing.solve", "member.export"] as const;
export type HeavyWorkKind = (typeof HEAVY_WORK_KINDS)[number];

declare module "fastify" {
  interface FastifyContextConfig {
    /** A heavy request: at most one per user runs at a time (platform/heavy-work.ts). */
    heavy?: HeavyWorkKind;
  }
}

/** Seconds a refused client is asked to wait: about one solve of a province or one county export. */
export const HEAVY_RETRY_AFTER_SECONDS = 5;

export interface HeavyWorkLimit {
  /** What the user is running now, if anything (for tests and diagnostics). */
  running(userId: number): HeavyWorkKind | undefined;
}

const busyWith = (kind: HeavyWorkKind) =>
  new AppError(429, "heavy.busy", {
    params: { messageCode: `heavy.busy.${kind}` },
    headers: { "retry-after": String(HEAVY_RETRY_AFTER_SECONDS) },
  });

export function installHeavyWorkLimit(app: FastifyInstance, db: Kysely<DB>): HeavyWorkLimit {
  const running = new Map<number, HeavyWorkKind>();
  // Added after installAccessControl's onRequest hook, so request.actor is known here.
  app.addHook("onRequest", async (request, reply) => {
    const kind = request.routeOptions.config?.heavy;
    const actor = request.actor;
    if (!kind || !actor) return;
    const busy = running.get(actor.userId);
    if (busy) throw busyWith(busy);
    const job = await db
      .selectFrom("jobs")
      .select("kind")
      .where("owner_id", "=", actor.userId)
      .where("heavy", "=", true)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (job) {
      throw new AppError(429, "job.heavyRunning", { headers: { "retry-after": String(HEAVY_RETRY_AFTER_SECONDS) } });
    }
    // Checked again after the await: a second request of the same user may have arrived meanwhile.
    const arrived = running.get(actor.userId);
    if (arrived) throw busyWith(arrived);
    running.set(actor.userId, kind);
    // 'close' comes once the response is sent, and also when the client disconnects first.
    reply.raw.once("close", () => running.delete(actor.userId));
  });
  return { running: (userId) => running.get(userId) };
}
