import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { AppError } from "./errors.ts";

/**
 * A per-user limit on answers that leak something a few at a time (an ID number "already used"
 * elsewhere): at most `max` events of `kind` in a sliding `windowMs`. The events live in the
 * database (rate_events), so the limit holds across restarts and across server processes.
 */
export interface RateLimit {
  kind: string;
  max: number;
  windowMs: number;
  /** The 429's message key; its text gets {max} and {minutes}. */
  code: string;
  /** The request field the refusal is about, so a form shows it there. */
  field?: string;
}

export interface RateState {
  /** Events in the window, this one included when it was recorded. */
  count: number;
  /** Seconds until the oldest event in the window leaves it. */
  retryAfterSeconds: number;
}

/** The 429 for a user over a limit, with Retry-After, in the request's language (errors.ts). */
export function rateLimited(limit: RateLimit, state: RateState): AppError {
  return new AppError(429, limit.code, {
    ...(limit.field ? { field: limit.field } : {}),
    params: { max: limit.max, minutes: Math.max(1, Math.ceil(state.retryAfterSeconds / 60)) },
    headers: { "retry-after": String(state.retryAfterSeconds) },
  });
}

async function state(db: Kysely<DB>, userId: number, limit: RateLimit, now: Date): Promise<RateState> {
  const since = new Date(now.getTime() - limit.windowMs);
  const row = await db
    .selectFrom("rate_events")
    .select([sql<number>`count(*)::int`.as("n"), sql<Date | null>`min(at)`.as("oldest")])
    .where("user_id", "=", userId)
    .where("kind", "=", limit.kind)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime();
  return {
    count: row.n,
    retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now.getTime()) / 1000)),
  };
}

/** Refuses (429) a user who has already used up the limit; answers nothing otherwise. */
export async function checkRateLimit(db: Kysely<DB>, userId: number, limit: RateLimit, now: Date): Promise<void> {
  const current = await state(db, userId, limit, now);
  if (current.count >= limit.max) throw rateLimited(limit, current);
}

/**
 * Records one event for the user, unless the limit is already used up (then it throws the 429,
 * so that answer replaces the one the event stood for). In its own transaction, under a per-user
 * lock: parallel requests cannot all slip under the limit. Returns the count including this event,
 * so the caller can act when it reaches the limit (raise an alert). Also forgets events of the kind
 * older than the window, so the table holds about `max` rows per active user and kind.
 */
export async function recordRateEvent(db: Kysely<DB>, userId: number, limit: RateLimit, now: Date): Promise<RateState> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`huzhu.rate.${limit.kind}`}), ${userId})`.execute(trx);
    // Everyone's expired events of this kind, not only this user's: nothing else ever deletes them.
    await trx
      .deleteFrom("rate_events")
      .where("kind", "=", limit.kind)
      .where("at", "<=", new Date(now.getTime() - limit.windowMs))
      .execute();
    const current = await state(trx, userId, limit, now);
    if (current.count >= limit.max) throw rateLimited(limit, current);
    await trx.insertInto("rate_events").values({ user_id: userId, kind: limit.kind, at: now }).execute();
    return state(trx, userId, limit, now);
  });
}
