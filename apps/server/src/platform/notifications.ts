import { type Kysely, sql } from "kysely";
import type { Database } from "../db/client.ts";
import type { DB } from "../db/schema.ts";

/**
 * Notifications (issue 7): modules tell users something happened (a job finished, a need was
 * claimed, a booking approved) through `notifyUsers`, inside the transaction of the change, so a
 * rolled-back change notifies nobody. The row is the notification; `pg_notify` wakes the live
 * streams (server-sent events) of the recipients at commit, in whichever process holds them.
 *
 * `kind` is a message key (`notification.<kind>` in platform/i18n.ts) and `params` its
 * parameters: ids, counts and organization names, never personal data.
 */
export const NOTIFY_CHANNEL = "huzhu_notifications";

export interface NotificationInput {
  kind: string;
  params?: Record<string, string | number>;
  /** A path inside the web app, e.g. "/jobs" or "/needs/42". */
  link?: string | null;
}

export async function notifyUsers(trx: Kysely<DB>, userIds: readonly number[], input: NotificationInput) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await trx
    .insertInto("notifications")
    .values(
      ids.map((user_id) => ({
        user_id,
        kind: input.kind,
        params: JSON.stringify(input.params ?? {}),
        link: input.link ?? null,
      })),
    )
    .execute();
  for (const id of ids) await sql`SELECT pg_notify(${NOTIFY_CHANNEL}, ${String(id)})`.execute(trx);
}

/**
 * Whom to tell about a step in an organization's shared work (a need claimed, a contribution to
 * confirm): the accounts holding a secretary's or a coordinator's role at these organizations,
 * enabled, except the one who acted.
 */
export async function contactsOfOrganizations(
  db: Kysely<DB>,
  orgIds: readonly number[],
  exceptUserId: number | null = null,
): Promise<number[]> {
  if (orgIds.length === 0) return [];
  let q = db
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .select("role_assignments.user_id")
    .distinct()
    .where("role_assignments.org_id", "in", [...new Set(orgIds)])
    .where("role_assignments.role", "in", ["secretary", "coordinator"])
    .where("users.disabled", "=", false);
  if (exceptUserId !== null) q = q.where("role_assignments.user_id", "<>", exceptUserId);
  return (await q.execute()).map((r) => r.user_id);
}

/**
 * One LISTEN per process, fanned out to the streams open in it. Payload: the recipient's user id.
 * Anything may wake a stream spuriously (another schema's tests, a rolled-forward retry): the
 * stream re-reads the user's unread count, so a spurious wake costs one query and shows nothing false.
 */
export function createNotificationHub(database: Database) {
  const listeners = new Map<number, Set<() => void>>();
  let stop: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;

  function ensureListening() {
    starting ??= database
      .listen(NOTIFY_CHANNEL, (payload) => {
        const userId = Number(payload);
        for (const wake of listeners.get(userId) ?? []) wake();
      })
      .then((unlisten) => {
        stop = unlisten;
      });
    return starting;
  }

  return {
    /** Calls `wake` whenever something arrives for the user; answers the unsubscribe function. */
    async subscribe(userId: number, wake: () => void): Promise<() => void> {
      await ensureListening();
      const set = listeners.get(userId) ?? new Set();
      set.add(wake);
      listeners.set(userId, set);
      return () => {
        set.delete(wake);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    async close() {
      listeners.clear();
      await starting?.catch(() => {});
      await stop?.();
    },
  };
}
export type NotificationHub = ReturnType<typeof createNotificationHub>;
