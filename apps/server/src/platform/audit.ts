import { type AuditAction, type AuditDetail, type AuditTargetType, auditDetail } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { type AuditChainKeys, appendChained, auditChainKeys } from "./audit-chain.ts";

export interface AuditRecord {
  action: AuditAction;
  result: "success" | "failure" | "denied";
  targetType?: AuditTargetType;
  targetId?: string | number;
  /** Ids, enum values, counts and field names only: see `auditDetail` in the contracts. */
  detail?: AuditDetail;
}

// recordAudit is called from every service with nothing but a database handle; the key is one per
// process (like the database itself), installed at start by main.ts, the CLI and the test helpers.
let chainKeys: AuditChainKeys | null = null;

/** Installs the audit secret (see loadAuditKey); without it nothing can be recorded, so nothing audited happens. */
export function useAuditKey(secret: Buffer): AuditChainKeys {
  chainKeys = auditChainKeys(secret);
  return chainKeys;
}

export class AuditDetailError extends Error {}

/**
 * Appends one record to the audit log as the next link of its chain. Call it with the transaction
 * of the change it records, so a change and its record land together or not at all (with a plain
 * handle it opens a transaction of its own). The detail is checked against the whitelist before
 * anything is written: a name or a typed text in it is a programming error, and fails the change.
 */
export async function recordAudit(
  db: Kysely<DB>,
  who: { userId: number | null; username: string | null; ip: string | null },
  record: AuditRecord,
): Promise<void> {
  const keys = chainKeys;
  if (!keys) throw new Error("the audit key is not installed (useAuditKey)");
  const parsed = auditDetail.safeParse(record.detail ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuditDetailError(
      `audit detail of ${record.action} refused at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  // Through JSON once, so the MAC is computed over exactly what jsonb will give back.
  const detail = JSON.parse(JSON.stringify(parsed.data)) as unknown;
  const row = {
    actor_id: who.userId,
    actor_name: who.username,
    ip: who.ip,
    action: record.action,
    target_type: record.targetType ?? null,
    target_id: record.targetId === undefined ? null : String(record.targetId),
    result: record.result,
    detail,
  };
  if (db.isTransaction) return appendChained(db, keys, row);
  return db.transaction().execute((trx) => appendChained(trx, keys, row));
}

/** The names of the fields a (validated, strict) body carries: what a write changed, never the values. */
export function fieldNames(body: object): string[] {
  return Object.keys(body).filter((k) => (body as Record<string, unknown>)[k] !== undefined);
}

type FilterValue = string | number | boolean;

/**
 * The filters of a query for the record: ids, enum values and dates as given; free-text filters
 * (a name, an ID number, a username typed into a box) only by name, under `searched`. Paging is
 * left out: it says nothing about what was looked at.
 */
export function describeFilters(
  query: Readonly<Record<string, unknown>>,
  freeText: readonly string[],
): Pick<AuditDetail, "filters" | "searched"> {
  const filters: Record<string, FilterValue> = {};
  const searched: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || key === "page" || key === "pageSize") continue;
    if (freeText.includes(key)) searched.push(key);
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") filters[key] = value;
  }
  return { filters, ...(searched.length ? { searched } : {}) };
}

/** What a route's `:id` names, by the route's first segment: the refusal's target. */
const targetOfSegment: Readonly<Record<string, AuditTargetType>> = {
  orgs: "organization",
  members: "member",
  users: "user",
};

/**
 * The record of a refused request, from what the HTTP layer knows: the route's pattern (never the
 * URL as sent, the query string or the body, which may hold names, ID numbers or passwords), the
 * status and code, and the target named by a numeric `:id`.
 */
export function refusalRecord(
  action: AuditAction,
  refusal: { method: string; route: string; params: unknown; status: number; code: string },
): AuditRecord {
  const id = (refusal.params as { id?: unknown } | null)?.id;
  // Raw text when refused before validation (onRequest), a number after it (zod coerces).
  const text = typeof id === "number" || typeof id === "string" ? String(id) : "";
  const numericId = /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : null;
  const segment = /^\/api\/([a-z-]+)\/:id(\/|$)/.exec(refusal.route)?.[1];
  const targetType = segment ? targetOfSegment[segment] : undefined;
  const httpMethod = ["GET", "POST", "PUT", "PATCH", "DELETE"].find((m) => m === refusal.method) as
    | AuditDetail["httpMethod"]
    | undefined;
  return {
    action,
    result: refusal.status === 403 || refusal.status === 404 ? "denied" : "failure",
    ...(targetType && numericId !== null ? { targetType, targetId: numericId } : {}),
    detail: {
      ...(httpMethod ? { httpMethod } : {}),
      ...(/^\/api\/[A-Za-z0-9/:_-]*$/.test(refusal.route) ? { route: refusal.route.slice(0, 100) } : {}),
      ...(segment === "role-assignments" && numericId !== null ? { assignmentId: numericId } : {}),
      status: refusal.status,
      // Our codes are identifiers; a framework's odd one is left out rather than refuse the record.
      ...(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,59}$/.test(refusal.code) ? { code: refusal.code } : {}),
    },
  };
}
